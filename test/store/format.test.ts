import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { DEFAULTS } from '../../src/pipeline/options.js';
import { INDEX_FORMAT_VERSION } from '../../src/store/format.js';
import { createIndex, loadIndex } from '../../src/store/lasting-index.js';
import { TOKENIZER_VERSION } from '../../src/text/tokenize.js';
import { seedArticles } from '../helpers.js';
import { editHeader } from './index-bytes.js';

const withoutTime = <T extends { stats: { ms: number } }>(report: T) => ({
  ...report,
  stats: { ...report.stats, ms: 0 },
});
const docs = generateCorpus({ paragraphs: 400, seed: 3 }).documents;

async function savedIndex() {
  const index = await createIndex({ threshold: 0.6 });
  index.add(docs.slice(0, 15));
  index.add(['an unnamed document, numbered by the index']);
  return index;
}

describe('save and loadIndex', () => {
  it('restore an index exactly: same report, same answers, same ids and numbering', async () => {
    const index = await savedIndex();
    const bytes = index.save();
    const again = await loadIndex(bytes);
    expect(again.options).toEqual(index.options);
    expect(again.ids()).toEqual(index.ids());
    expect(withoutTime(again.report())).toEqual(withoutTime(index.report()));
    const newcomer = { id: 'newcomer', text: docs[15].text };
    expect(again.query(newcomer)).toEqual(index.query(newcomer));
    expect(Array.from(again.save())).toEqual(Array.from(bytes));
    again.add(['next']);
    expect(again.ids().at(-1)).toBe('doc-17');
  });

  it('loads from a view at any offset, such as a Node Buffer from readFileSync', async () => {
    const index = await savedIndex();
    const bytes = index.save();
    const padded = Buffer.concat([Buffer.alloc(3), Buffer.from(bytes), Buffer.alloc(5)]).subarray(
      3,
      3 + bytes.length,
    );
    expect(padded.byteOffset % 4).not.toBe(0);
    expect(withoutTime((await loadIndex(padded)).report())).toEqual(withoutTime(index.report()));
  });

  it('keeps texts with lone surrogates and other odd characters exactly', async () => {
    const odd = {
      id: 'odd \u{1F600}',
      text: 'a \uD800 lone surrogate,\u0000 a NUL and \r\n CRLF, café, 東京',
    };
    const index = await createIndex();
    index.add([odd, ...seedArticles()]);
    const again = await loadIndex(index.save());
    expect(withoutTime(again.report())).toEqual(withoutTime(index.report()));
  });

  it('throws INDEX_FORMAT on bytes that are not a whole index, and never returns part of one', async () => {
    const bytes = (await savedIndex()).save();
    const expectFormat = (b: unknown, text: RegExp) =>
      expect(loadIndex(b as Uint8Array)).rejects.toMatchObject({
        code: 'INDEX_FORMAT',
        message: expect.stringMatching(text),
      });
    await expectFormat(bytes.subarray(0, bytes.length - 10), /damaged or cut short/);
    await expectFormat(bytes.subarray(0, 10), /not a neardup index/);
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)] ^= 0x40;
    await expectFormat(flipped, /damaged or cut short/);
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint32(8, INDEX_FORMAT_VERSION + 1, true);
    await expectFormat(otherVersion, new RegExp(`version ${INDEX_FORMAT_VERSION + 1}`));
    await expectFormat(new TextEncoder().encode('{"not": "an index"}'), /not a neardup index/);
    await expectFormat([1, 2, 3], /Uint8Array/);
  });

  it('throws INDEX_MISMATCH when options would hash differently, and lets the rest change', async () => {
    const bytes = (await savedIndex()).save();
    await expect(loadIndex(bytes, { numHashes: 64 })).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringContaining('numHashes = 128'),
    });
    await expect(loadIndex(bytes, { shingleSize: 4 })).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
    await expect(loadIndex(bytes, { seed: 1 })).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
    const stricter = await loadIndex(bytes, { threshold: 0.9, maxEditChars: 100 });
    expect(stricter.options.threshold).toBe(0.9);
    expect([stricter.options.bands, stricter.options.rows]).toEqual([
      (await savedIndex()).options.bands,
      (await savedIndex()).options.rows,
    ]);
  });

  it('throws INDEX_MISMATCH for an index of another tokenizer version or signature scheme', async () => {
    const bytes = (await savedIndex()).save();
    const other = (key: string, value: string) =>
      editHeader(bytes, (h) => {
        h.parameters[key] = value;
      });
    await expect(loadIndex(other('tokenizer', 'nfkc-casefold-v0'))).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringMatching(
        /^neardup: the index was saved with tokenizer = "nfkc-casefold-v0", these options give "/,
      ),
    });
    await expect(loadIndex(other('signatureScheme', 'minhash-fmix32-v1'))).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
      message: expect.stringMatching(/signatureScheme = "minhash-fmix32-v1", these options give "fss-/),
    });
    // The header edit itself is sound: the same edit with the current values loads.
    expect((await loadIndex(other('tokenizer', TOKENIZER_VERSION))).ids()).toHaveLength(16);
  });

  it('throws INDEX_MISMATCH for other stopwords, and keeps the saved ones by default', async () => {
    const index = await createIndex({ stopwords: ['the', 'of'] });
    index.add(docs.slice(0, 4));
    const bytes = index.save();
    for (const stopwords of [['the'], ['the', 'of', 'a'], false] as const) {
      await expect(loadIndex(bytes, { stopwords: stopwords as string[] | false })).rejects.toMatchObject({
        code: 'INDEX_MISMATCH',
        message: expect.stringContaining('the index was saved with stopwords = ["the","of"]'),
      });
    }
    const again = await loadIndex(bytes);
    expect(again.options.stopwords).toEqual(['the', 'of']);
    expect(withoutTime(again.report())).toEqual(withoutTime(index.report()));
    expect((await loadIndex(bytes, { stopwords: ['the', 'of'] })).ids()).toEqual(index.ids());
  });

  it('asks for a custom paragraph splitter again', async () => {
    const splitter = (text: string) => [[0, text.length]] as [number, number][];
    const index = await createIndex({ paragraphs: splitter });
    index.add(['one text', 'one text']);
    const bytes = index.save();
    await expect(loadIndex(bytes)).rejects.toMatchObject({ code: 'INDEX_MISMATCH' });
    expect((await loadIndex(bytes, { paragraphs: splitter })).report().pairs).toHaveLength(1);
  });
});

describe('known-answer vectors (docs/index-format.md)', () => {
  const fixture = async (name: string) => {
    const { readFileSync } = await import('node:fs');
    const hex = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').replace(/\s+/g, '');
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  };

  it('save() writes exactly the documented bytes, and loading them gives the same index', async () => {
    const bytes = await fixture('index-v2.hex');
    const index = await createIndex({ numHashes: 16, minOverlapWords: 3 });
    index.add([{ id: 'a', text: 'one two three four' }]);
    expect(Buffer.from(index.save()).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
    const loaded = await loadIndex(bytes);
    expect(loaded.ids()).toEqual(['a']);
    expect(withoutTime(loaded.report())).toEqual(withoutTime(index.report()));
  });

  // Format 2 keeps 64-bit fingerprints (issue 13.9); the 32-bit ones of format 1 cannot be widened, so a
  // format 1 index is refused before its tokenizer is looked at (that refusal is tested above, on a
  // header edited to name the old tokenizer).
  it('refuses indexes of format version 1, whatever their tokenizer, saying to build them again', async () => {
    const older = ['index-v1.hex', 'index-v1-tokenizer-v2.hex', 'index-v1-tokenizer-v2-without-bridging.hex'];
    for (const name of older) {
      const bytes = await fixture(name);
      await expect(loadIndex(bytes)).rejects.toMatchObject({
        code: 'INDEX_FORMAT',
        message:
          'neardup: index format version 1; this neardup reads version 2 (an older neardup wrote it: build the index again from the documents)',
      });
    }
  });

  it('loads the same index with a header from before passageParagraphs and documentShare, with their defaults', async () => {
    const bytes = editHeader(await fixture('index-v2.hex'), (header) => {
      delete header.options.passageParagraphs;
      delete header.options.documentShare;
    });
    const loaded = await loadIndex(bytes);
    expect(loaded.options).toMatchObject({
      passageParagraphs: DEFAULTS.passageParagraphs,
      documentShare: DEFAULTS.documentShare,
    });
    const index = await createIndex({ numHashes: 16, minOverlapWords: 3 });
    index.add([{ id: 'a', text: 'one two three four' }]);
    expect(withoutTime(loaded.report())).toEqual(withoutTime(index.report()));
  });

  // Such a header was written by format 1 only (refused above); the rule that reads it stays tested.
  it('loads the same index with a header from before the bridging options, with their defaults', async () => {
    const bytes = editHeader(await fixture('index-v2.hex'), (header) => {
      delete header.options.bridgeGap;
      delete header.options.bridgeDensity;
    });
    const loaded = await loadIndex(bytes);
    expect(loaded.options).toMatchObject({
      bridgeGap: DEFAULTS.bridgeGap,
      bridgeDensity: DEFAULTS.bridgeDensity,
    });
    const index = await createIndex({ numHashes: 16, minOverlapWords: 3 });
    index.add([{ id: 'a', text: 'one two three four' }]);
    expect(withoutTime(loaded.report())).toEqual(withoutTime(index.report()));
  });
});
