import type { ShingleParams } from '../sketch/features.js';
import type { LanguageParams } from '../text/language.js';
import type { ResolvedOptions } from '../types.js';
import type { VerifyParams } from '../verify/pair-verifier.js';

// Each stage takes only the options it uses, picked here once from the resolved options, so a stage can
// be read (and tested) without the whole bag.

export function languageParams(o: ResolvedOptions): LanguageParams {
  return { stem: o.stem, stopwords: o.stopwords };
}

export function shingleParams(o: ResolvedOptions): ShingleParams {
  return { shingleSize: o.shingleSize, shingleUnit: o.shingleUnit, seed: o.seed };
}

export function verifyParams(o: ResolvedOptions): VerifyParams {
  return {
    threshold: o.threshold,
    overlaps: o.overlaps,
    minOverlapWords: o.minOverlapWords,
    bridgeGap: o.bridgeGap,
    bridgeDensity: o.bridgeDensity,
    shingleSize: o.shingleSize,
    shingleUnit: o.shingleUnit,
    maxEditChars: o.maxEditChars,
  };
}
