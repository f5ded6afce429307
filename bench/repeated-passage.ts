// npx tsx bench/repeated-passage.ts [-- --documents 20000 --with 2000] [--before DIR]
// Issue 14's case: a 42-word passage inside `with` of `documents` otherwise different documents (3 generated
// paragraphs each), pasted into the middle of their first paragraph; beside it the same corpus without the
// passage, and with the passage as a paragraph of its own (exact copies). Each corpus is streamed into
// findDuplicates in a fresh process (bench/scale.ts --one: time, peak RSS); --before DIR runs each also with
// another checkout's library. Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CORPUS_VERSION, generateCorpus } from './corpus.js';
import { checkoutsToCompare, machineLine } from './machine.js';

/** 42 words. */
export const PASSAGE =
  'This message and any attachments are confidential and intended solely for the addressee; if you have received it in error, please notify the sender immediately and delete it, since any use, disclosure or copying of its contents by others is strictly prohibited by law.';

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '20000' },
    with: { type: 'string', default: '2000' },
    before: { type: 'string' },
  },
});
const documents = Number(values.documents);
const holding = Number(values.with);
const dir = join(os.tmpdir(), 'neardup-scale');
mkdirSync(dir, { recursive: true });

function corpus(variant: 'without' | 'inside' | 'paragraph'): string {
  const file = join(dir, `passage-v${CORPUS_VERSION}-${documents}-${holding}-${variant}.jsonl`);
  if (existsSync(file)) return file;
  const generated = generateCorpus({ paragraphs: documents * 3, docSize: 3, seed: 9 }).documents;
  const step = documents / holding;
  const lines = generated.map((d, i) => {
    const has = variant !== 'without' && Math.floor(i / step) * step === i;
    if (!has) return JSON.stringify(d);
    const [first, ...rest] = d.text.split('\n\n');
    const words = first.split(' ');
    const half = Math.floor(words.length / 2);
    const text =
      variant === 'inside'
        ? [[...words.slice(0, half), PASSAGE, ...words.slice(half)].join(' '), ...rest].join('\n\n')
        : [first, PASSAGE, ...rest].join('\n\n');
    return JSON.stringify({ id: d.id, text });
  });
  writeFileSync(file, lines.join('\n'));
  return file;
}

console.log(machineLine());
const libraries = checkoutsToCompare(values.before);
for (const variant of ['without', 'inside', 'paragraph'] as const) {
  const file = corpus(variant);
  for (const [label, library] of libraries) {
    const out = execFileSync(
      process.execPath,
      [
        '--max-old-space-size=6144',
        '--import',
        'tsx',
        join(import.meta.dirname, 'scale.ts'),
        '--one',
        file,
        '0',
        library,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const r = JSON.parse(out.trim().split('\n').pop() as string);
    console.log(
      `${variant === 'without' ? 'without the passage' : variant === 'inside' ? `passage inside a paragraph of ${holding} documents` : `passage as a paragraph of ${holding} documents`}, ${label}: ${(r.ms / 1000).toFixed(1)} s, peak RSS ${r.peakRssMb.toFixed(0)} MB, ${r.error ? r.error : `${r.candidates} candidates, ${r.pairs} pairs, ${r.clusters} clusters (largest ${r.largestCluster}), ${r.passages} passages (most occurrences ${r.largestPassage})`}`,
    );
  }
}
