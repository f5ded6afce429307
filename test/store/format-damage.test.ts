// loadIndex on damaged bytes whose checksum was made right again, so that every check behind the
// checksum runs: it loads an index that works, or throws INDEX_FORMAT; never another error, never an
// index that crashes later.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NearDupError } from '../../src/errors.js';
import { createIndex, loadIndex } from '../../src/store/lasting-index.js';
import { editHeader, headerRange, withChecksum } from './index-bytes.js';

async function smallIndex(): Promise<Uint8Array> {
  const index = await createIndex({ numHashes: 16, minOverlapWords: 3 });
  index.add([
    { id: 'a', text: 'One two three four five.\n\nSix seven eight nine ten.' },
    { id: 'b', text: 'Six seven eight nine ten.\n\nAnd \uD800 a lone surrogate here.' },
    'Eleven twelve thirteen, one two three four.',
  ]);
  return index.save();
}

/** Loads the bytes and uses the index; the error code when it throws (any other error fails the test). */
async function outcome(bytes: Uint8Array): Promise<string> {
  try {
    const index = await loadIndex(bytes);
    index.report();
    index.query({ id: 'a query', text: 'One two three four five.\n\nSix seven eight nine ten.' });
    for (const id of index.ids()) index.document(id);
    index.save();
    if (index.ids().length > 0) index.remove(index.ids()[0]);
    index.report();
    return 'loaded';
  } catch (error) {
    if (!(error instanceof NearDupError)) throw error;
    if (error.code === 'INDEX_MISMATCH' && !/saved with (tokenizer|signatureScheme) =/.test(error.message))
      return `INDEX_MISMATCH, not about the schemes: ${error.message}`;
    return error.code;
  }
}

const expectFormat = async (bytes: Uint8Array, message: RegExp) =>
  expect(loadIndex(bytes)).rejects.toMatchObject({
    code: 'INDEX_FORMAT',
    message: expect.stringMatching(message),
  });

describe('loadIndex on damaged bytes (checksum recomputed)', () => {
  it('loads a working index or throws INDEX_FORMAT, for random flipped bytes and cuts', async () => {
    const bytes = await smallIndex();
    const [, headerEnd] = headerRange(bytes);
    const flip = fc.record({ at: fc.nat({ max: bytes.length - 5 }), xor: fc.integer({ min: 1, max: 255 }) });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ flips: fc.array(flip, { minLength: 1, maxLength: 3 }) }),
          // Mostly in the records (after the header), where the numbers that point inside a record are.
          fc.record({
            flips: fc.array(
              flip.filter((f) => f.at >= headerEnd),
              { minLength: 1, maxLength: 3 },
            ),
          }),
          fc.record({ cut: fc.nat({ max: bytes.length - 1 }) }),
        ),
        async (damage) => {
          let damaged: Uint8Array;
          if ('cut' in damage) {
            damaged = new Uint8Array(damage.cut + 4);
            damaged.set(bytes.subarray(0, damage.cut));
          } else {
            damaged = bytes.slice();
            for (const { at, xor } of damage.flips) damaged[at] ^= xor;
          }
          const code = await outcome(withChecksum(damaged));
          // A flip inside the header may also rename the tokenizer or the signature scheme: that reads as
          // an index of another build (INDEX_MISMATCH), which damage cannot be told apart from.
          const inHeader = 'flips' in damage && damage.flips.some((f) => f.at < headerEnd);
          expect(
            inHeader ? ['loaded', 'INDEX_FORMAT', 'INDEX_MISMATCH'] : ['loaded', 'INDEX_FORMAT'],
          ).toContain(code);
        },
      ),
      { numRuns: 400 },
    );
  }, 120_000);

  it('refuses a header that is not JSON, or not an object of the right shape', async () => {
    const bytes = await smallIndex();
    const [start] = headerRange(bytes);
    const broken = bytes.slice();
    broken[start] = 0x5b; // '[' instead of '{'
    await expectFormat(withChecksum(broken), /header is not JSON/);
    await expectFormat(
      editHeader(bytes, (h) => {
        h.parameters = null as never;
      }),
      /no options or parameters/,
    );
    await expectFormat(
      editHeader(bytes, (h) => {
        h.documents = -1;
      }),
      /-1 documents/,
    );
    await expectFormat(
      editHeader(bytes, (h) => {
        h.parameters.bands = 'six';
      }),
      /parameter bands = "six"/,
    );
    await expectFormat(
      editHeader(bytes, (h) => {
        h.options.bands = 7;
      }),
      /option bands = 7 but parameter 6/,
    );
    await expectFormat(
      editHeader(bytes, (h) => {
        h.options.threshold = 7;
      }),
      /options that are not valid .*threshold/,
    );
  });

  it('refuses records whose numbers point outside themselves', async () => {
    const bytes = await smallIndex();
    const body = bytes.length - 4;
    const view = (b: Uint8Array) => new DataView(b.buffer);
    // The last u32 before the checksum is the paragraph of the last document's last fingerprint.
    const far = bytes.slice();
    view(far).setUint32(body - 4, 999_999, true);
    await expectFormat(withChecksum(far), /fingerprint of paragraph 999999/);
    // The first record starts after the header: id length and id "a", encoding, text length, text, n.
    const [, headerEnd] = headerRange(bytes);
    const encoding = headerEnd + 4 + 1;
    const odd = bytes.slice();
    view(odd).setUint32(encoding, 2, true);
    await expectFormat(withChecksum(odd), /text encoding 2/);
    const textLength = view(bytes).getUint32(encoding + 4, true);
    const firstParagraph = encoding + 8 + textLength + 4;
    const outside = bytes.slice();
    view(outside).setUint32(firstParagraph + 8, textLength + 100, true); // paragraph 0's end
    await expectFormat(withChecksum(outside), /paragraph 0 .* outside its text/);
  });
});
