// The HTML report and the library itself in a real browser: Debian's Chromium, headless.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDuplicates, type Report } from '../../src/index.js';
import { ReportGroups } from '../../src/report/grouping.js';
import { renderHtml } from '../../src/report/html.js';
import { debianLike } from '../cli/debian-like.js';
import { seedArticles } from '../helpers.js';
import { quotingDocs } from '../report/boilerplate.js';
import { browserRequired, chromiumPath, launchChromium } from './browser.js';

const root = resolve(__dirname, '..', '..');
const run = chromiumPath || browserRequired ? describe : describe.skip;
let browser: Browser;
let dir: string;

/** Opens `html` as a file:// page (so its own Content-Security-Policy applies), collecting dialogs. */
async function open(html: string, name: string): Promise<{ page: Page; dialogs: string[] }> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(pathToFileURL(file).href);
  return { page, dialogs };
}

interface ShownMark {
  doc: number;
  from: number;
  to: number;
  sides: string[];
  /** Offset of the element's first character in its document's text, as the browser lays it out. */
  offset: number;
  text: string;
}

/** Every highlighted segment with where the browser really put it. */
function shownMarks(page: Page): Promise<ShownMark[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.text .hl')).map((mark) => {
      const container = mark.closest<HTMLElement>('.text')!;
      const range = document.createRange();
      range.setStart(container, 0);
      range.setEndBefore(mark);
      return {
        doc: Number(container.dataset.doc),
        from: Number(mark.dataset.from),
        to: Number(mark.dataset.to),
        sides: (mark.dataset.sides ?? '').split(' '),
        offset: range.toString().length,
        text: mark.textContent ?? '',
      };
    }),
  );
}

run('in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neardup-browser-'));
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the seed articles’ report with every highlight where the report’s offsets say', async () => {
    const docs = seedArticles();
    const report = await findDuplicates(docs);
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const { page } = await open(renderHtml(report, texts), 'seed.html');
    // Report v2: pairs inside a cluster are shown by the cluster, once; the others as pairs.
    const inClusters = new ReportGroups(report).clusterPairs;
    expect(inClusters.size).toBeGreaterThan(0);
    expect(await page.locator('li.pair').count()).toBe(report.pairs.length - inClusters.size);
    expect(await page.locator('li.cluster').count()).toBe(report.clusters.length);
    const shownTexts = await page.$$eval('.text', (els) => els.map((el) => el.textContent));
    expect(shownTexts).toEqual(docs.map((d) => d.text));

    const marks = await shownMarks(page);
    const covered = new Map<string, [number, number][]>();
    for (const mark of marks) {
      const text = docs[mark.doc].text;
      expect(mark.offset).toBe(mark.from);
      expect(mark.text).toBe(text.slice(mark.from, mark.to));
      for (const side of mark.sides) covered.set(side, [...(covered.get(side) ?? []), [mark.from, mark.to]]);
    }
    // Each passage of the report is covered by its segments exactly, side by side.
    report.pairs.forEach((pair, p) => {
      pair.spans.forEach((span, s) => {
        for (const side of ['a', 'b'] as const) {
          const parts = (covered.get(`h${p}-${s}-${side}`) ?? []).sort((x, y) => x[0] - y[0]);
          expect(parts.length).toBeGreaterThan(0);
          expect(parts[0][0]).toBe(span[side][0]);
          expect(parts[parts.length - 1][1]).toBe(span[side][1]);
          for (let i = 1; i < parts.length; i++) expect(parts[i][0]).toBe(parts[i - 1][1]);
        }
      });
    });
    if (process.env.NEARDUP_SCREENSHOT === '1') {
      await page.locator('#documents').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(root, 'docs', 'report.png'), fullPage: false });
    }
    await page.close();
  });

  it('shows hundreds of documents collapsed, grouped by document and by cluster with counts, and thousands of pairs folded', async () => {
    const docs = [
      ...[...debianLike(240).files].map(([id, text]) => ({ id, text })),
      ...quotingDocs(4, 60), // 240 paragraphs quoting sentences in groups of 9: 960 overlap pairs
    ];
    const texts = new Map(docs.map((d) => [d.id, d.text]));
    const report = await findDuplicates(docs);
    const html = renderHtml(report, texts);
    const { page } = await open(html, 'many.html');
    const shown = await page.evaluate(() => ({
      headings: Array.from(document.querySelectorAll('h2'), (h) => h.textContent),
      documents: document.querySelectorAll('details.doc').length,
      open: document.querySelectorAll('details[open]').length,
      pairs: document.querySelector('#pairs summary')?.textContent,
      pairItems: document.querySelectorAll('#pairs li.pair').length,
      pairVisible: document.querySelector('#pairs li.pair')?.checkVisibility(),
    }));
    expect(shown.headings).toContain('Duplicate documents: 2 groups');
    expect(shown.headings).toContainEqual(expect.stringMatching(/^Repeated paragraphs: 5 clusters/));
    expect(shown.documents).toBe(docs.length);
    expect(shown.open).toBe(0);
    const listed = report.pairs.filter((p) => p.kind === 'overlap').length;
    expect(listed).toBeGreaterThan(200);
    expect(shown.pairs).toBe(
      `${listed.toLocaleString('en')} pairs: ${listed.toLocaleString('en')} overlap: open to list them`,
    );
    expect(shown.pairItems).toBe(listed);
    expect(shown.pairVisible).toBe(false); // folded until opened
    // Opened, a document shows its flagged paragraphs, each highlight where its offsets say.
    const marks = await page.evaluate(() => {
      const details = document.querySelector<HTMLDetailsElement>('details.doc')!;
      details.open = true;
      return Array.from(details.querySelectorAll<HTMLElement>('.text .hl'), (mark) => ({
        doc: Number(mark.closest<HTMLElement>('.text')!.dataset.doc),
        from: Number(mark.dataset.from),
        to: Number(mark.dataset.to),
        text: mark.textContent,
        visible: mark.checkVisibility(),
      }));
    });
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) {
      expect(mark.text).toBe(texts.get(report.documents[mark.doc].id)!.slice(mark.from, mark.to));
      expect(mark.visible).toBe(true);
    }
    await page.close();
  }, 120_000);

  it('links a highlighted passage to its counterpart in the other document', async () => {
    const docs = seedArticles();
    const report = await findDuplicates(docs);
    const { page } = await open(renderHtml(report, new Map(docs.map((d) => [d.id, d.text]))), 'links.html');
    const overlap = report.pairs.findIndex((p) => p.kind === 'overlap' && p.b.doc === 'article-2');
    const mark = page.locator(`.text[data-doc="1"] .hl[href="#h${overlap}-0-a"]`).first();
    await mark.click();
    expect(await page.evaluate(() => location.hash)).toBe(`#h${overlap}-0-a`);
    expect(
      await page.evaluate(() =>
        document.querySelector(':target')?.closest('.text')?.getAttribute('data-doc'),
      ),
    ).toBe('0');
    await page.close();
  });

  it('runs no script from hostile document ids or texts', async () => {
    const hostile = [
      '<script>window.pwned = 1; alert(1)</script>',
      '"><img src=x onerror="window.pwned = 2; alert(2)">',
      '\'><svg onload="alert(3)">',
      '</style><iframe src="javascript:alert(4)"></iframe>',
    ];
    const quote =
      'the ministers stressed the importance of enhancing cooperation and coordination to confront these threats today';
    const docs = hostile.map((id, i) => ({
      id: `${id}${i}.txt`,
      text: `${hostile.join(' ')}\n\nQuoted: ${quote} ${id}`,
    }));
    const report = await findDuplicates(docs);
    expect(report.pairs.length).toBeGreaterThan(0);
    const { page, dialogs } = await open(
      renderHtml(report, new Map(docs.map((d) => [d.id, d.text])), { title: hostile[0] }),
      'hostile.html',
    );
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('script, img, svg, iframe, object, embed').count()).toBe(0);
    const handlers = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('*'))
          .flatMap((el) => el.getAttributeNames())
          .filter((n) => n.startsWith('on')).length,
    );
    expect(handlers).toBe(0);
    expect(await page.title()).toBe(hostile[0]);
    const headings = await page.$$eval('.doc h3', (els) =>
      els.map((el) => el.firstChild?.textContent?.trim()),
    );
    expect(headings).toEqual(docs.map((d) => d.id));
    expect(await page.$$eval('.text', (els) => els.map((el) => el.textContent))).toEqual(
      docs.map((d) => d.text),
    );
    await page.close();
  });

  it('bundles dist for the browser with esbuild and gives the same report as Node', async () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'ensure-built.mjs')], { stdio: 'inherit' });
    const bundle = await build({
      entryPoints: [join(root, 'dist', 'index.js')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'neardup',
      platform: 'browser',
      // The optional peer dependency is loaded only when stemming is asked for.
      external: ['natural', 'natural/*'],
      logLevel: 'silent',
    });
    const { page } = await open('<!doctype html><title>neardup in a browser</title>', 'bundle.html');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    const docs = seedArticles();
    const inPage = await page.evaluate(
      (input) =>
        (window as unknown as { neardup: typeof import('../../src/index.js') }).neardup.findDuplicates(input),
      docs,
    );
    const inNode = await findDuplicates(docs);
    const withoutTime = (report: Report) => ({ ...report, stats: { ...report.stats, ms: 0 } });
    expect(withoutTime(inPage)).toEqual(withoutTime(inNode));
    expect(inPage.pairs.length).toBe(7);
    expect(inPage.clusters.length).toBe(5);
    await page.close();
  });
});
