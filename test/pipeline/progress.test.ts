import { describe, expect, it } from 'vitest';
import { createDetector, findDuplicates, NearDupError } from '../../src/index.js';
import { quotingDocs } from '../report/boilerplate.js';

// 120 files of 30 paragraphs quoting a sentence in groups of 9: 14,400 candidate pairs, so progress
// comes in several steps.
const documents = quotingDocs(120, 30);

/** The (verified, total) calls of onProgress during `run`. */
async function progressOf(
  run: (onProgress: (v: number, t: number) => void) => Promise<{ stats: { candidates: number } }>,
) {
  const calls: [number, number][] = [];
  const report = await run((verified, total) => calls.push([verified, total]));
  return { calls, candidates: report.stats.candidates };
}

function expectSteady(calls: [number, number][], candidates: number): void {
  expect(candidates).toBeGreaterThan(3 * 4096);
  expect(calls[0]).toEqual([0, candidates]);
  expect(calls.at(-1)).toEqual([candidates, candidates]);
  for (let i = 1; i < calls.length; i++) {
    expect(calls[i][1]).toBe(candidates);
    expect(calls[i][0] - calls[i - 1][0]).toBeGreaterThan(0);
    expect(calls[i][0] - calls[i - 1][0]).toBeLessThanOrEqual(4096);
  }
  expect(calls.length).toBe(Math.ceil(candidates / 4096) + 1);
}

describe('onProgress', () => {
  it('reports verification from 0 to every candidate, in steps of 4,096, for findDuplicates', async () => {
    const { calls, candidates } = await progressOf((onProgress) =>
      findDuplicates(documents, {}, { onProgress }),
    );
    expectSteady(calls, candidates);
  });

  it('does the same for detector.find and detector.findStream', async () => {
    const detector = await createDetector();
    const find = await progressOf(async (onProgress) => detector.find(documents, { onProgress }));
    expectSteady(find.calls, find.candidates);
    async function* stream() {
      yield* documents;
    }
    const streamed = await progressOf((onProgress) => detector.findStream(stream(), { onProgress }));
    expect(streamed.calls).toEqual(find.calls);
  });

  it('stops the detection with the error it throws', async () => {
    const stop = new Error('stop here');
    let calls = 0;
    const onProgress = (verified: number) => {
      calls++;
      if (verified > 0) throw stop;
    };
    await expect(findDuplicates(documents, {}, { onProgress })).rejects.toBe(stop);
    expect(calls).toBe(2);
  });

  it('is checked before any work: a progress argument that is not { onProgress: function } is INVALID_OPTION', async () => {
    for (const bad of [{ onProgress: 5 }, { onProgress: 'x' }, 'onProgress', null, [() => {}]]) {
      const error = await findDuplicates(documents, {}, bad as never).catch((e) => e);
      expect(error).toBeInstanceOf(NearDupError);
      expect(error.code).toBe('INVALID_OPTION');
      expect(error.message).toMatch(
        /^neardup: (onProgress must be a function|the progress argument must be an object)/,
      );
    }
    const detector = await createDetector();
    expect(() => detector.find(documents, { onProgress: 1 as never })).toThrow(/got 1$/);
    expect(await findDuplicates(documents.slice(0, 2), {}, {})).toBeTruthy(); // no callback is fine
  });
});
