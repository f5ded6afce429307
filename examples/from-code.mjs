// The README's quick start as a runnable script, on the two seed articles: one call, one detector with
// signatures, documents from a stream, and an error, with more printed. Run with `npm run example:api`.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createDetector, estimateJaccard, findDuplicates, NearDupError } from 'neardup';

process.chdir(fileURLToPath(new URL('..', import.meta.url))); // the quick start reads examples/articles/

const read = (name) => readFile(`examples/articles/${name}.txt`, 'utf8');
const documents = [
  { id: 'article-1', text: await read('article-1') },
  { id: 'article-2', text: await read('article-2') },
];
const texts = Object.fromEntries(documents.map((d) => [d.id, d.text]));

// One call: documents are strings (ids doc-1, doc-2, …) or { id, text }.
const report = await findDuplicates(documents, { threshold: 0.7 }); // every option is optional
for (const pair of report.pairs) {
  console.log(pair.kind, pair.a, pair.b, pair.jaccard);
  for (const span of pair.spans) {
    // the shared words: offsets into the texts of pair.a.doc and pair.b.doc
    console.log(`  "${texts[pair.a.doc].slice(...span.a)}" = "${texts[pair.b.doc].slice(...span.b)}"`);
  }
}

// Or one detector (a single async set-up: loading xxhash-wasm), then synchronous calls.
const detector = await createDetector({ threshold: 0.6, minOverlapWords: 6 });
const again = detector.find([
  'The committee approved the budget for the new library after a long debate on Tuesday.',
  'After a long debate on Tuesday, the committee approved the budget for the new library.',
]);
console.log(
  '\ndetector.find:',
  again.pairs.map((p) => `${p.kind}, Jaccard ${p.jaccard.toFixed(2)}`),
);
const signature = detector.signature('one paragraph'); // Uint32Array(128), MinHash
const none = estimateJaccard(signature, detector.signature('another paragraph'));
const some = estimateJaccard(
  detector.signature('the committee approved the budget for the new library'),
  detector.signature('the committee approved the budget for the old library'),
);
console.log(`Uint32Array(${signature.length}) signatures, estimated Jaccard ${none} and ${some.toFixed(2)}`);

// Or documents from a stream (any async or sync iterable): each is indexed as it arrives.
async function* articles() {
  for (const name of ['article-1', 'article-2']) yield { id: name, text: await read(name) };
}
const fromStream = await findDuplicates(articles());
console.log(`from a stream: ${fromStream.pairs.length} pairs, as from the array: ${report.pairs.length}`);

// Bad input or options are reported with a stable code and a message that names the value.
try {
  await createDetector({ treshold: 0.8 });
} catch (error) {
  if (error instanceof NearDupError) console.log(`${error.code}: ${error.message}`);
}
