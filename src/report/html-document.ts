import type { ParagraphInfo, Report } from '../types.js';
import type { ChunkBuffer } from './chunks.js';
import { counterpartId, type Segment, type SpanSide, segments, sideId } from './highlights.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  // HTML parsing turns CR and CRLF into LF; a reference keeps the text's offsets true.
  '\r': '&#13;',
  // The parser drops NUL from text; the replacement character keeps the offsets.
  '\u0000': '\uFFFD',
};

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is replaced on purpose (see ESCAPES).
  return text.replace(/[&<>"'\r\u0000]/g, (c) => ESCAPES[c]);
}

/** Position of every document in the report, by id (ids are never used as element ids). */
export function documentIndexes(report: Report): Map<string, number> {
  return new Map(report.documents.map((d, i) => [d.id, i]));
}

/**
 * Writes to `out` one document's original text, whole and in order (so the element's text equals the
 * document's text), with a wrapper per paragraph (`id="d{doc}-p{paragraph}"`) and a link per highlighted
 * segment to the counterpart of its strongest passage. Empty anchors (`id="h{pair}-{span}-{side}"`) mark
 * where each passage starts. `sides` are the passages in this document (spanSidesByDocument), `flagged`
 * its flagged paragraphs. Segments carry their offsets in `data-from`/`data-to` and the passages that
 * cover them in `data-sides`.
 */
export function documentHtml(
  report: Report,
  id: string,
  text: string,
  docIndex: ReadonlyMap<string, number>,
  sides: readonly SpanSide[],
  flagged: ReadonlySet<number> | undefined,
  out: ChunkBuffer,
): void {
  const d = docIndex.get(id) ?? 0;
  const doc = report.documents[d];
  const marks = new DocumentMarks(report, text, sides);
  out.add(`<article class="doc" id="d${d}">`);
  out.add(`<h3>${escapeHtml(id)} <span class="figures">${doc.paragraphs.length} paragraphs</span></h3>`);
  out.add(`<div class="text" data-doc="${d}">`);
  let pos = 0;
  for (const paragraph of doc.paragraphs) {
    if (paragraph.start < pos) continue;
    out.add(escapeHtml(text.slice(pos, paragraph.start)));
    out.add(paragraphHtml(d, paragraph, flagged?.has(paragraph.index) === true, marks));
    pos = paragraph.end;
  }
  out.add(escapeHtml(text.slice(pos)));
  out.add('</div></article>');
}

/** One paragraph's wrapper (`id="d{doc}-p{paragraph}"`) around its highlighted text. */
export function paragraphHtml(
  d: number,
  paragraph: ParagraphInfo,
  flagged: boolean,
  marks: DocumentMarks,
): string {
  const cls = flagged ? 'para flagged' : 'para';
  return `<span class="${cls}" id="d${d}-p${paragraph.index}" data-n="${paragraph.index + 1}">${marks.inner(paragraph)}</span>`;
}

/**
 * The highlighted segments of one document, written paragraph by paragraph in order (paragraphs may be
 * skipped): each passage's start anchor is written once, where its first segment is.
 */
export class DocumentMarks {
  private readonly marks: Segment[];
  private m = 0;
  private readonly started = new Set<string>();

  constructor(
    private readonly report: Report,
    private readonly text: string,
    sides: readonly SpanSide[],
  ) {
    this.marks = segments(sides);
  }

  /** The paragraph's text, escaped, with its segments as links. */
  inner(paragraph: ParagraphInfo): string {
    const { marks, text } = this;
    const parts: string[] = [];
    let pos = paragraph.start;
    while (this.m < marks.length && marks[this.m].end <= paragraph.start) this.m++;
    for (; this.m < marks.length && marks[this.m].start < paragraph.end; this.m++) {
      const mark = marks[this.m];
      const start = Math.max(mark.start, pos);
      const end = Math.min(mark.end, paragraph.end);
      if (end <= start) continue;
      parts.push(escapeHtml(text.slice(pos, start)));
      parts.push(segmentHtml(this.report, mark, start, end, text, this.started));
      pos = end;
      if (mark.end > paragraph.end) break;
    }
    parts.push(escapeHtml(text.slice(pos, paragraph.end)));
    return parts.join('');
  }

  /** The start anchors of the passages in a paragraph not shown (so links to them still land there). */
  anchors(paragraph: ParagraphInfo): string {
    const { marks } = this;
    const parts: string[] = [];
    while (this.m < marks.length && marks[this.m].end <= paragraph.start) this.m++;
    for (let k = this.m; k < marks.length && marks[k].start < paragraph.end; k++) {
      parts.push(anchorsOf(marks[k], this.started));
    }
    return parts.join('');
  }
}

function anchorsOf(segment: Segment, started: Set<string>): string {
  return segment.sides
    .map(sideId)
    .filter((key) => !started.has(key))
    .map((key) => {
      started.add(key);
      return `<span class="anchor" id="${key}"></span>`;
    })
    .join('');
}

function segmentHtml(
  report: Report,
  segment: Segment,
  start: number,
  end: number,
  text: string,
  started: Set<string>,
): string {
  const strongest = segment.sides[0];
  // The colour is the strongest passage's kind; a quoted passage inside a copied paragraph is underlined.
  const also = segment.sides.some((side) => side.kind === 'overlap') && strongest.kind !== 'overlap';
  const title = segment.sides.slice(0, 5).map((side) => describe(report, side));
  if (segment.sides.length > 5) title.push(`… and ${segment.sides.length - 5} more`);
  return [
    anchorsOf(segment, started),
    `<a class="hl k-${strongest.kind}${also ? ' also-overlap' : ''}" href="#${counterpartId(strongest)}"`,
    ` data-from="${start}" data-to="${end}" data-sides="${segment.sides.map(sideId).join(' ')}"`,
    ` title="${escapeHtml(title.join('\n'))}">${escapeHtml(text.slice(start, end))}</a>`,
  ].join('');
}

function describe(report: Report, side: SpanSide): string {
  if (side.passage !== undefined) {
    const passage = report.passages[side.passage];
    return `repeated passage: ${passage.words} words found in ${passage.occurrences.length} paragraphs`;
  }
  const pair = report.pairs[side.pair];
  const other = side.side === 'a' ? pair.b : pair.a;
  const words = pair.spans[side.span].words;
  return `${pair.kind}: ${words} words shared with ${other.doc} ¶${other.paragraph + 1}`;
}

export const HTML_STYLE = `
:root{color-scheme:light;--exact:#ffd6d6;--near:#ffe9b8;--overlap:#cfe8ff;font:15px/1.5 system-ui,sans-serif}
body{margin:0 auto;padding:1rem 2rem;max-width:110rem;color:#1d1d1f;background:#fff}
h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #ddd}h3{margin:.3rem 0 .6rem;overflow-wrap:anywhere}
.summary{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:.5rem 0}
.summary dt{color:#555}.summary dd{margin:0;font-weight:600}
.note,.figures{color:#666;font-size:.9em}
.pair{margin:.4rem 0}.quotes{margin:.2rem 0 .6rem;color:#333}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8em;font-weight:600}
.k-exact .badge{background:var(--exact)}.k-near .badge{background:var(--near)}.k-overlap .badge{background:var(--overlap)}
.docs{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(24rem,1fr);gap:1.5rem;overflow-x:auto}
.doc{min-width:0}
.text{white-space:pre-wrap;overflow-wrap:anywhere;padding-left:3.4rem;font-family:Georgia,serif}
.para{scroll-margin-top:4rem}
.para::before{content:"¶" attr(data-n);position:absolute;margin-left:-3.4rem;width:3rem;text-align:right;color:#999;font:12px/2 system-ui,sans-serif}
.para.flagged{background:#fafafa}.para:target{outline:2px solid #888}
.hl{color:inherit;text-decoration:none;border-radius:2px}
.hl.k-exact{background:var(--exact)}.hl.k-near{background:var(--near)}.hl.k-overlap{background:var(--overlap)}
.hl.also-overlap{box-shadow:inset 0 -3px #4b8fd6}.hl:hover{outline:1px solid #555}
.anchor{scroll-margin-top:4rem}
.anchor:target+.hl,.anchor:target+.anchor+.hl,.anchor:target+.anchor+.anchor+.hl{outline:2px solid #d33}
.doclist .doc{border-top:1px solid #ddd;padding:.2rem 0}.doclist summary{cursor:pointer;overflow-wrap:anywhere}
.doclist .text{margin:.4rem 0}
.stub,.elided{margin:.3rem 0 .3rem 3.4rem;color:#666;font-size:.9em}
.group,.cluster,.passage{margin:.5rem 0}.members{margin:.2rem 0;font-size:.9em}
.members details{display:inline}.quote{margin:.2rem 0 .2rem 1rem;color:#333;font-family:Georgia,serif}
.k-passage .badge{background:var(--overlap)}
.pairlist>summary{cursor:pointer;color:#555}
`.trim();
