// Memory of a detection. indexBytes: the typed arrays of the index findDuplicates builds (src/pipeline/corpus.ts),
// per paragraph. detectionMemory: the peak RSS of a fresh process that reads a corpus and runs
// findDuplicates on it once, so the figure is the detection's own and not the benchmark's.
//   node --import tsx bench/memory.ts FILE.jsonl   (the child; prints one JSON line)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { findDuplicates } from '../src/index.js';
import type { Corpus } from '../src/pipeline/corpus.js';

const MB = 1024 * 1024;

export interface IndexBytes {
  /** Each typed array of the index: bytes in use (its length) and allocated (its buffer, grown by doubling). */
  arrays: { name: string; used: number; allocated: number }[];
  paragraphs: number;
  usedPerParagraph: number;
  allocatedPerParagraph: number;
}

export function indexBytes(corpus: Corpus): IndexBytes {
  const arrays = (
    [
      'docOf',
      'indexOf',
      'setOffsets',
      'setValues',
      'bandKeys',
      'fingerprints',
      'fingerprintParagraphs',
    ] as const
  ).map((name) => ({
    name,
    used: corpus[name].byteLength,
    allocated: corpus[name].buffer.byteLength,
  }));
  const paragraphs = corpus.docOf.length;
  const sum = (key: 'used' | 'allocated') => arrays.reduce((s, a) => s + a[key], 0);
  return {
    arrays,
    paragraphs,
    usedPerParagraph: sum('used') / paragraphs,
    allocatedPerParagraph: sum('allocated') / paragraphs,
  };
}

export interface DetectionMemory {
  paragraphs: number;
  pairs: number;
  /** Peak RSS of the process after reading the corpus, before the detection started. */
  beforeMb: number;
  /** Peak RSS of the whole process, detection included. */
  peakMb: number;
}

/** Writes the documents to a temporary JSON-lines file and measures findDuplicates on them in a fresh process. */
export function detectionMemory(documents: readonly { id: string; text: string }[]): DetectionMemory {
  const dir = mkdtempSync(join(os.tmpdir(), 'neardup-memory-'));
  try {
    const file = join(dir, 'corpus.jsonl');
    writeFileSync(file, documents.map((d) => JSON.stringify(d)).join('\n'));
    const out = execFileSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, file], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(out.trim().split('\n').pop()!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const documents = readFileSync(process.argv[2], 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
  const beforeMb = (process.resourceUsage().maxRSS * 1024) / MB;
  const report = await findDuplicates(documents);
  const result: DetectionMemory = {
    paragraphs: report.stats.paragraphs,
    pairs: report.stats.pairs,
    beforeMb,
    peakMb: (process.resourceUsage().maxRSS * 1024) / MB,
  };
  console.log(JSON.stringify(result));
}
