// The README and the pages under docs/ stay true: the README stays short, every relative link and anchor
// leads somewhere, every page is reachable from the README, and the code blocks marked `tested`
// (```js tested) run as written against the built package.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, root } from '../cli/run.js';

const pages = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const source = (page: string) => readFileSync(join(root, page), 'utf8');

/** The page without its fenced code blocks (links and headings inside them are not links or headings). */
function prose(text: string): string {
  return text.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, '');
}

/** GitHub's anchor of a heading: lower case, punctuation other than - and _ dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchors(page: string): Set<string> {
  return new Set([...prose(source(page)).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1])));
}

/** Relative links of a page as [page they lead to, anchor or ''], external ones left out. */
function links(page: string): [string, string][] {
  return [...prose(source(page)).matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1])
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => {
      const [path, hash = ''] = target.split('#');
      return [path ? normalize(join(dirname(page), path)) : page, hash];
    });
}

/** The code blocks marked to run, with the page they come from. */
function runnableBlocks(): { page: string; code: string }[] {
  return pages.flatMap((page) =>
    [...source(page).matchAll(/^```js tested\n([\s\S]*?)^```$/gm)].map((m) => ({ page, code: m[1] })),
  );
}

/** Words as an independent tokeniser sees them: lower case, letters and digits (quotes dropped). */
const words = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

describe('README and docs/', () => {
  it('the README stays a short guide (at most 15 KB)', () => {
    expect(Buffer.byteLength(source('README.md'))).toBeLessThanOrEqual(15 * 1024);
  });

  it('every relative link leads to a file, and every anchor to a heading there', () => {
    let checked = 0;
    for (const page of pages) {
      for (const [target, hash] of links(page)) {
        expect(existsSync(join(root, target)), `${page} → ${target}`).toBe(true);
        if (hash) expect(anchors(target), `${page} → ${target}#${hash}`).toContain(hash);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('every page under docs/ and the changelog can be reached from the README', () => {
    const reached = new Set(['README.md']);
    const queue = ['README.md'];
    while (queue.length > 0) {
      for (const [target] of links(queue.shift() as string)) {
        if (target.endsWith('.md') && !reached.has(target)) {
          reached.add(target);
          queue.push(target);
        }
      }
    }
    for (const page of pages) expect(reached, page).toContain(page);
  });
});

describe('code blocks marked tested', () => {
  let work: string;
  const outputs = new Map<string, string[]>();

  beforeAll(() => {
    ensureBuilt();
    // A project of its own: `neardup` is this package (its dist/), examples/ the seed articles.
    work = mkdtempSync(join(tmpdir(), 'neardup-docs-'));
    mkdirSync(join(work, 'node_modules'));
    symlinkSync(root, join(work, 'node_modules', 'neardup'), 'dir');
    symlinkSync(join(root, 'examples'), join(work, 'examples'), 'dir');
    for (const [i, { page, code }] of runnableBlocks().entries()) {
      const file = join(work, `block-${i}.mjs`);
      writeFileSync(file, code);
      const run = spawnSync(process.execPath, [file], { cwd: work, encoding: 'utf8' });
      expect(run.stderr, `${page}, block ${i}`).toBe('');
      expect(run.status, `${page}, block ${i}`).toBe(0);
      outputs.set(page, [...(outputs.get(page) ?? []), run.stdout]);
    }
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("run the README's quick start: each shared passage is the same words in both documents' texts", () => {
    const [out] = outputs.get('README.md') ?? [];
    expect(out).toContain("exact { doc: 'article-1', paragraph: 2 } { doc: 'article-1', paragraph: 7 } 1");
    expect(out).toContain('UNKNOWN_OPTION: neardup: unknown option "treshold" (did you mean "threshold"?)');
    const passages = [...out.matchAll(/^ {2}"(.*)" = "(.*)"$/gm)];
    // One passage for each of the 7 pairs of the seed articles (Report v2: the overlaps of article-1's ¶4
    // and its copy ¶9 with article-2 are listed once each, between the representatives).
    expect(passages).toHaveLength(7);
    for (const [line, a, b] of passages) {
      expect(words(a).length, line).toBeGreaterThanOrEqual(10);
      expect(words(b), line).toEqual(words(a));
    }
    expect(passages.map((p) => p[1])).toContain(
      'readiness to fully coordinate with Iraq to confront these groups',
    );
  });

  it('run the lasting index and the building blocks as their comments say', () => {
    expect(outputs.get('docs/lasting-index.md')).toEqual(["2 2 [ 'article-1' ] 5\n0 [ 2, 2 ]\n"]);
    const [blocks] = outputs.get('docs/building-blocks.md') ?? [];
    expect(blocks).toContain('{ index: 1, start: 20, end: 74 }');
    expect(blocks).toMatch(/\n0\.52\n20 5 0\.975\n$/);
  });
});
