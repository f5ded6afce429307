import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, findDuplicates, type Options, renderJson, resolveOptions } from '../../src/index.js';
import { seedArticles } from '../helpers.js';

const schema = JSON.parse(readFileSync(new URL('../../docs/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

function expectValid(report: unknown): void {
  validate(report);
  expect(validate.errors ?? []).toEqual([]);
}

describe('docs/report.schema.json', () => {
  it('accepts the seed articles’ report as the CLI prints it', async () => {
    expectValid(JSON.parse(renderJson(await findDuplicates(seedArticles()))));
  });

  it.each<[string, Options]>([
    ['threshold 0.5', { threshold: 0.5 }],
    ['2-word shingles, no overlaps', { shingleSize: 2, overlaps: false }],
    ['character shingles', { shingleUnit: 'char' }],
    [
      'a custom splitter and a stopword list',
      { paragraphs: (t: string) => [[0, t.length]], stopwords: ['the'] },
    ],
  ])('accepts reports made with %s', async (_, options) => {
    expectValid(asJson(await findDuplicates(seedArticles(), options)));
  });

  it('accepts an empty report and CJK text', async () => {
    expectValid(asJson(await findDuplicates([])));
    expectValid(
      asJson(await findDuplicates(['今天天气很好，我们去公园散步吧。', '今天天气很好，我们去公园散步吧！'])),
    );
  });

  it('lists every resolved option (adding an option without updating the schema fails here)', () => {
    const { resolved } = resolveOptions();
    expect(Object.keys(schema.$defs.options.properties).sort()).toEqual(Object.keys(resolved).sort());
    expect(schema.$defs.options.required.sort()).toEqual(Object.keys(resolved).sort());
    expect(DEFAULTS.maxPairs).toBeLessThanOrEqual(schema.$defs.options.properties.maxPairs.maximum);
  });

  it('rejects what the contract rules out', async () => {
    const good = asJson(await findDuplicates(seedArticles()));
    const broken = (change: (r: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return validate(copy);
    };
    expect(validate(good)).toBe(true);
    expect(broken((r) => (r.pairs[0].kind = 'foo'))).toBe(false);
    expect(broken((r) => (r.pairs[0].jaccard = 1.5))).toBe(false);
    expect(broken((r) => delete r.version)).toBe(false);
    expect(broken((r) => (r.extra = true))).toBe(false);
    expect(broken((r) => (r.pairs[0].spans[0].a = [1, 2, 3]))).toBe(false);
    expect(broken((r) => (r.options.unknownOption = 1))).toBe(false);
  });
});
