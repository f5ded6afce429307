// npm run bench:scale [-- 10000 100000 1000000] [--threads N]: findDuplicates end to end at growing corpus sizes. Each
// corpus is generated once into a JSON-lines file; a fresh process then streams it into findDuplicates
// (the async-iterable entry point), so its peak RSS is the detection's own. Prints; asserts nothing.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { findDuplicates } from '../src/index.js';
import { CORPUS_VERSION, generateCorpus } from './corpus.js';

const MB = 1024 * 1024;
const BUILT_NODE_ENTRY: string = '../dist/node.js'; // a variable: type-checks before the first build
const dir = join(os.tmpdir(), 'neardup-scale');

async function* jsonLines(file: string): AsyncGenerator<{ id: string; text: string }> {
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line);
  }
}

if (process.argv[2] === '--one') {
  const file = process.argv[3];
  const threads = Number(process.argv[4] ?? 0);
  const started = performance.now();
  // With threads, the built neardup/node (its worker script is a file of dist/).
  const report = threads
    ? await (await import(BUILT_NODE_ENTRY)).findDuplicatesParallel(jsonLines(file), {}, { threads })
    : await findDuplicates(jsonLines(file));
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      paragraphs: report.stats.paragraphs,
      ms,
      candidates: report.stats.candidates,
      pairs: report.stats.pairs,
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    }),
  );
} else {
  const threadsFlag = process.argv.indexOf('--threads');
  const threads = threadsFlag > 0 ? process.argv.splice(threadsFlag, 2)[1] : '0';
  if (threads !== '0') execFileSync(process.execPath, ['scripts/ensure-built.mjs'], { stdio: 'inherit' });
  const sizes = process.argv.slice(2).map(Number);
  if (sizes.length === 0) sizes.push(10_000, 100_000);
  mkdirSync(dir, { recursive: true });
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}`,
  );
  const rows = sizes.map((size) => {
    const file = join(dir, `sotu-v${CORPUS_VERSION}-${size}-seed42.jsonl`);
    if (!existsSync(file)) {
      const { documents } = generateCorpus({ paragraphs: size, seed: 42 });
      writeFileSync(file, documents.map((d) => JSON.stringify(d)).join('\n'));
    }
    const textMb =
      Number(execFileSync('wc', ['-c', file], { encoding: 'utf8' }).trim().split(/\s+/)[0]) / 1e6;
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
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return { ...JSON.parse(out.trim().split('\n').pop()!), textMb };
  });
  console.log(
    threads === '0'
      ? 'one thread (findDuplicates)'
      : `verification on ${threads} worker threads (findDuplicatesParallel)`,
  );
  console.table(
    rows.map((r) => ({
      paragraphs: r.paragraphs,
      'input MB (JSON lines)': r.textMb.toFixed(1),
      's end to end': (r.ms / 1000).toFixed(1),
      'µs / paragraph': ((r.ms * 1000) / r.paragraphs).toFixed(1),
      candidates: r.candidates,
      pairs: r.pairs,
      'peak RSS MB': r.peakRssMb.toFixed(0),
      'peak RSS bytes / paragraph': ((r.peakRssMb * MB) / r.paragraphs).toFixed(0),
    })),
  );
}
