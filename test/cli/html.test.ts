import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/html-document.js';
import { ensureBuilt, runCli } from './run.js';

// File names and texts that would run script if any reached the page unescaped (a file name cannot
// hold "/", so it opens a script element without closing it).
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const OPEN_SCRIPT = '<script>alert(1)';
const QUOTE =
  'the ministers stressed the importance of enhancing cooperation and coordination to confront these threats';
const NAMES = [`${OPEN_SCRIPT}.txt`, `${IMG}.txt`];
const TEXTS = [
  `${SCRIPT} opens the first story.\n\nOfficials said ${QUOTE} ${IMG} on Monday.`,
  `${IMG} opens the second story.\n\nA statement said ${QUOTE} ${SCRIPT} in the capital.`,
];
// The only elements the HTML renderer writes itself.
const OWN_TAGS = new Set(
  'a article body dd div dl dt h1 h2 h3 head header html li meta ol p q section span style title ul'.split(
    ' ',
  ),
);

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'neardup-cli-html-'));
  mkdirSync(join(dir, 'in'));
  for (const [i, name] of NAMES.entries()) writeFileSync(join(dir, 'in', name), TEXTS[i]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('neardup --format html with hostile file names and texts', () => {
  it('escapes every name and text: no tag or attribute from the input reaches the page', () => {
    const out = runCli(dir, ['--format', 'html', 'in']);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe('');
    const html = out.stdout;
    expect(html).toMatch(/^<!doctype html>/);
    // the two files' shared quote is flagged, so both documents are on the page, whole
    expect(html).toContain('class="hl k-overlap"');
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase()));
    for (const tag of tags) expect(OWN_TAGS, tag).toContain(tag);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    for (const hostile of [SCRIPT, IMG, OPEN_SCRIPT]) {
      expect(html).not.toContain(hostile);
      expect(html).toContain(escapeHtml(hostile));
    }
    for (const name of NAMES) expect(html).toContain(escapeHtml(join('in', name)));
    // no attribute value is closed early by a quote from the input: every attribute name is the renderer's
    const names = new Set<string>();
    for (const [, attributes] of html.matchAll(/<[a-z][\w-]*((?:\s+[\w-]+(?:="[^"]*")?)*)\s*>/g)) {
      for (const [, name] of attributes.matchAll(/\s([\w-]+)(?:="[^"]*")?/g)) names.add(name);
    }
    expect(
      [...names].filter(
        (name) =>
          !/^(class|href|id|title|lang|charset|name|content|http-equiv|start|data-[a-z]+)$/.test(name),
      ),
    ).toEqual([]);
    expect(names.has('title')).toBe(true); // the file names sit in title attributes, escaped
  });

  it('writes the same escaped page with --out', () => {
    const out = runCli(dir, ['--format', 'html', '--out', 'report.html', 'in']);
    expect(out.code).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain(escapeHtml(`${IMG}.txt`));
  });
});
