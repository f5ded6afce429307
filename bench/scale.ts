// npm run bench:scale [-- 10000 100000 1000000] [--threads N] [--boilerplate 100,1000,5000,20000] [--before DIR]:
// findDuplicates end to end at growing corpus sizes. Each corpus is generated once into a JSON-lines file; a
// fresh process then streams it into findDuplicates (the async-iterable entry point), so its peak RSS is the
// detection's own. --boilerplate K,…: also the same corpus with K of its paragraphs (evenly spaced) replaced by
// copies of one licence paragraph, beside the corpus without them (K = 0). --before DIR: each run also with
// the library of another checkout (DIR/src/index.ts, e.g. main's code in /tmp), alternately, in the same run.
// Prints; asserts nothing. A run that throws (TOO_MANY_PAIRS) is printed with its error code and time.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BOILERPLATE } from './boilerplate.js';
import { CORPUS_VERSION, generateCorpus } from './corpus.js';
import { checkoutsToCompare, machineLine } from './machine.js';

const MB = 1024 * 1024;
const BUILT_NODE_ENTRY: string = '../dist/node.js'; // a variable: type-checks before the first build
const dir = join(os.tmpdir(), 'neardup-scale');

/** User + system CPU seconds of this process so far (steadier than wall time on a shared machine). */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

async function* jsonLines(file: string): AsyncGenerator<{ id: string; text: string }> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line);
  }
}

/** The generated corpus of `size` paragraphs, with `copies` of them replaced by BOILERPLATE, as a JSON-lines file. */
function corpusFile(size: number, copies: number): string {
  const name = `sotu-v${CORPUS_VERSION}-${size}-seed42${copies > 0 ? `-boilerplate${copies}` : ''}.jsonl`;
  const file = join(dir, name);
  if (existsSync(file)) return file;
  const { documents } = generateCorpus({ paragraphs: size, seed: 42 });
  const step = copies > 0 ? size / copies : 0;
  let p = 0;
  let next = 0; // the next paragraph number to replace
  let planted = 0;
  const out = documents.map((d) => {
    const paragraphs = d.text.split('\n\n').map((text) => {
      const replace = planted < copies && p++ >= next;
      if (!replace) return text;
      planted++;
      next = Math.floor(planted * step);
      return BOILERPLATE;
    });
    return JSON.stringify({ id: d.id, text: paragraphs.join('\n\n') });
  });
  writeFileSync(file, out.join('\n'));
  return file;
}

if (process.argv[2] === '--one') {
  const [, , , file, threadsArg, library] = process.argv;
  const threads = Number(threadsArg ?? 0);
  const lib = library ? await import(resolve(library)) : await import('../src/index.js');
  const started = performance.now();
  try {
    // With threads, the built neardup/node (its worker script is a file of dist/).
    const report = threads
      ? await (await import(BUILT_NODE_ENTRY)).findDuplicatesParallel(jsonLines(file), {}, { threads })
      : await lib.findDuplicates(jsonLines(file));
    console.log(
      JSON.stringify({
        paragraphs: report.stats.paragraphs,
        ms: performance.now() - started,
        candidates: report.stats.candidates,
        pairs: report.stats.pairs,
        clusters: report.clusters?.length ?? '',
        passages: report.passages?.length ?? '',
        documentGroups: report.documentGroups?.length ?? '',
        largestCluster: Math.max(
          0,
          ...(report.clusters ?? []).map((c: { members: unknown[] }) => c.members.length),
        ),
        largestPassage: Math.max(
          0,
          ...(report.passages ?? []).map((p: { occurrences: unknown[] }) => p.occurrences.length),
        ),
        cpuS: cpuSeconds(),
        peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      }),
    );
  } catch (error) {
    console.log(
      JSON.stringify({
        ms: performance.now() - started,
        error: (error as { code?: string }).code ?? String(error),
        cpuS: cpuSeconds(),
        peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      }),
    );
  }
} else {
  const flag = (name: string, fallback: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? process.argv.splice(at, 2)[1] : fallback;
  };
  const threads = flag('--threads', '0');
  const copies = [0, ...flag('--boilerplate', '').split(',').filter(Boolean).map(Number)];
  const before = flag('--before', '');
  if (threads !== '0') execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0) sizes.push(10_000, 100_000);
  mkdirSync(dir, { recursive: true });
  console.log(machineLine());
  const libraries = checkoutsToCompare(before || undefined);
  const rows = [];
  for (const size of sizes) {
    for (const k of copies) {
      const file = corpusFile(size, k);
      const textMb =
        Number(execFileSync('wc', ['-c', file], { encoding: 'utf8' }).trim().split(/\s+/)[0]) / 1e6;
      for (const [label, library] of libraries) {
        const out = execFileSync(
          process.execPath,
          [
            '--max-old-space-size=6144',
            '--import',
            'tsx',
            new URL(import.meta.url).pathname,
            '--one',
            file,
            threads,
            library,
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const row = { size, k, label, textMb, ...JSON.parse(out.trim().split('\n').pop() as string) };
        console.error(JSON.stringify(row));
        rows.push(row);
      }
    }
  }
  console.log(
    threads === '0'
      ? 'one thread (findDuplicates)'
      : `verification on ${threads} worker threads (findDuplicatesParallel)`,
  );
  console.table(
    rows.map((r) => ({
      paragraphs: r.paragraphs ?? r.size,
      ...(copies.length > 1 ? { 'boilerplate copies': r.k } : {}),
      ...(before ? { code: r.label } : {}),
      'input MB (JSON lines)': r.textMb.toFixed(1),
      's end to end': (r.ms / 1000).toFixed(1),
      'CPU s': r.cpuS.toFixed(1),
      'µs / paragraph': r.error ? '' : ((r.ms * 1000) / r.paragraphs).toFixed(1),
      candidates: r.candidates ?? '',
      pairs: r.error ?? r.pairs,
      clusters: r.clusters ?? '',
      'peak RSS MB': r.peakRssMb.toFixed(0),
      'peak RSS bytes / paragraph': ((r.peakRssMb * MB) / (r.paragraphs ?? r.size)).toFixed(0),
    })),
  );
}
