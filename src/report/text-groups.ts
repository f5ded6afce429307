// The text report's sections for groups: duplicate documents, repeated paragraphs (clusters) and
// repeated passages, each shown once with its places listed compactly.
import type { Cluster, DocumentGroup, PassageOccurrence, RepeatedPassage } from '../types.js';
import { escapeName } from '../util/controls.js';
import {
  andList,
  clusterHeadline,
  copies,
  documentCount,
  LISTED_MEMBERS,
  memberSentence,
  plural,
  type ReportGroups,
  thousands,
} from './grouping.js';

/** What the sections need from the text renderer: places, quotes, colour and the output. */
export interface TextContext {
  /** "doc:line ¶n" (1-based). */
  place(doc: string, paragraph: number): string;
  /** A passage of a document, quoted on one line (and dimmed in colour). */
  quote(doc: string, start: number, end: number): string;
  bold(text: string): string;
  kind(kind: 'exact' | 'near' | 'overlap', text: string): string;
  line(text: string): void;
}

/** "Duplicate documents": each document group once, as a sentence. */
export function documentGroupSection(groups: ReportGroups, out: TextContext): void {
  const list = groups.report.documentGroups ?? [];
  if (list.length === 0) return;
  out.line(
    out.bold(
      `Duplicate documents (${plural(list.length, 'group')} of documents that are copies of one another):`,
    ),
  );
  for (const group of list) groupLines(group, groups, out);
  out.line('');
}

function groupLines(group: DocumentGroup, groups: ReportGroups, out: TextContext): void {
  const note = groups.coveredBy(group) > 0 ? '; their repeated paragraphs are not listed again below' : '';
  const rep = escapeName(group.representative);
  const size = plural(groups.wordParagraphs(group.representative), 'paragraph');
  if (group.kind === 'exact') {
    const names = group.members.slice(0, LISTED_MEMBERS).map((m) => escapeName(m.doc));
    const more = group.members.length - names.length;
    if (more > 0) names.push(`${thousands(more)} more`);
    out.line(
      `  ${out.kind('exact', '[exact]')} ${andList(names)} are exact copies of one another (${size} each${note})`,
    );
    return;
  }
  out.line(
    `  ${out.kind('near', '[near]')} ${rep} (${size}${note}) and ${copies(group.members.length - 1)} of it:`,
  );
  const others = group.members.slice(1);
  for (const member of others.slice(0, LISTED_MEMBERS))
    out.line(`      ${escapeName(member.doc)} is ${memberSentence(member, rep)}`);
  if (others.length > LISTED_MEMBERS)
    out.line(`      … and ${thousands(others.length - LISTED_MEMBERS)} more`);
}

/** "Repeated paragraphs": each cluster once, its first paragraph quoted and its members listed compactly. */
export function clusterSection(groups: ReportGroups, out: TextContext): void {
  const clusters = groups.listedClusters();
  if (clusters.length === 0) return;
  out.line(
    out.bold(
      `Repeated paragraphs (${plural(clusters.length, 'cluster')} of exact or near copies, each listed once with its first paragraph quoted):`,
    ),
  );
  for (const cluster of clusters) clusterLines(cluster, groups, out);
  out.line('');
}

function clusterLines(cluster: Cluster, groups: ReportGroups, out: TextContext): void {
  const rep = cluster.representative;
  const info = groups.paragraph(rep.doc, rep.paragraph);
  const quote = info ? `: ${out.quote(rep.doc, info.start, info.end)}` : '';
  out.line(`  ${out.kind(cluster.kind, `[${cluster.kind}]`)} ${clusterHeadline(cluster)}${quote}`);
  const places = cluster.members.map((m, i) =>
    cluster.kind === 'near' && i > 0 ? `${out.place(m.doc, m.paragraph)} (${m.jaccard.toFixed(2)})` : null,
  );
  out.line(
    `      ${compact(cluster.members.length, (i) => places[i] ?? out.place(cluster.members[i].doc, cluster.members[i].paragraph))}`,
  );
}

/** "Repeated passages": each passage once, quoted, with its occurrences listed compactly. */
export function passageSection(groups: ReportGroups, out: TextContext): void {
  const passages = groups.report.passages ?? [];
  if (passages.length === 0) return;
  out.line(
    out.bold(
      `Repeated passages (${plural(passages.length, 'passage')} found in many otherwise different paragraphs, each listed once):`,
    ),
  );
  for (const passage of passages) passageLines(passage, out);
  out.line('');
}

function passageLines(passage: RepeatedPassage, out: TextContext): void {
  const first: PassageOccurrence = passage.occurrences[0];
  const docs = documentCount(passage.occurrences);
  const quote = first ? `: ${out.quote(first.doc, first.span[0], first.span[1])}` : '';
  out.line(
    `  ${out.kind('overlap', '[passage]')} a ${thousands(passage.words)}-word passage appears in ${plural(passage.occurrences.length, 'paragraph')} of ${plural(docs, 'document')}${quote}`,
  );
  const at = (i: number) => out.place(passage.occurrences[i].doc, passage.occurrences[i].paragraph);
  out.line(`      ${compact(passage.occurrences.length, at)}`);
}

/** The first LISTED_MEMBERS places joined, then "… and N more". */
function compact(length: number, at: (i: number) => string): string {
  const shown = Math.min(length, LISTED_MEMBERS);
  const names = Array.from({ length: shown }, (_, i) => at(i));
  return `${names.join(', ')}${length > shown ? ` … and ${thousands(length - shown)} more` : ''}`;
}
