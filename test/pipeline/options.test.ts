import { describe, expect, it } from 'vitest';
import { createDetector, DEFAULTS, findDuplicates, NearDupError, resolveOptions } from '../../src/index.js';
import { quotingParagraphs } from '../helpers.js';

async function rejection(promise: Promise<unknown>): Promise<NearDupError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NearDupError);
  const e = error as NearDupError;
  expect(e.message.startsWith('neardup:')).toBe(true);
  return e;
}

describe('input validation', () => {
  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an object', { text: 'x' }],
    ['undefined', undefined],
  ])('rejects %s instead of an array (INVALID_INPUT)', async (_name, input) => {
    const e = await rejection(findDuplicates(input as never));
    expect(e.code).toBe('INVALID_INPUT');
  });

  it('rejects a document whose text is not a string, naming it', async () => {
    const e = await rejection(findDuplicates([{ id: 'memo', text: 42 as never }]));
    expect(e.code).toBe('INVALID_DOCUMENT');
    expect(e.message).toContain('"memo"');
    expect(e.message).toContain('42');
  });

  it.each([[null], [7], [['a']], [{ id: 3, text: 'x' }], [{ id: '', text: 'x' }]])(
    'rejects the document %j',
    async (doc) => {
      const e = await rejection(findDuplicates([doc as never]));
      expect(e.code).toBe('INVALID_DOCUMENT');
    },
  );

  it('rejects duplicate ids, including a given id that equals a generated one', async () => {
    let e = await rejection(
      findDuplicates([
        { id: 'x', text: 'a' },
        { id: 'x', text: 'b' },
      ]),
    );
    expect(e.code).toBe('DUPLICATE_ID');
    expect(e.message).toContain('"x"');
    e = await rejection(findDuplicates(['first', { id: 'doc-1', text: 'second' }]));
    expect(e.code).toBe('DUPLICATE_ID');
  });

  it('gives plain strings the ids doc-1, doc-2, …', async () => {
    const report = await findDuplicates(['one two three', { text: 'x' }, 'five six']);
    expect(report.documents.map((d) => d.id)).toEqual(['doc-1', 'doc-2', 'doc-3']);
  });

  it('handles odd but valid text without crashing', async () => {
    const odd = [
      '',
      '   \n\t  ',
      '\uD800 lone \uDC00 surrogates \uD800',
      'control \u0000\u0001\u0007 characters\u001b[31m',
      '💥💥💥 emoji only 💥',
      '--- *** ---',
      'x'.repeat(50_000),
    ];
    const report = await findDuplicates(odd);
    expect(report.documents).toHaveLength(odd.length);
    expect(report.documents[0].paragraphs).toEqual([]);
    expect(report.documents[1].paragraphs).toEqual([]);
    expect(report.documents[5].paragraphs[0].words).toBe(0);
  });

  it('signature() rejects a non-string', async () => {
    const detector = await createDetector();
    expect(() => detector.signature(5 as never)).toThrow(NearDupError);
  });
});

describe('option validation', () => {
  // Each message names the option and the offending value as given (strings quoted).
  it.each([
    [{ threshold: 0 }, 'threshold', 'got 0'],
    [{ threshold: 1.5 }, 'threshold', 'got 1.5'],
    [{ threshold: -0.1 }, 'threshold', 'got -0.1'],
    [{ threshold: Number.NaN }, 'threshold', 'got NaN'],
    [{ threshold: Number.POSITIVE_INFINITY }, 'threshold', 'got Infinity'],
    [{ threshold: '0.8' }, 'threshold', 'got "0.8"'],
    [{ numHashes: 100.5 }, 'numHashes', 'got 100.5'],
    [{ numHashes: 4 }, 'numHashes', 'got 4'],
    [{ numHashes: 0 }, 'numHashes', 'got 0'],
    [{ shingleSize: 0 }, 'shingleSize', 'got 0'],
    [{ shingleUnit: 'letter' }, 'shingleUnit', 'got "letter"'],
    [{ minOverlapWords: 1 }, 'minOverlapWords', 'got 1'],
    [{ seed: -1 }, 'seed', 'got -1'],
    [{ bands: 0 }, 'bands', 'got 0'],
    [{ rows: 200 }, 'rows', 'got 200'],
    [{ maxPairs: 0 }, 'maxPairs', 'got 0'],
    [{ passageParagraphs: 1 }, 'passageParagraphs', 'got 1'],
    [{ passageParagraphs: 2.5 }, 'passageParagraphs', 'got 2.5'],
    [{ documentShare: 0 }, 'documentShare', 'got 0'],
    [{ documentShare: 1.2 }, 'documentShare', 'got 1.2'],
    [{ documentShare: '0.8' }, 'documentShare', 'got "0.8"'],
    [{ maxEditChars: -1 }, 'maxEditChars', 'got -1'],
    [{ minBlockPairs: 0.5 }, 'minBlockPairs', 'got 0.5'],
    [{ minCandidateProbability: 2 }, 'minCandidateProbability', 'got 2'],
    [{ paragraphs: 'sentences' }, 'paragraphs', 'got "sentences"'],
    [{ stem: 'klingon' }, 'stem', 'got "klingon"'],
    [{ stem: 5 }, 'stem', 'got 5'],
    [{ stopwords: [1, 2] }, 'stopwords', 'item 0 is 1'],
    [{ stopwords: ['the', undefined] }, 'stopwords', 'item 1 is undefined'],
    [{ stopwords: 'klingon' }, 'stopwords', 'got "klingon"'],
    [{ overlaps: 'yes' }, 'overlaps', 'got "yes"'],
    [{ bridgeGap: -1 }, 'bridgeGap', 'got -1'],
    [{ bridgeGap: 21 }, 'bridgeGap', 'got 21'],
    [{ bridgeGap: 1.5 }, 'bridgeGap', 'got 1.5'],
    [{ bridgeGap: '3' }, 'bridgeGap', 'got "3"'],
    [{ bridgeDensity: 0 }, 'bridgeDensity', 'got 0'],
    [{ bridgeDensity: 1.01 }, 'bridgeDensity', 'got 1.01'],
    [{ bridgeDensity: Number.NaN }, 'bridgeDensity', 'got NaN'],
    [{ bridgeDensity: true }, 'bridgeDensity', 'got true'],
    [{ falseNegativeWeight: 2 }, 'falseNegativeWeight', 'got 2'],
    [
      { falsePositiveWeight: 0, falseNegativeWeight: 0 },
      'falsePositiveWeight and falseNegativeWeight',
      'got 0 and 0',
    ],
  ])('rejects %j with INVALID_OPTION naming %s and the value (%s)', async (options, name, value) => {
    const e = await rejection(createDetector(options as never));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain(`option${name.includes(' and ') ? 's' : ''} ${name} `);
    expect(e.message).toContain(value);
  });

  it('names the language natural has no stopword list for', async () => {
    const e = await rejection(createDetector({ stopwords: 'german' }).then((d) => d.find(['a b c'])));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain('no stopword list for "german"');
  });

  it('rejects unknown option names and suggests the intended one', async () => {
    const e = await rejection(createDetector({ treshold: 0.8 } as never));
    expect(e.code).toBe('UNKNOWN_OPTION');
    expect(e.message).toContain('"treshold"');
    expect(e.message).toContain('"threshold"');
    const far = await rejection(createDetector({ zzzzzzzz: 1 } as never));
    expect(far.message).not.toContain('did you mean');
  });

  it('rejects bands × rows larger than numHashes', async () => {
    const e = await rejection(createDetector({ numHashes: 64, bands: 10, rows: 7 }));
    expect(e.code).toBe('BANDS_EXCEED_HASHES');
    expect(e.message).toContain('bands × rows = 10 × 7 = 70');
    expect(e.message).toContain('numHashes = 64');
  });

  it('rejects options that are not an object', async () => {
    const e = await rejection(createDetector('fast' as never));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toBe('neardup: options must be an object, got "fast"');
  });

  it('fills in every default and derives bands and rows from the threshold', () => {
    const { resolved } = resolveOptions({});
    expect(resolved).toMatchObject({
      threshold: DEFAULTS.threshold,
      numHashes: DEFAULTS.numHashes,
      shingleSize: DEFAULTS.wordShingleSize,
      minOverlapWords: DEFAULTS.minOverlapWords,
      paragraphs: 'auto',
      passageParagraphs: 10,
      documentShare: 0.8,
    });
    expect(resolved.bands * resolved.rows).toBeLessThanOrEqual(resolved.numHashes);
    expect(resolveOptions({ bands: 16 }).resolved).toMatchObject({ bands: 16, rows: 8 });
    expect(resolveOptions({ rows: 4 }).resolved).toMatchObject({ bands: 32, rows: 4 });
    expect(resolveOptions({ shingleUnit: 'char' }).resolved.shingleSize).toBe(DEFAULTS.charShingleSize);
  });

  it('records a custom splitter as "custom" and uses it', async () => {
    const report = await findDuplicates(['alpha beta gamma|alpha beta gamma'], {
      paragraphs: (text) => {
        const cut = text.indexOf('|');
        return [
          [0, cut],
          [cut + 1, text.length],
        ];
      },
    });
    expect(report.options.paragraphs).toBe('custom');
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0].kind).toBe('exact');
  });

  it('turns overlaps off', async () => {
    const a = 'one two three four five six seven eight nine ten and then something else entirely different';
    const b =
      'completely unrelated words one two three four five six seven eight nine ten more unrelated text';
    expect((await findDuplicates([a, b])).pairs.map((p) => p.kind)).toEqual(['overlap']);
    expect((await findDuplicates([a, b], { overlaps: false })).pairs).toEqual([]);
  });
});

describe('review fixes: odd inputs reported, not skipped', () => {
  it('reports a hole in a sparse array instead of skipping it', async () => {
    // biome-ignore lint/suspicious/noSparseArray: the point of the test
    const e = await rejection(findDuplicates([, 'a b c d', 'a b c d'] as never));
    expect(e.code).toBe('INVALID_DOCUMENT');
    expect(e.message).toContain('document 0');
  });

  it('signature() rejects objects and numbers, naming the value', async () => {
    const detector = await createDetector();
    for (const bad of [{ text: 'x' }, 42, undefined]) {
      try {
        detector.signature(bad as never);
        expect.unreachable();
      } catch (error) {
        expect((error as NearDupError).code).toBe('INVALID_DOCUMENT');
        expect((error as NearDupError).message).toMatch(/^neardup: signature\(\) takes .* got /);
      }
    }
  });

  it('trims custom splitter ranges and does not make whitespace-only ranges paragraphs', async () => {
    const report = await findDuplicates(['   x   '], {
      paragraphs: () => [
        [0, 2],
        [2, 2],
        [2, 7],
      ],
    });
    expect(report.documents[0].paragraphs).toEqual([{ index: 0, start: 3, end: 4, words: 1 }]);
  });

  it('names a BigInt range in a NearDupError', async () => {
    const e = await rejection(findDuplicates(['abc'], { paragraphs: () => [[0n, 2n]] as never }));
    expect(e.code).toBe('INVALID_OPTION');
    expect(e.message).toContain('[0, 2]');
  });

  it('optimalParams rejects weights that are not numbers in [0, 1]', async () => {
    const { optimalParams } = await import('../../src/index.js');
    expect(() => optimalParams(0.7, 128, { falsePositive: Number.NaN, falseNegative: -1 })).toThrow(
      /weight falsePositive must be a number in \[0, 1\], got NaN/,
    );
  });
});

describe('maxPairs', () => {
  // Different paragraphs quoting one sentence: overlap pairs, which maxPairs bounds (passageParagraphs
  // raised, or the sentence would be one repeated passage instead).
  const quoting = (n: number) => quotingParagraphs(n).join('\n');
  const asPairs = { passageParagraphs: 1_000_000 };

  it('stops with TOO_MANY_PAIRS instead of exhausting memory on overlaps between every two paragraphs', async () => {
    const e = await rejection(findDuplicates([quoting(60)], { maxPairs: 1000, ...asPairs }));
    expect(e.code).toBe('TOO_MANY_PAIRS');
    expect(e.message).toContain('more than 1000 overlap pairs');
    expect(e.message).toContain('maxPairs');
  });

  it('stops before verification when the candidates alone exceed 20 × maxPairs', async () => {
    const e = await rejection(findDuplicates([quoting(300)], { maxPairs: 1000, ...asPairs }));
    expect(e.code).toBe('TOO_MANY_PAIRS');
    expect(e.message).toMatch(/^neardup: 44850 candidate pairs, over the limit of 20000/);
  });

  it('reports every pair up to the limit', async () => {
    const report = await findDuplicates([quoting(45)], { maxPairs: 990, ...asPairs });
    expect(report.pairs).toHaveLength(990);
    expect(report.options.maxPairs).toBe(990);
  });

  it('never counts copies: 300 copies of one line are one cluster of 299 pairs, whatever maxPairs', async () => {
    const copies = Array.from({ length: 300 }, () => 'Advertisement: subscribe to our newsletter today.');
    const report = await findDuplicates([copies.join('\n')], { maxPairs: 10 });
    expect(report.pairs).toHaveLength(299);
    expect(report.clusters).toHaveLength(1);
    expect(report.clusters[0].members).toHaveLength(300);
  });

  it('with the default passageParagraphs, the quoted sentence is one repeated passage and no pair', async () => {
    const report = await findDuplicates([quoting(300)], { maxPairs: 10 });
    expect(report.pairs).toEqual([]);
    expect(report.passages).toHaveLength(1);
    expect(report.passages[0].words).toBe(11);
    expect(report.passages[0].occurrences).toHaveLength(300);
  });
});
