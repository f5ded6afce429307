// npm run bench:long [-- 200000] [--groups 1,100,2000] [--timeout 900] [--plain]: the same prose cut into
// fewer, longer paragraphs. The corpus of bench:scale (generated once as JSON lines, 200,000 paragraphs ≈
// 99 MB) is joined into one text in which every `group` consecutive paragraphs form one paragraph: 1 gives
// the 200,000 paragraphs as generated, 100 gives 2,000 paragraphs of ~50 kB, 2,000 gives 100 of ~1 MB.
// That corpus plants near copies (8 %) and pasted passages (5 %) of earlier paragraphs, so long
// paragraphs really share passages; --plain generates the same prose without them (nearRate and
// overlapRate 0), where every pair that shares a passage does so by the prose alone. Each run is
// findDuplicates in a fresh process (its peak RSS is the detection's own), killed after --timeout
// seconds. Prints; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { findDuplicates } from '../src/index.js';
import { CORPUS_VERSION, generateCorpus } from './corpus.js';

const MB = 1024 * 1024;
const dir = join(os.tmpdir(), 'neardup-scale');

/** The corpus's paragraphs in order, every `group` of them joined by a space into one paragraph. */
function longText(file: string, group: number): string {
  const paragraphs = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => (JSON.parse(line) as { text: string }).text.split('\n\n'));
  const out: string[] = [];
  for (let i = 0; i < paragraphs.length; i += group) out.push(paragraphs.slice(i, i + group).join(' '));
  return out.join('\n\n');
}

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv.splice(at, 2)[1] : fallback;
}

if (process.argv[2] === '--one') {
  const text = longText(process.argv[3], Number(process.argv[4]));
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await findDuplicates([{ id: 'prose', text }]);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      paragraphs: report.stats.paragraphs,
      ms,
      cpuS: (used.user + used.system) / 1e6,
      candidates: report.stats.candidates,
      pairs: report.stats.pairs,
      kinds: {
        exact: report.pairs.filter((p) => p.kind === 'exact').length,
        near: report.pairs.filter((p) => p.kind === 'near').length,
        overlap: report.pairs.filter((p) => p.kind === 'overlap').length,
      },
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
    }),
  );
} else {
  const groups = flag('--groups', '1,100,2000').split(',').map(Number);
  const timeout = Number(flag('--timeout', '900'));
  const plainAt = process.argv.indexOf('--plain');
  const plain = plainAt > 0 && process.argv.splice(plainAt, 1).length > 0;
  const size = Number(process.argv[2] ?? 200_000);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sotu-v${CORPUS_VERSION}-${size}-seed42${plain ? '-plain' : ''}.jsonl`);
  if (!existsSync(file)) {
    const rates = plain ? { nearRate: 0, overlapRate: 0 } : {};
    const { documents } = generateCorpus({ paragraphs: size, seed: 42, ...rates });
    writeFileSync(file, documents.map((d) => JSON.stringify(d)).join('\n'));
  }
  const textMb = Number(execFileSync('wc', ['-c', file], { encoding: 'utf8' }).trim().split(/\s+/)[0]) / 1e6;
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}; load ${os.loadavg()[0].toFixed(1)}`,
  );
  console.log(
    `corpus: ${size} paragraphs, ${textMb.toFixed(1)} MB as JSON lines${plain ? ', no planted copies (--plain)' : ''}`,
  );
  console.log(
    '| paragraphs | words each | time | CPU | candidates | pairs (exact/near/overlap) | peak RSS |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const group of groups) {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/long.ts', '--one', file, String(group)],
      { encoding: 'utf8', timeout: timeout * 1000, maxBuffer: 1 << 20 },
    );
    const paragraphs = Math.ceil(size / group);
    if (run.status !== 0) {
      const why = run.error ? `> ${timeout} s (killed)` : `failed: ${run.stderr.trim().split('\n')[0]}`;
      console.log(`| ${paragraphs} | | ${why} | | | | |`);
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').at(-1) as string);
    const words = Math.round((textMb * 1e6) / 6 / r.paragraphs);
    console.log(
      `| ${r.paragraphs.toLocaleString('en')} | ~${words.toLocaleString('en')} | ${(r.ms / 1000).toFixed(1)} s | ${r.cpuS.toFixed(1)} s | ${r.candidates.toLocaleString('en')} | ${r.pairs.toLocaleString('en')} (${r.kinds.exact}/${r.kinds.near}/${r.kinds.overlap}) | ${Math.round(r.peakRssMb)} MB |`,
    );
  }
}
