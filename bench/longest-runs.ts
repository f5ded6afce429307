// npx tsx bench/longest-runs.ts DIR
// Real text against a plain reference: runs findDuplicates (exact runs only, bridgeGap 0) on the files of
// DIR, and checks for every flagged pair that is not an exact copy that its first span is the longest
// common run of the two paragraphs' words, computed by the quadratic dynamic programme. Prints the pairs
// where it is not (docs/passages.md: licence texts repeat their own phrases).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findDuplicates, tokenize } from '../src/index.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: npx tsx bench/longest-runs.ts DIR');
const docs = readdirSync(dir)
  .sort()
  .map((f) => ({ id: f, text: readFileSync(join(dir, f), 'utf8') }));
const report = await findDuplicates(docs, { bridgeGap: 0 });
const textOf = new Map(docs.map((d) => [d.id, d.text]));
const paragraphsOf = new Map(report.documents.map((d) => [d.id, d.paragraphs]));
const wordsOf = ({ doc, paragraph }: { doc: string; paragraph: number }) => {
  const p = paragraphsOf.get(doc)![paragraph];
  return tokenize(textOf.get(doc)!.slice(p.start, p.end)).words;
};

/** Longest common run of consecutive words (quadratic: reference use only). */
function longestCommonRun(a: readonly string[], b: readonly string[]): number {
  let best = 0;
  let previous = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const row = new Int32Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) {
      if (a[i - 1] === b[j - 1]) row[j] = previous[j - 1] + 1;
      if (row[j] > best) best = row[j];
    }
    previous = row;
  }
  return best;
}

let checked = 0;
let short = 0;
for (const pair of report.pairs) {
  if (pair.kind === 'exact') continue;
  const [a, b] = [wordsOf(pair.a), wordsOf(pair.b)];
  checked++;
  const longest = longestCommonRun(a, b);
  if ((pair.spans[0]?.words ?? 0) < longest) {
    if (short++ < 10)
      console.log(
        `${pair.a.doc} ¶${pair.a.paragraph} ~ ${pair.b.doc} ¶${pair.b.paragraph}: longest common run ${longest} words, spans ${pair.spans.map((s) => s.words).join(' + ')}`,
      );
  }
}
console.log(
  `${docs.length} files, ${report.stats.paragraphs} paragraphs, ${report.pairs.length} flagged pairs; ${checked} not exact copies checked: ${short} with a first span shorter than the longest common run`,
);
