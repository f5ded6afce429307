import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

describe('public API surface', () => {
  it('exports exactly these names (a change here is a change to the contract)', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'DEFAULTS',
        'EMPTY_SLOT',
        'LANGUAGES',
        'LshIndex',
        'NearDupError',
        'SIGNATURE_SCHEME',
        'candidateProbability',
        'containment',
        'createDetector',
        'createHasher',
        'createIndex',
        'editSimilarity',
        'estimateJaccard',
        'findBlocks',
        'findDuplicates',
        'fmix32',
        'hashSequence',
        'hashWords',
        'intersectionSize',
        'jaccard',
        'loadIndex',
        'normalizeText',
        'normalizeWord',
        'optimalParams',
        'permutationKeys',
        'renderHtml',
        'renderJson',
        'renderSarif',
        'renderText',
        'resolveOptions',
        'shingleHashes',
        'sharedRuns',
        'signInto',
        'sortUnique',
        'splitParagraphs',
        'toSarif',
        'tokenize',
        'winnow',
        'winnowingParams',
      ].sort(),
    );
  });

  it('createDetector gives find and signature, synchronous after set-up', async () => {
    const detector = await api.createDetector();
    const report = detector.find(['same words here', 'same words here']);
    expect(report.version).toBe(2);
    const signature = detector.signature('same words here');
    expect(signature).toBeInstanceOf(Uint32Array);
    expect(signature).toHaveLength(detector.options.numHashes);
    expect(api.estimateJaccard(signature, detector.signature('same words here'))).toBe(1);
  });
});

describe('browser-safe core', () => {
  it('imports nothing from node:* outside the CLI (src/cli/) and neardup/node (src/node/)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const dir = join(__dirname, '..', 'src');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.ts') && !f.startsWith('cli') && !f.startsWith('node'),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source, file).not.toMatch(/from\s+['"]node:|require\(\s*['"]node:|\bprocess\.|\bBuffer\b/);
    }
  });
});
