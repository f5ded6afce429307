// `neardup dedup` at corpus scale: time, peak RSS and kept/removed counts, both levels.
//   npm run bench:dedup -- [paragraphs=1000000] [--seed 1] [--threads auto] [--timeout 1800]
// Writes a JSONL corpus of about `paragraphs` paragraphs to a temporary folder (never the repository),
// then runs the built CLI (dist/cli.js) on it, once per level, each in a process of its own so the peak
// RSS is that run's alone. The corpus: bench/corpus.ts prose (planted near-duplicate paragraphs and
// pasted passages), 10 paragraphs a document, a licence footer (one of five) on 30 % of documents, and
// whole-document copies: 5 % exact, 3 % with one paragraph rewritten. Prints; never fails.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus } from './corpus.js';
import { pick, seededRandom } from './random.js';

const FOOTERS = [
  'This program is free software: you can redistribute it and/or modify it under the terms of the GNU General Public License as published by the Free Software Foundation, either version 3 of the License, or (at your option) any later version.',
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files, to deal in the Software without restriction.',
  'Unsubscribe at any time by following the link at the bottom of every newsletter; we never share your address with third parties or advertisers of any kind.',
  'The views expressed in this article are those of the author and do not necessarily reflect the official policy or position of the publisher or its partners.',
  'Copies of this report may be obtained from the national statistics office, which publishes every table in machine-readable form on its website each quarter.',
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    threads: { type: 'string', default: 'auto' },
    timeout: { type: 'string', default: '1800' },
  },
});
const target = Number(positionals[0] ?? 1_000_000);
const seed = Number(values.seed);
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'neardup-bench-dedup-'));

async function writeCorpus(file: string): Promise<{ documents: number; paragraphs: number; bytes: number }> {
  const random = seededRandom(seed + 1);
  // Copies and footers add about 11 % of paragraphs: generate the rest.
  const base = generateCorpus({ paragraphs: Math.round(target / 1.11), seed, docSize: 10 }).documents;
  const out = createWriteStream(file);
  let documents = 0;
  let paragraphs = 0;
  const write = async (id: string, text: string) => {
    documents++;
    paragraphs += text.split('\n\n').length;
    if (!out.write(`${JSON.stringify({ id, text })}\n`))
      await new Promise<void>((r) => out.once('drain', () => r()));
  };
  const texts: string[] = [];
  for (const [i, doc] of base.entries()) {
    const text = random() < 0.3 ? `${doc.text}\n\n${pick(random, FOOTERS)}` : doc.text;
    texts.push(text);
    await write(doc.id, text);
    const roll = random();
    if (i > 0 && roll < 0.08) {
      const source = texts[Math.floor(random() * texts.length)];
      if (roll < 0.05) await write(`${doc.id}-copy`, source);
      else {
        // One paragraph rewritten: another document's first paragraph in its place.
        const parts = source.split('\n\n');
        parts[Math.floor(random() * parts.length)] =
          base[Math.floor(random() * base.length)].text.split('\n\n')[0];
        await write(`${doc.id}-edited`, parts.join('\n\n'));
      }
    }
  }
  await new Promise<void>((r) => out.end(r));
  return { documents, paragraphs, bytes: statSync(file).size };
}

/** One CLI run in its own process: wall time, its peak RSS (reported by a preload at exit), stderr. */
function runDedup(
  args: string[],
): Promise<{ seconds: number; maxRssMb: number; stderr: string; code: number | null }> {
  const preload = join(dir, 'max-rss.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeSync(2, '\\nMAX_RSS_KB ' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  const started = process.hrtime.bigint();
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--require', preload, join(root, 'dist', 'cli.js'), 'dedup', ...args],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), Number(values.timeout) * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const kb = Number(/MAX_RSS_KB (\d+)/.exec(stderr)?.[1] ?? Number.NaN);
      done({ seconds, maxRssMb: kb / 1024, stderr: stderr.replace(/\nMAX_RSS_KB \d+\n/, ''), code });
    });
  });
}

async function main(): Promise<void> {
  const file = join(dir, 'corpus.jsonl');
  const t0 = Date.now();
  const corpus = await writeCorpus(file);
  console.log(
    `corpus: ${corpus.documents} documents, ${corpus.paragraphs} paragraphs, ${(corpus.bytes / 1e6).toFixed(1)} MB of JSONL (seed ${seed}; written in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  for (const level of ['document', 'paragraph'] as const) {
    const out = join(dir, `kept-${level}.jsonl`);
    const args = [
      '--level',
      level,
      '--threads',
      values.threads,
      '--out',
      out,
      '--clusters',
      join(dir, `clusters-${level}.jsonl`),
      file,
    ];
    const run = await runDedup(args);
    const summary = run.stderr.trim().split('\n').at(-1) ?? '';
    console.log(
      `--level ${level}: exit ${run.code}, ${run.seconds.toFixed(1)} s wall, peak RSS ${run.maxRssMb.toFixed(0)} MB` +
        `${run.code === 0 ? `, kept ${(statSync(out).size / 1e6).toFixed(1)} MB` : ''}\n  ${summary}`,
    );
  }
  console.log(
    `(node ${process.version}, --threads ${values.threads}; corpus and outputs removed from ${dir})`,
  );
}

main().finally(() => rmSync(dir, { recursive: true, force: true }));
