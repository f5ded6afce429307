// The corpus of the Redis Cluster crash and worker tests: 200 small documents (two paragraphs each) with
// planted near-duplicates and shared passages across them, ids c0, c1, …
import { generateCorpus } from '../../bench/corpus.js';

export const clusterDocs = generateCorpus({ paragraphs: 400, seed: 16, docSize: 2 }).documents.map(
  (d, i) => ({
    id: `c${i}`,
    text: d.text,
  }),
);
