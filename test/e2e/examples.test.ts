import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../cli/run.js';

const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced block that follows `marker` in the README. */
function fenceAfter(marker: string): string {
  const at = readme.indexOf(marker);
  expect(at, marker).toBeGreaterThanOrEqual(0);
  const open = readme.indexOf('```', at);
  const start = readme.indexOf('\n', open) + 1;
  return readme.slice(start, readme.indexOf('```', start));
}

function runExample(file: string) {
  const out = spawnSync(process.execPath, [join(root, 'examples', file)], { cwd: root, encoding: 'utf8' });
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return out.stdout;
}

beforeAll(() => ensureBuilt(), 120_000);

describe('examples', () => {
  it("npm run example prints the README's founding example byte for byte, then the timing line", () => {
    const lines = runExample('articles.mjs').split('\n');
    expect(lines.pop()).toBe('');
    const timing = lines.pop();
    expect(timing).toMatch(
      /^2 documents, 22 paragraphs, 5 clusters of copies, 2 candidate pairs verified, 7 pairs listed, in [\d.]+ ms\.$/,
    );
    expect(lines.pop()).toBe('');
    expect(`${lines.join('\n')}\n`).toBe(fenceAfter('`npm run example` prints'));
  });

  it('examples/from-code.mjs runs the quick start', () => {
    const out = runExample('from-code.mjs');
    expect(out).toContain("exact { doc: 'article-1', paragraph: 2 } { doc: 'article-1', paragraph: 7 } 1");
    expect(out).toContain('readiness to fully coordinate with Iraq to confront these groups');
    expect(out).toContain("detector.find: [ 'near, Jaccard 0.73' ]");
    expect(out).toMatch(/Uint32Array\(128\) signatures, estimated Jaccard 0 and 0\.\d\d/);
    expect(out).toContain('from a stream: 7 pairs, as from the array: 7');
    expect(out).toContain('UNKNOWN_OPTION: neardup: unknown option "treshold" (did you mean "threshold"?)');
  });

  it("holds the README's quick start, statement for statement (placeholders and layout aside)", () => {
    const flat = (code: string) =>
      code
        .replace(/\/\/.*$/gm, '')
        .replace(/\s+/g, '')
        .replace(/,([\])}])/g, '$1');
    const script = flat(readFileSync(join(root, 'examples', 'from-code.mjs'), 'utf8'));
    const statements = fenceAfter('## Quick start')
      .split('\n')
      .map((line) => line.replace(/\/\/.*$/, '').trim())
      .filter((line) => line.length > 0)
      // a line with placeholder texts ('first text…') is compared up to its first string
      .map((line) => (line.includes('…') ? line.slice(0, line.indexOf("'")) : line));
    expect(statements.length).toBeGreaterThan(15);
    for (const statement of statements)
      expect(script, statement).toContain(flat(statement).replace(/,$/, ''));
  });
});
