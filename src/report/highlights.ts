import type { Pair, Report } from '../types.js';

/**
 * One side of one shared passage: span `span` of pair `pair`, in the text of side `side`; or, with
 * `passage` set, occurrence `span` of that repeated passage (its `pair` then orders it after every pair).
 */
export interface SpanSide {
  pair: number;
  span: number;
  side: 'a' | 'b';
  kind: Pair['kind'];
  start: number;
  end: number;
  passage?: number;
}

/** A stretch of text covered by the same shared passages; `sides` strongest pair first. */
export interface Segment {
  start: number;
  end: number;
  sides: SpanSide[];
}

/** Every shared passage of the report (pairs' spans, repeated passages), grouped by the document it sits in. */
export function spanSidesByDocument(report: Report): Map<string, SpanSide[]> {
  const byDoc = new Map<string, SpanSide[]>();
  const add = (doc: string, side: SpanSide) => {
    const list = byDoc.get(doc);
    if (list) list.push(side);
    else byDoc.set(doc, [side]);
  };
  report.pairs.forEach((pair, p) => {
    pair.spans.forEach((span, s) => {
      add(pair.a.doc, { pair: p, span: s, side: 'a', kind: pair.kind, start: span.a[0], end: span.a[1] });
      add(pair.b.doc, { pair: p, span: s, side: 'b', kind: pair.kind, start: span.b[0], end: span.b[1] });
    });
  });
  const after = report.pairs.length;
  (report.passages ?? []).forEach((passage, k) => {
    passage.occurrences.forEach((o, i) => {
      add(o.doc, {
        pair: after + k,
        span: i,
        side: 'a',
        kind: 'overlap',
        start: o.span[0],
        end: o.span[1],
        passage: k,
      });
    });
  });
  return byDoc;
}

/**
 * Cuts one text's passages into non-overlapping segments, so that overlapping passages (a paragraph
 * quoted by two others) can be marked without nesting elements. Sweeps the sorted boundaries once;
 * segments covered by nothing are left out.
 */
export function segments(sides: readonly SpanSide[]): Segment[] {
  const bounds = new Set<number>();
  for (const side of sides) {
    if (side.end > side.start) {
      bounds.add(side.start);
      bounds.add(side.end);
    }
  }
  const cuts = [...bounds].sort((x, y) => x - y);
  const byStart = sides.filter((s) => s.end > s.start).sort((x, y) => x.start - y.start);
  const open: SpanSide[] = [];
  const result: Segment[] = [];
  let next = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i];
    const end = cuts[i + 1];
    while (next < byStart.length && byStart[next].start <= start) open.push(byStart[next++]);
    for (let j = open.length - 1; j >= 0; j--) if (open[j].end <= start) open.splice(j, 1);
    if (open.length > 0) {
      const covering = open.slice().sort((x, y) => x.pair - y.pair || x.span - y.span);
      result.push({ start, end, sides: covering });
    }
  }
  return result;
}

/** The element id of a passage side, and of its counterpart in the other text. */
export function sideId(side: Pick<SpanSide, 'pair' | 'span' | 'side' | 'passage'>): string {
  return side.passage === undefined
    ? `h${side.pair}-${side.span}-${side.side}`
    : `r${side.passage}-${side.span}`;
}

/** Where a passage side links to: the other side of its pair, or a repeated passage's entry in the list. */
export function counterpartId(side: Pick<SpanSide, 'pair' | 'span' | 'side' | 'passage'>): string {
  if (side.passage !== undefined) return `passage-${side.passage}`;
  return sideId({ ...side, side: side.side === 'a' ? 'b' : 'a' });
}
