// The documents of a large HTML report: one collapsed <details> each, holding its flagged paragraphs
// only (highlighted), a line for each exact copy (its text is shown once, at its cluster's first
// paragraph) and a count for each run of paragraphs with nothing flagged.
import type { Report } from '../types.js';
import type { ChunkBuffer } from './chunks.js';
import type { SpanSide } from './highlights.js';
import { DocumentMarks, escapeHtml, paragraphHtml } from './html-document.js';

/** More flagged documents than this are listed collapsed, flagged paragraphs only, not side by side. */
export const SIDE_BY_SIDE_DOCUMENTS = 8;

/**
 * Writes one document as a collapsed <details id="d{doc}">: `summary` (HTML) beside its name, then its
 * flagged paragraphs, each in a `.text` element whose `data-start` is the paragraph's offset in the
 * document (so a segment's `data-from` is that plus its offset in the element). `stubs` holds, by
 * paragraph index, the HTML line shown instead of a paragraph's text (an exact copy shown elsewhere).
 */
export function compactDocumentHtml(
  report: Report,
  d: number,
  text: string,
  sides: readonly SpanSide[],
  flagged: ReadonlySet<number>,
  stubs: ReadonlyMap<number, string>,
  summary: string,
  out: ChunkBuffer,
): void {
  const doc = report.documents[d];
  const marks = new DocumentMarks(report, text, sides);
  out.add(
    `<details class="doc" id="d${d}"><summary><b>${escapeHtml(doc.id)}</b> <span class="figures">${summary}</span></summary>`,
  );
  let quiet = -1; // first paragraph of the current run with nothing flagged
  const endQuiet = (before: number) => {
    if (quiet < 0) return;
    const range = before - 1 === quiet ? `¶${quiet + 1}` : `¶${quiet + 1}–${before}`;
    out.add(`<p class="elided">${range}: nothing flagged</p>`);
    quiet = -1;
  };
  for (const paragraph of doc.paragraphs) {
    const i = paragraph.index;
    if (!flagged.has(i)) {
      if (quiet < 0) quiet = i;
      continue;
    }
    endQuiet(i);
    const stub = stubs.get(i);
    if (stub !== undefined) {
      out.add(`<p class="stub" id="d${d}-p${i}">${marks.anchors(paragraph)}¶${i + 1}: ${stub}</p>`);
    } else {
      out.add(
        `<div class="text" data-doc="${d}" data-start="${paragraph.start}">${paragraphHtml(d, paragraph, true, marks)}</div>`,
      );
    }
  }
  endQuiet(doc.paragraphs.length);
  out.add('</details>\n');
}
