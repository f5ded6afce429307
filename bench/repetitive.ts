// npx tsx bench/repetitive.ts [-- 10000 50000] [--rounds 3] [--before DIR]
// Repetitive text: paragraphs of 3–6 sentences drawn from a pool of State of the Union sentences so small
// that each sentence is reused about ten times in different paragraphs. Times findDuplicates with the
// default options (overlaps on) and with overlaps: false, alternately in one process (`rounds` times
// each, medians), and prints the ratio. --before DIR: the same in a second process with another checkout's
// library (DIR/src/index.ts, e.g. main's code in /tmp). Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkoutsToCompare, machineLine } from './machine.js';
import { seededRandom } from './random.js';
import { sotuSentences } from './sotu.js';

/** `paragraphs` paragraphs in documents of 20, their sentences reused about `reuse` times each. */
export function repetitiveCorpus(paragraphs: number, reuse = 10, seed = 5): string[] {
  const random = seededRandom(seed);
  const all = sotuSentences().filter((s) => {
    const words = s.split(' ').length;
    return words >= 8 && words <= 40;
  });
  const perParagraph = 4.5; // 3–6 sentences
  const pool = all.slice(0, Math.max(10, Math.round((paragraphs * perParagraph) / reuse)));
  const texts: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const count = 3 + Math.floor(random() * 4);
    texts.push(Array.from({ length: count }, () => pool[Math.floor(random() * pool.length)]).join(' '));
  }
  const docs: string[] = [];
  for (let i = 0; i < texts.length; i += 20) docs.push(texts.slice(i, i + 20).join('\n\n'));
  return docs;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rounds: { type: 'string', default: '3' },
    before: { type: 'string' },
    one: { type: 'string' },
  },
});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

if (values.one !== undefined) {
  const lib = values.one ? await import(resolve(values.one)) : await import('../src/index.js');
  for (const size of positionals.map(Number)) {
    const docs = repetitiveCorpus(size);
    const times: Record<string, number[]> = { full: [], 'overlaps: false': [] };
    let counts = '';
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const [name, options] of [
        ['full', {}],
        ['overlaps: false', { overlaps: false }],
      ] as const) {
        const started = performance.now();
        try {
          const report = await lib.findDuplicates(docs, { ...options, maxPairs: 50_000_000 });
          times[name].push(performance.now() - started);
          if (round === 0)
            counts += ` ${name}: ${report.stats.candidates} candidates, ${report.stats.pairs} pairs${report.passages ? `, ${report.passages.length} passages, ${report.clusters.length} clusters` : ''};`;
        } catch (error) {
          times[name].push(Number.NaN);
          counts += ` ${name}: ${(error as { code?: string }).code ?? error};`;
        }
      }
    }
    const full = median(times.full);
    const off = median(times['overlaps: false']);
    console.log(
      JSON.stringify({
        size,
        full,
        off,
        ratio: full / off,
        counts,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      }),
    );
  }
} else {
  const sizes = positionals.length > 0 ? positionals : ['10000'];
  console.log(machineLine());
  const libraries = checkoutsToCompare(values.before);
  for (const [label, library] of libraries) {
    const out = execFileSync(
      process.execPath,
      [
        '--max-old-space-size=6144',
        '--import',
        'tsx',
        new URL(import.meta.url).pathname,
        '--one',
        library,
        '--rounds',
        values.rounds,
        ...sizes,
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    for (const line of out.trim().split('\n')) {
      const r = JSON.parse(line);
      console.log(
        `${label}, ${r.size} paragraphs: full ${(r.full / 1000).toFixed(2)} s, overlaps: false ${(r.off / 1000).toFixed(2)} s, ratio ${r.ratio.toFixed(2)}× (medians of ${values.rounds});${r.counts} peak RSS ${r.peakRssMb.toFixed(0)} MB`,
      );
    }
  }
}
