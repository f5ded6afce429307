import { describeValue, NearDupError } from '../errors.js';

/** Called with the candidate pairs verified so far and how many there are in all. */
export type ProgressCallback = (verified: number, candidates: number) => void;

/** What a detection reports while it runs: the last argument of findDuplicates, find and findStream. */
export interface ProgressOptions {
  /**
   * Called while candidate pairs are verified (the long part of a detection on repetitive text): first
   * with (0, total) once the candidates are known, then at most every 4,096 candidates, last with
   * (total, total). It runs on the detection's thread, so keep it quick; throwing from it stops the
   * detection with that error.
   */
  onProgress?: ProgressCallback;
}

/** Candidates verified between two calls of onProgress. */
export const PROGRESS_EVERY = 4096;

/** The onProgress callback of `progress` (checked here, at the boundary), or undefined. */
export function progressCallback(progress: unknown): ProgressCallback | undefined {
  if (progress === undefined) return undefined;
  if (typeof progress !== 'object' || progress === null || Array.isArray(progress)) {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: the progress argument must be an object such as { onProgress }, got ${describeValue(progress)}`,
    );
  }
  const { onProgress } = progress as ProgressOptions;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new NearDupError(
      'INVALID_OPTION',
      `neardup: onProgress must be a function (verified, candidates) => void, got ${describeValue(onProgress)}`,
    );
  }
  return onProgress;
}
