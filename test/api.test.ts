import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
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
        'loadIndexFrom',
        'normalizeText',
        'normalizeWord',
        'optimalParams',
        'permutationKeys',
        'renderHtml',
        'renderHtmlChunks',
        'renderJson',
        'renderJsonChunks',
        'renderSarif',
        'renderSarifChunks',
        'renderText',
        'renderTextChunks',
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
  it('imports nothing from node:* outside the CLI (src/cli/) and neardup/node (src/node/)', () => {
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

// The pipeline order of src/ (ARCHITECTURE.md): a file may import its own folder and folders before it,
// never one after it. errors.ts, types.ts and util/ are open to every file; index.ts (the API) may import
// anything but node/ and cli/ (it is the browser-safe entry).
const ORDER = [
  'text',
  'sketch',
  'candidates',
  'verify',
  'group',
  'pipeline',
  'store',
  'report',
  'node',
  'cli',
];
const OPEN = new Set(['errors.ts', 'types.ts', 'util']);

/** Every relative module a source imports: import and export … from, import type, side-effect and dynamic import(). */
function relativeImports(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) found.push(m[1]);
  return found.filter((spec) => spec.startsWith('.'));
}

/** The part of src/ a path (relative to src/, '/'-separated) belongs to: a folder name or a top-level file. */
const partOf = (path: string) => path.split('/')[0];

/** Why `from` may not import `to` (both relative to src/), or undefined when it may. */
function importViolation(from: string, to: string): string | undefined {
  const source = partOf(from);
  const target = partOf(to);
  if (source === target) return undefined;
  if (source === 'util') return target === 'errors.ts' ? undefined : 'util/ imports only util/ and errors.ts';
  if (source === 'errors.ts') return 'errors.ts imports nothing';
  if (source === 'types.ts') return 'types.ts imports nothing';
  if (OPEN.has(target)) return undefined;
  if (target === 'index.ts')
    return source === 'cli' ? undefined : 'only cli/ imports the public API (index.ts)';
  if (source === 'index.ts')
    return target === 'node' || target === 'cli'
      ? 'index.ts stays browser-safe: no node/ or cli/'
      : undefined;
  if (source === 'report') return 'report/ imports only types.ts, errors.ts and util/';
  const s = ORDER.indexOf(source);
  const t = ORDER.indexOf(target);
  if (s < 0 || t < 0) return `unknown part of src/: ${s < 0 ? source : target}`;
  return t > s ? `${source}/ comes before ${target}/ in the pipeline` : undefined;
}

describe('import order of src/', () => {
  const src = join(__dirname, '..', 'src');
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(sep).join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = readFileSync(join(src, file), 'utf8');
    const targets = relativeImports(source).map((spec) =>
      posix.normalize(posix.join(posix.dirname(file), spec)).replace(/\.js$/, '.ts'),
    );
    graph.set(file, targets);
  }

  it('reads the imports of every kind', () => {
    expect(
      relativeImports(
        [
          "import { a } from './a.js';",
          "import type { B } from '../b/b.js';",
          "export { c } from './c.js';",
          "export type { D } from './d.js';",
          "import './e.js';",
          "const f = await import('../f/f.js');",
          "import {\n  g,\n  type H,\n} from './g.js';",
          "import x from 'xxhash-wasm';",
        ].join('\n'),
      ),
    ).toEqual(['./a.js', '../b/b.js', './c.js', './d.js', './g.js', './e.js', '../f/f.js']);
    expect(graph.size).toBeGreaterThan(50);
  });

  it('catches an import of a later folder, a renderer importing a stage, and a stage importing the API', () => {
    expect(importViolation('verify/pair-verifier.ts', 'pipeline/corpus.ts')).toMatch(/before pipeline/);
    expect(importViolation('text/language.ts', 'pipeline/options.ts')).toMatch(/before pipeline/);
    expect(importViolation('candidates/buckets.ts', 'store/entries.ts')).toMatch(/before store/);
    expect(importViolation('report/sarif.ts', 'sketch/hash.ts')).toMatch(/report\/ imports only/);
    expect(importViolation('types.ts', 'pipeline/options.ts')).toMatch(/types.ts imports nothing/);
    expect(importViolation('util/grow.ts', 'sketch/hash.ts')).toMatch(/util\//);
    expect(importViolation('store/x.ts', 'index.ts')).toMatch(/only cli/);
    expect(importViolation('index.ts', 'node/index.ts')).toMatch(/browser-safe/);
    expect(importViolation('pipeline/find.ts', 'candidates/lookup.ts')).toBeUndefined();
    expect(importViolation('cli/main.ts', 'index.ts')).toBeUndefined();
    expect(importViolation('report/text.ts', 'errors.ts')).toBeUndefined();
  });

  it('has no import of a later folder in any file', () => {
    const violations: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        expect(graph.has(target), `${file} imports ${target}, which does not exist`).toBe(true);
        const why = importViolation(file, target);
        if (why) violations.push(`${file} → ${target}: ${why}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no import cycle between files (a cycle is found where there is one)', () => {
    expect(
      cyclesOf(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', ['c.ts']],
          ['c.ts', ['a.ts']],
        ]),
      ),
    ).toEqual(['a.ts → b.ts → c.ts → a.ts']);
    expect(cyclesOf(graph)).toEqual([]);
  });
});

/** Each import cycle met by a depth-first walk of the graph, as "a → b → a". */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  return cycles;
}
