import { generateCorpus } from './bench/corpus.ts';
import { shingleSets, allPairsJaccard, allPairsJaccardBruteForce } from './bench/reference.ts';
import { resolveOptions } from './src/index.ts';
const n = Number(process.argv[2]);
const c = generateCorpus({ paragraphs: n });
const { resolved } = resolveOptions({});
const sets = await shingleSets(c.paragraphs.map(p => p.text), resolved);
let t = performance.now();
const pairs = allPairsJaccard(sets, 0.3);
console.log('join', pairs.length, (performance.now() - t).toFixed(0)); t = performance.now();
if (n <= 3000) { const bf = allPairsJaccardBruteForce(sets, 0.3); console.log('bf', bf.length, (performance.now() - t).toFixed(0), JSON.stringify(bf) === JSON.stringify(pairs)); }
