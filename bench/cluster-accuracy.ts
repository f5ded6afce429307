// npx tsx bench/cluster-accuracy.ts [-- --background 5000 --seed 3]
// Clusters against planted groups: groups of 2 to 1,000 copies of one paragraph, each copy one graded edit
// of the source (bench/corpus.ts EDIT_LEVELS, in turn), among unrelated background paragraphs, all shuffled
// into documents of 20 paragraphs; plus chaining cases: a group around A, a group around C (light edits of
// each), and one paragraph B between them (J(A,B) and J(B,C) near 0.75, J(A,C) near 0.5), planted in A's group.
// Side by side: neardup's report.clusters, and a plain union-find over every pair with exact Jaccard ≥ the
// threshold (the exact reference, bench/reference.ts: what union-find over verified pairs gives when LSH
// misses none). Adjusted Rand index and pairwise precision/recall against the planted groups, and per edit
// level the share of copies put with their source. Prints; asserts nothing.
import { parseArgs } from 'node:util';
import { UnionFind } from '../src/group/union-find.js';
import { findDuplicates, resolveOptions } from '../src/index.js';
import { applyEdit, EDIT_LEVELS, generateCorpus } from './corpus.js';
import { seededRandom, shuffle } from './random.js';
import { allPairsJaccard, shingleSets } from './reference.js';

const { values } = parseArgs({
  options: { background: { type: 'string', default: '5000' }, seed: { type: 'string', default: '3' } },
});
const random = seededRandom(Number(values.seed));
const GROUPS: [size: number, count: number][] = [
  [2, 40],
  [3, 20],
  [5, 10],
  [10, 6],
  [30, 3],
  [100, 2],
  [300, 1],
  [1000, 1],
];
const CHAINS = 10;
const CHAIN_COPIES = 5;

const { paragraphs } = generateCorpus({
  paragraphs: Number(values.background) + 200,
  seed: Number(values.seed),
  nearRate: 0,
  overlapRate: 0,
});
const pool = paragraphs.map((p) => p.text).filter((t) => t.split(' ').length >= 40);
const vocabulary = [...new Set(pool.slice(0, 2000).flatMap((t) => t.split(' ')))].filter((w) =>
  /^[a-z]+$/.test(w),
);
let used = 0;
const fresh = () => pool[used++];

/** Every paragraph with its planted group (-1: background) and, for copies, the edit level's name. */
const items: { text: string; group: number; level?: string; source?: boolean }[] = [];
let groups = 0;
for (const [size, count] of GROUPS) {
  for (let g = 0; g < count; g++, groups++) {
    const source = fresh();
    items.push({ text: source, group: groups, source: true });
    for (let c = 1; c < size; c++) {
      const [edit, amount] = EDIT_LEVELS[(c - 1 + g) % EDIT_LEVELS.length];
      items.push({
        text: applyEdit(random, source, edit, amount, vocabulary),
        group: groups,
        level: `${edit} ${amount}`,
      });
    }
  }
}
for (let i = 0; i < CHAINS; i++) {
  // C: A with a quarter of its words replaced, spread out; B: A with half of those (every other one).
  const a = fresh().split(' ');
  const positions = shuffle(
    random,
    a.map((_, j) => j),
  ).slice(0, Math.round(a.length / 12));
  const c = [...a];
  const b = [...a];
  positions.forEach((p, k) => {
    c[p] = vocabulary[Math.floor(random() * vocabulary.length)];
    if (k % 2 === 0) b[p] = c[p];
  });
  const around = (words: string[], group: number) => {
    items.push({ text: words.join(' '), group, source: true });
    for (let k = 1; k < CHAIN_COPIES; k++)
      items.push({ text: applyEdit(random, words.join(' '), 'substitute', 1, vocabulary), group });
  };
  around(a, groups);
  items.push({ text: b.join(' '), group: groups, level: 'chain bridge' });
  around(c, groups + 1);
  groups += 2;
}
while (used < pool.length && items.length < Number(values.background) + groups * 3)
  items.push({ text: fresh(), group: -1 });
const planted = items.length;
shuffle(random, items);
const docs: string[] = [];
for (let i = 0; i < items.length; i += 20)
  docs.push(
    items
      .slice(i, i + 20)
      .map((x) => x.text)
      .join('\n\n'),
  );
console.log(
  `${planted} paragraphs: ${groups} planted groups (${GROUPS.map(([s, c]) => `${c}×${s}`).join(', ')}, ${CHAINS} chaining cases of 2×${CHAIN_COPIES} + 1), the rest background`,
);

const started = performance.now();
const report = await findDuplicates(docs);
console.log(
  `findDuplicates: ${((performance.now() - started) / 1000).toFixed(1)} s, ${report.clusters.length} clusters, ${report.pairs.length} pairs`,
);
const ours = new Int32Array(items.length).fill(-1);
const globalOf = (m: { doc: string; paragraph: number }) => (Number(m.doc.slice(4)) - 1) * 20 + m.paragraph;
for (const cluster of report.clusters) for (const m of cluster.members) ours[globalOf(m)] = cluster.id;

const options = resolveOptions({}).resolved;
const sets = await shingleSets(
  items.map((x) => x.text),
  options,
);
const links = new UnionFind(items.length);
const referencePairs = allPairsJaccard(sets, options.threshold);
for (const { a, b } of referencePairs) links.union(a, b);
const unionFind = Int32Array.from(items, (_, i) => links.find(i));
console.log(`exact reference: ${referencePairs.length} pairs with Jaccard ≥ ${options.threshold}\n`);

const truth = Int32Array.from(items, (x, i) => (x.group >= 0 ? x.group : groups + i));
/** Labels with -1 (in no cluster) made singletons. */
const labels = (raw: Int32Array) => Int32Array.from(raw, (l, i) => (l >= 0 ? l : 1e7 + i));

function scores(predicted: Int32Array) {
  const cells = new Map<string, number>();
  const rows = new Map<number, number>();
  const columns = new Map<number, number>();
  predicted.forEach((p, i) => {
    const key = `${p}:${truth[i]}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(p, (rows.get(p) ?? 0) + 1);
    columns.set(truth[i], (columns.get(truth[i]) ?? 0) + 1);
  });
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const sum = (m: Map<unknown, number>) => [...m.values()].reduce((s, n) => s + pairs(n), 0);
  const [both, predictedPairs, truePairs, all] = [
    sum(cells),
    sum(rows),
    sum(columns),
    pairs(predicted.length),
  ];
  const expected = (predictedPairs * truePairs) / all;
  return {
    ari: (both - expected) / ((predictedPairs + truePairs) / 2 - expected),
    precision: both / predictedPairs,
    recall: both / truePairs,
    clusters: [...rows.values()].filter((n) => n > 1).length,
    largest: Math.max(...rows.values()),
  };
}
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const table: Record<string, Record<string, string | number>> = {};
for (const [name, predicted] of [
  ['neardup clusters (guard against chaining)', labels(ours)],
  ['union-find over every pair ≥ threshold', unionFind],
] as const) {
  const s = scores(predicted);
  table[name] = {
    ARI: s.ari.toFixed(4),
    'pairwise precision': pct(s.precision),
    'pairwise recall': pct(s.recall),
    'clusters (2+)': s.clusters,
    largest: s.largest,
  };
}
console.table(table);

// Per edit level: the share of copies in one cluster with their source.
const sourceOf = new Map<number, number>();
items.forEach((x, i) => {
  if (x.source && !sourceOf.has(x.group)) sourceOf.set(x.group, i);
});
const levels = new Map<string, [number, number, number]>();
items.forEach((x, i) => {
  if (!x.level) return;
  const s = sourceOf.get(x.group) as number;
  const row = levels.get(x.level) ?? [0, 0, 0];
  row[0]++;
  if (ours[i] >= 0 && ours[i] === ours[s]) row[1]++;
  if (unionFind[i] === unionFind[s]) row[2]++;
  levels.set(x.level, row);
});
console.table(
  Object.fromEntries(
    [...levels].map(([level, [n, a, b]]) => [
      level,
      { copies: n, 'with source: neardup': pct(a / n), 'with source: union-find': pct(b / n) },
    ]),
  ),
);
// Chaining cases: are A's and C's groups kept apart?
let apartOurs = 0;
let apartUnion = 0;
for (let g = groups - 2 * CHAINS; g < groups; g += 2) {
  const a = sourceOf.get(g) as number;
  const c = sourceOf.get(g + 1) as number;
  if (!(ours[a] >= 0 && ours[a] === ours[c])) apartOurs++;
  if (unionFind[a] !== unionFind[c]) apartUnion++;
}
console.log(
  `chaining cases (A~B, B~C, A≁C): A's and C's groups kept apart: neardup ${apartOurs}/${CHAINS}, union-find ${apartUnion}/${CHAINS}`,
);
