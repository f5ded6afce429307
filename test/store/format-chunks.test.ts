// The saved index in chunks (issue 13.5): saveChunks() gives save()'s bytes in pieces, loadIndexFrom()
// reads them back from pieces of any sizes, so an index file's size is bounded by the disk rather than by
// one Uint8Array (readFile refuses files over 2 GiB, one array holds 4 GiB).
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/corpus.js';
import { NearDupError } from '../../src/errors.js';
import { oneBuffer } from '../../src/store/format.js';
import { createIndex, loadIndex, loadIndexFrom } from '../../src/store/lasting-index.js';
import { Xxh32Stream, xxh32 } from '../../src/util/xxh32.js';
import { withChecksum } from './index-bytes.js';

const withoutTime = <T extends { stats: { ms: number } }>(report: T) => ({
  ...report,
  stats: { ...report.stats, ms: 0 },
});
const docs = generateCorpus({ paragraphs: 300, seed: 5 }).documents;

async function sampleIndex() {
  const index = await createIndex({ threshold: 0.6 });
  index.add(docs.slice(0, 12));
  index.add(['an unnamed one \uD800 with a lone surrogate']);
  return index;
}

/** The bytes cut at the given points (sorted, deduplicated), as chunks. */
function cutAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set([0, ...cuts.map((c) => c % (bytes.length + 1)), bytes.length])].sort(
    (x, y) => x - y,
  );
  return points.slice(1).map((end, i) => bytes.subarray(points[i], end));
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'loaded';
  } catch (error) {
    if (!(error instanceof NearDupError)) throw error;
    return error.code;
  }
}

describe('Xxh32Stream', () => {
  it('gives xxh32 of all the pieces together, however they are cut', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.nat(),
        (bytes, cuts, seed) => {
          const stream = new Xxh32Stream(seed >>> 0);
          for (const piece of cutAt(bytes, cuts)) stream.update(piece);
          expect(stream.digest()).toBe(xxh32(bytes, bytes.length, seed >>> 0));
        },
      ),
    );
  });
});

describe('saveChunks and loadIndexFrom', () => {
  it('saveChunks gives the bytes of save() in chunks of chunkSize, each a new array', async () => {
    const index = await sampleIndex();
    const bytes = index.save();
    const chunks = [...index.saveChunks({ chunkSize: 64 })];
    expect(chunks.length).toBe(Math.ceil(bytes.length / 64));
    expect(chunks.slice(0, -1).every((c) => c.length === 64)).toBe(true);
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    const single = [...index.saveChunks({ chunkSize: 1 })];
    expect(single.length).toBe(bytes.length);
    expect(Buffer.concat([...index.saveChunks()]).equals(Buffer.from(bytes))).toBe(true);
    for (const chunkSize of [0, -1, 1.5, '64', Number.NaN])
      expect(() => index.saveChunks({ chunkSize: chunkSize as number })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', message: expect.stringContaining('chunkSize') }),
      );
  });

  it('loadIndexFrom restores the index from chunks of any sizes, sync, async or a Node stream', async () => {
    const index = await sampleIndex();
    const bytes = index.save();
    const expectSame = async (loaded: Awaited<ReturnType<typeof loadIndex>>) => {
      expect(loaded.ids()).toEqual(index.ids());
      expect(withoutTime(loaded.report())).toEqual(withoutTime(index.report()));
      expect(Buffer.from(loaded.save()).equals(Buffer.from(bytes))).toBe(true);
    };
    await expectSame(await loadIndexFrom(index.saveChunks({ chunkSize: 3 })));
    await expectSame(await loadIndexFrom([bytes]));
    await expectSame(await loadIndexFrom(Readable.from(index.saveChunks({ chunkSize: 1000 }))));
    async function* slowly() {
      for (const chunk of index.saveChunks({ chunkSize: 517 })) {
        await new Promise((resolve) => setImmediate(resolve));
        yield chunk;
        yield new Uint8Array(0); // empty chunks are skipped
      }
    }
    await expectSame(await loadIndexFrom(slowly()));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 30 }), async (cuts) => {
        const loaded = await loadIndexFrom(cutAt(bytes, cuts));
        expect(Buffer.from(loaded.save()).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 30 },
    );
    const again = await loadIndexFrom(cutAt(bytes, [5, 99]), { threshold: 0.9 });
    expect(again.options.threshold).toBe(0.9);
    await expect(loadIndexFrom([bytes], { shingleSize: 5 })).rejects.toMatchObject({
      code: 'INDEX_MISMATCH',
    });
  });

  it('loadIndexFrom throws INDEX_FORMAT as loadIndex does on damaged, cut or padded bytes', async () => {
    const bytes = (await sampleIndex()).save();
    const chunksOf = (b: Uint8Array) => cutAt(b, [7, 100, 1000, 5000]);
    const expectFormat = (b: Uint8Array, message: RegExp) =>
      expect(loadIndexFrom(chunksOf(b))).rejects.toMatchObject({
        code: 'INDEX_FORMAT',
        message: expect.stringMatching(message),
      });
    await expectFormat(bytes.subarray(0, bytes.length - 10), /damaged or cut short/);
    await expectFormat(bytes.subarray(0, bytes.length - 1), /damaged or cut short/);
    await expectFormat(bytes.subarray(0, 10), /not a neardup index/);
    const flipped = bytes.slice();
    flipped[Math.floor(bytes.length / 2)] ^= 0x40;
    await expectFormat(flipped, /damaged or cut short/);
    const headerFlipped = bytes.slice();
    headerFlipped[40] ^= 0x01; // inside the JSON header: unreadable there, but the checksum says why
    await expectFormat(headerFlipped, /damaged or cut short/);
    const padded = withChecksum(Buffer.concat([bytes.subarray(0, -4), Buffer.alloc(9), Buffer.alloc(4)]));
    await expectFormat(padded, /bytes after its last document/);
    const otherVersion = bytes.slice();
    new DataView(otherVersion.buffer).setUint32(8, 7, true);
    await expectFormat(otherVersion, /index format version 7; this neardup reads version/);
    await expect(loadIndexFrom(['not bytes'] as unknown as Uint8Array[])).rejects.toMatchObject({
      code: 'INDEX_FORMAT',
      message: expect.stringContaining('chunks of bytes (Uint8Array), got "not bytes"'),
    });
    await expect(loadIndexFrom(42 as unknown as Uint8Array[])).rejects.toMatchObject({
      code: 'INDEX_FORMAT',
      message: expect.stringContaining('iterable of Uint8Array chunks'),
    });
  });

  it('loads from chunks exactly what loadIndex loads from the same damaged bytes', async () => {
    const bytes = (await sampleIndex()).save();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ at: fc.nat({ max: bytes.length - 5 }), xor: fc.integer({ min: 1, max: 255 }) }),
          {
            minLength: 1,
            maxLength: 2,
          },
        ),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (flips, cuts) => {
          const damaged = bytes.slice();
          for (const { at, xor } of flips) damaged[at] ^= xor;
          const fixed = withChecksum(damaged); // checksum made right: the checks behind it decide
          expect(await codeOf(loadIndexFrom(cutAt(fixed, cuts)))).toBe(await codeOf(loadIndex(fixed)));
          expect(await codeOf(loadIndexFrom(cutAt(damaged, cuts)))).toBe(await codeOf(loadIndex(damaged)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('save() past what one array holds throws INDEX_TOO_LARGE, pointing to saveChunks', () => {
    expect(() => oneBuffer(2 ** 53)).toThrow(
      expect.objectContaining({
        code: 'INDEX_TOO_LARGE',
        message: expect.stringMatching(/^neardup: the index is 9007199254740992 bytes, .*saveChunks/),
      }),
    );
    expect(oneBuffer(10)).toHaveLength(10);
  });
});
