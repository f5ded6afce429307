import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { Log, Region } from 'sarif';
import { describe, expect, it } from 'vitest';
import { findDuplicates, renderSarif, toSarif } from '../../src/index.js';
import { artifactUri } from '../../src/report/sarif.js';
import { seedArticles } from '../helpers.js';
import { pairsOnly } from './hand-report.js';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false }); // the schema has a pattern that is invalid with the u flag;
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const valid = validate(JSON.parse(JSON.stringify(log)));
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

/** Offset of a 1-based line and UTF-16 column, the inverse of what SARIF regions say. */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.slice(at).search(/\r\n|\r|\n/);
    at += next + (text.startsWith('\r\n', at + next) ? 2 : 1);
  }
  return at + column - 1;
}

function expectRegionSlices(text: string, region: Region, start: number, end: number): void {
  expect(region.charOffset).toBe(start);
  expect(region.charLength).toBe(end - start);
  expect(offsetOf(text, region.startLine!, region.startColumn!)).toBe(start);
  expect(offsetOf(text, region.endLine!, region.endColumn!)).toBe(end);
}

const seed = seedArticles().map((d) => ({ id: `examples/articles/${d.id}.txt`, text: d.text }));
const seedTexts = new Map(seed.map((d) => [d.id, d.text]));

describe('toSarif', () => {
  it('gives a log valid against the official SARIF 2.1.0 schema for the seed articles', async () => {
    const report = await findDuplicates(seed);
    const log = toSarif(report, seedTexts, { toolVersion: '9.9.9' });
    expectValid(log);
    expect(log.runs[0].tool.driver.version).toBe('9.9.9');
    expect(log.runs[0].results).toHaveLength(report.pairs.length);
    expect(JSON.parse(renderSarif(report, seedTexts))).toEqual(
      JSON.parse(JSON.stringify(toSarif(report, seedTexts))),
    );
  });

  it('names a cluster’s first paragraph as its location and every other member as a related one', async () => {
    const report = await findDuplicates(seed);
    expect(report.clusters.length).toBeGreaterThan(0);
    const { results } = toSarif(report, seedTexts).runs[0];
    const clusterResults = results!.filter((r) => r.partialFingerprints!['neardupCluster/v1'] !== undefined);
    expect(clusterResults).toHaveLength(report.clusters.length);
    clusterResults.forEach((result, i) => {
      const cluster = report.clusters[i];
      const at = (m: { doc: string; paragraph: number }) =>
        report.documents.find((d) => d.id === m.doc)!.paragraphs[m.paragraph];
      const rep = at(cluster.representative);
      const region = result.locations![0].physicalLocation!.region!;
      expectRegionSlices(seedTexts.get(cluster.representative.doc)!, region, rep.start, rep.end);
      expect(result.relatedLocations).toHaveLength(cluster.members.length - 1);
      cluster.members.slice(1).forEach((m, k) => {
        const related = result.relatedLocations![k].physicalLocation!.region!;
        expectRegionSlices(seedTexts.get(m.doc)!, related, at(m).start, at(m).end);
      });
    });
  });

  it('names both paragraphs as locations, and every shared passage on both sides, where the offsets say', async () => {
    // Every pair as a pair (as pairs outside clusters are shown).
    const report = pairsOnly(await findDuplicates(seed));
    const { results, artifacts } = toSarif(report, seedTexts).runs[0];
    results!.forEach((result, i) => {
      const pair = report.pairs[i];
      expect(result.ruleId).toBe(
        { exact: 'neardup/exact-duplicate', near: 'neardup/near-duplicate', overlap: 'neardup/overlap' }[
          pair.kind
        ],
      );
      expect(result.locations).toHaveLength(2);
      (['a', 'b'] as const).forEach((side, s) => {
        const doc = report.documents.findIndex((d) => d.id === pair[side].doc);
        const paragraph = report.documents[doc].paragraphs[pair[side].paragraph];
        const physical = result.locations![s].physicalLocation!;
        expect(physical.artifactLocation!.index).toBe(doc);
        expect(artifacts![doc].location!.uri).toBe(physical.artifactLocation!.uri);
        expectRegionSlices(seedTexts.get(pair[side].doc)!, physical.region!, paragraph.start, paragraph.end);
      });
      expect(result.relatedLocations).toHaveLength(pair.spans.length * 2);
      pair.spans.forEach((span, k) => {
        for (const [s, side] of (['a', 'b'] as const).entries()) {
          const related = result.relatedLocations![2 * k + s].physicalLocation!;
          expectRegionSlices(seedTexts.get(pair[side].doc)!, related.region!, span[side][0], span[side][1]);
        }
      });
    });
    const overlap = results!.find((r) => r.ruleId === 'neardup/overlap')!;
    expect(overlap.level).toBe('note');
    expect(overlap.message.text).toMatch(
      /shares 1[02] consecutive words with paragraph \d+ of examples\/articles/,
    );
  });

  it('gives lines and columns that are right for CRLF and multi-line paragraphs', async () => {
    const text =
      'Title line\r\n\r\nThe same paragraph\r\nspans two lines here.\r\n\r\nThe same paragraph\r\nspans two lines here.\r\n';
    const report = await findDuplicates([{ id: 'crlf.txt', text }]);
    // The copy is the related location of its cluster's result; the second location of the pair's.
    const cluster = toSarif(report, { 'crlf.txt': text }).runs[0].results![0];
    const member = cluster.relatedLocations![0].physicalLocation!.region!;
    expect([member.startLine, member.startColumn, member.endLine, member.endColumn]).toEqual([6, 1, 7, 22]);
    const result = toSarif(pairsOnly(report), { 'crlf.txt': text }).runs[0].results![0];
    const region = result.locations![1].physicalLocation!.region!;
    expect([region.startLine, region.startColumn, region.endLine, region.endColumn]).toEqual([6, 1, 7, 22]);
    expectRegionSlices(text, region, text.lastIndexOf('The same'), text.length - 2);
  });

  it('stays valid for odd document ids, an empty report, and missing texts', async () => {
    const ids = [
      'dir with space/a#b?.txt',
      'C:\\docs\\ünï.md',
      '/abs/path.md',
      './rel/x.txt',
      '-',
      '<script>.txt',
    ];
    const docs = ids.map((id) => ({ id, text: 'One paragraph that every document repeats word for word.' }));
    const report = await findDuplicates(docs);
    expectValid(toSarif(report, new Map(docs.map((d) => [d.id, d.text]))));
    const withoutTexts = toSarif(report, {});
    expectValid(withoutTexts);
    expect(withoutTexts.runs[0].results![0].locations![0].physicalLocation!.region).toEqual({
      charOffset: 0,
      charLength: docs[0].text.length,
    });
    expectValid(toSarif(await findDuplicates([]), {}));
  });

  it('the schema check can fail: a log without a message or with a bad level is rejected', async () => {
    const log = toSarif(await findDuplicates(seed), seedTexts) as Log & Record<string, unknown>;
    const broken = JSON.parse(JSON.stringify(log));
    delete broken.runs[0].results[0].message;
    expect(validate(broken)).toBe(false);
    const badLevel = JSON.parse(JSON.stringify(log));
    badLevel.runs[0].results[0].level = 'severe';
    expect(validate(badLevel)).toBe(false);
  });

  it('gives each pair a fingerprint that is stable across runs and distinct between pairs', async () => {
    const first = toSarif(pairsOnly(await findDuplicates(seed)), seedTexts).runs[0].results!;
    const again = toSarif(pairsOnly(await findDuplicates(seed)), seedTexts).runs[0].results!;
    const prints = first.map((r) => r.partialFingerprints!['neardupPair/v1']);
    expect(again.map((r) => r.partialFingerprints!['neardupPair/v1'])).toEqual(prints);
    expect(new Set(prints).size).toBe(prints.length);
    const grouped = toSarif(await findDuplicates(seed), seedTexts).runs[0].results!;
    const clusterPrints = grouped.map((r) => r.partialFingerprints!['neardupCluster/v1']).filter(Boolean);
    expect(clusterPrints.length).toBeGreaterThan(1);
    expect(new Set(clusterPrints).size).toBe(clusterPrints.length);
  });
});

describe('artifactUri', () => {
  it('keeps relative paths relative, encodes segments, and makes absolute paths file: URIs', () => {
    expect(artifactUri('examples/articles/article-1.txt')).toEqual({
      uri: 'examples/articles/article-1.txt',
      uriBaseId: '%SRCROOT%',
    });
    expect(artifactUri('./a b/c#d?.md')).toEqual({ uri: 'a%20b/c%23d%3F.md', uriBaseId: '%SRCROOT%' });
    expect(artifactUri('/srv/docs/é.txt').uri).toBe('file:///srv/docs/%C3%A9.txt');
    expect(artifactUri('C:\\docs\\a b.txt').uri).toBe('file:///C:/docs/a%20b.txt');
    expect(artifactUri('-')).toEqual({ uri: 'stdin', description: { text: 'standard input' } });
    expect(artifactUri('<script>').uri).toBe('%3Cscript%3E');
  });
});
