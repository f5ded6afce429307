// The founding example: article-1 pasted its paragraphs 3–7 again as 8–12, and article-2 (another
// outlet) quotes the same ministry statement. Run with `npm run example`.
import { readFileSync } from 'node:fs';
import { findDuplicates } from 'neardup';

const read = (name) => readFileSync(new URL(`./articles/${name}.txt`, import.meta.url), 'utf8');
const documents = [
  { id: 'article-1', text: read('article-1') },
  { id: 'article-2', text: read('article-2') },
];
const textOf = Object.fromEntries(documents.map((d) => [d.id, d.text]));

const report = await findDuplicates(documents);
const n = (i) => i + 1; // the report is 0-based; people count from 1

/** The other exact copies of a paragraph: members of its cluster that say copyOf it. */
function copiesOf({ doc, paragraph }) {
  for (const cluster of report.clusters) {
    const at = cluster.members.findIndex((m) => m.doc === doc && m.paragraph === paragraph);
    if (at >= 0) return cluster.members.filter((m) => m.copyOf === at);
  }
  return [];
}
const withCopies = (side) => {
  const copies = copiesOf(side).map((m) =>
    m.doc === side.doc ? `¶${n(m.paragraph)}` : `${m.doc} ¶${n(m.paragraph)}`,
  );
  return `${side.doc} ¶${n(side.paragraph)}${copies.length ? ` (and its copy ${copies.join(', ')})` : ''}`;
};

console.log('Copied blocks inside one article (paragraph numbers are 1-based):');
for (const block of report.blocks.filter((b) => b.a.doc === b.b.doc)) {
  console.log(
    `  ${block.a.doc}: paragraphs ${n(block.a.from)}–${n(block.a.to)} appear again as ${n(block.b.from)}–${n(block.b.to)}` +
      ` (${block.pairs} paragraph pairs, mean Jaccard ${block.jaccard.toFixed(2)})`,
  );
}

console.log('\nPassages shared across articles (listed once for a paragraph and its copies):');
for (const pair of report.pairs.filter((p) => p.a.doc !== p.b.doc)) {
  console.log(`  ${withCopies(pair.a)} ⇄ ${withCopies(pair.b)} (${pair.kind})`);
  for (const span of pair.spans) {
    const words = textOf[pair.a.doc].slice(span.a[0], span.a[1]);
    console.log(`    ${span.words} words: "${words}"`);
    console.log(
      `      ${pair.a.doc} chars ${span.a[0]}–${span.a[1]}, ${pair.b.doc} chars ${span.b[0]}–${span.b[1]}`,
    );
  }
}

const { stats } = report;
console.log(
  `\n${stats.documents} documents, ${stats.paragraphs} paragraphs, ${report.clusters.length} clusters of copies, ` +
    `${stats.candidates} candidate pairs verified, ${stats.pairs} pairs listed, in ${stats.ms} ms.`,
);
