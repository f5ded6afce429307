// npm run bench:tiny [-- paragraphs] : issue 13's collision corpus. One document of `paragraphs` lines
// (default 1,000,000), each 1–3 random 7-character words: a paragraph this short has one shingle, so
// 32-bit shingle hashes alone would flag about n²/2³³ unrelated pairs as `near` with Jaccard 1. Prints how
// many flagged pairs share no word (compared as strings split on spaces, not through neardup's tokenizer or
// hashes) and the time taken; asserts nothing (test/verify/tiny-paragraphs.test.ts asserts the count).
import os from 'node:os';
import { findDuplicates } from '../src/index.js';
import { seededRandom } from './random.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** `n` lines of 1–3 random lower-case words of 7 letters and digits, from a seeded generator. */
export function tinyParagraphs(n: number, seed = 13): string[] {
  const random = seededRandom(seed);
  const word = () => {
    let w = '';
    for (let i = 0; i < 7; i++) w += ALPHABET[Math.floor(random() * ALPHABET.length)];
    return w;
  };
  const lines = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const words = 1 + Math.floor(random() * 3);
    lines[i] = Array.from({ length: words }, word).join(' ');
  }
  return lines;
}

/** Flagged pairs of the one-document corpus whose two lines share no word (as plain strings). */
export async function unrelatedFlagged(lines: string[]): Promise<{
  flagged: number;
  unrelated: number;
  kinds: Record<string, number>;
  ms: number;
  example?: [string, string];
}> {
  const started = performance.now();
  const report = await findDuplicates([{ id: 'tiny', text: lines.join('\n') }], { paragraphs: 'line' });
  const ms = performance.now() - started;
  const kinds: Record<string, number> = {};
  let unrelated = 0;
  let example: [string, string] | undefined;
  for (const pair of report.pairs) {
    kinds[pair.kind] = (kinds[pair.kind] ?? 0) + 1;
    const a = lines[pair.a.paragraph];
    const b = lines[pair.b.paragraph];
    const words = new Set(a.split(' '));
    if (!b.split(' ').some((w) => words.has(w))) {
      unrelated++;
      example ??= [a, b];
    }
  }
  return { flagged: report.pairs.length, unrelated, kinds, ms, example };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  console.log(
    `machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} × ${os.cpus().length}, Node ${process.version}; load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const lines = tinyParagraphs(n);
  const result = await unrelatedFlagged(lines);
  console.log(
    `${n} paragraphs of 1–3 random words: ${result.flagged} flagged (${JSON.stringify(result.kinds)}), ${result.unrelated} share no word; findDuplicates ${(result.ms / 1000).toFixed(1)} s`,
  );
  if (result.example)
    console.log(`e.g. ${JSON.stringify(result.example[0])} ⇄ ${JSON.stringify(result.example[1])}`);
}
