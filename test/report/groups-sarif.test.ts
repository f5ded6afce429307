// SARIF of a version 2 report: one result per document group, cluster and repeated passage, each with
// its first member as the location and the others as related locations (hand-built reports).
import { readFileSync } from 'node:fs';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderSarif, renderSarifChunks, toSarif } from '../../src/index.js';
import { GRANT, groupedCorpus, QUOTE } from './hand-report.js';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

describe('toSarif: groups', () => {
  const { report, texts } = groupedCorpus(40);
  const log = toSarif(report, texts);
  const { results, tool } = log.runs[0];

  it('is valid SARIF 2.1.0 and names the two new rules', () => {
    validate(JSON.parse(JSON.stringify(log)));
    expect(validate.errors ?? []).toEqual([]);
    expect(tool.driver.rules.map((r) => r.id)).toEqual([
      'neardup/exact-duplicate',
      'neardup/near-duplicate',
      'neardup/overlap',
      'neardup/repeated-passage',
      'neardup/duplicate-document',
    ]);
  });

  it('gives one result a group, a cluster, a passage: none for the pairs inside clusters', () => {
    expect(results.map((r) => r.ruleId)).toEqual([
      'neardup/duplicate-document',
      'neardup/duplicate-document',
      'neardup/exact-duplicate',
      'neardup/exact-duplicate',
      'neardup/near-duplicate',
      'neardup/repeated-passage',
    ]);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(new Set(results.map((r) => Object.values(r.partialFingerprints)[0])).size).toBe(results.length);
  });

  it('places a cluster at its first paragraph, its other members as related locations', () => {
    const cluster = results[2];
    expect(cluster.message.text).toBe(
      `This paragraph appears in 40 documents: “${GRANT}”. Its 39 other places are the related locations.`,
    );
    const region = cluster.locations[0].physicalLocation.region;
    const first = texts.get('pkg-0/copyright')!;
    expect(first.slice(region.charOffset!, region.charOffset! + region.charLength!)).toBe(GRANT);
    expect(cluster.relatedLocations).toHaveLength(39);
    for (const [i, related] of cluster.relatedLocations.entries()) {
      const doc = `pkg-${i + 1}/copyright`;
      const { region: r, artifactLocation } = related.physicalLocation;
      expect(log.runs[0].artifacts[artifactLocation.index!].location.uri).toBe(doc);
      expect(texts.get(doc)!.slice(r.charOffset!, r.charOffset! + r.charLength!)).toBe(GRANT);
      expect(related.message?.text).toBe(`exact copy: paragraph 2 of ${doc}`);
    }
    expect(cluster.properties).toEqual({ members: 40, documents: 40, minJaccard: 1 });
  });

  it('places a repeated passage at its first occurrence, the others related', () => {
    const passage = results[5];
    expect(passage.message.text).toMatch(
      /^A 13-word passage appears in 40 paragraphs of 40 documents: “the ministers/,
    );
    expect(passage.relatedLocations).toHaveLength(39);
    const r = passage.relatedLocations[0].physicalLocation.region;
    expect(texts.get('pkg-1/copyright')!.slice(r.charOffset!, r.charOffset! + r.charLength!)).toBe(QUOTE);
  });

  it('says a document group in one message, each other member as a related location (the whole file)', () => {
    expect(results[0].message.text).toBe('libc-bin and libc6 are exact copies of one another.');
    expect(results[1].message.text).toBe('b.md is a.md with 1 paragraph changed and 1 added.');
    const whole = results[1].relatedLocations[0].physicalLocation.region;
    expect([whole.charOffset, whole.charLength]).toEqual([0, texts.get('b.md')!.length]);
  });

  it('gives the same log in chunks', () => {
    expect([...renderSarifChunks(report, texts)].join('')).toBe(renderSarif(report, texts));
    expect(JSON.parse(renderSarif(report, texts))).toEqual(JSON.parse(JSON.stringify(log)));
  });
});
