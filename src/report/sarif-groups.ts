// SARIF results for a version 2 report's groups: one per document group, per cluster of copies and per
// repeated passage, each with its first member as the location and every other member as a related one.
import type { Cluster, DocumentGroup, RepeatedPassage } from '../types.js';
import { fmix32 } from '../util/fmix32.js';
import {
  andList,
  clusterHeadline,
  documentCount,
  LISTED_MEMBERS,
  memberSentence,
  plural,
  thousands,
} from './grouping.js';
import { cutAt, oneLine } from './quote.js';
import type { Level, Location, ReportingDescriptor, Result } from './sarif-log.js';

export const PASSAGE_RULE: ReportingDescriptor & { id: string } = {
  id: 'neardup/repeated-passage',
  name: 'RepeatedPassage',
  shortDescription: { text: 'A passage is repeated in many otherwise different paragraphs.' },
  fullDescription: {
    text: 'The same run of at least minOverlapWords words appears in passageParagraphs or more paragraphs that are not copies of one another (a licence sentence, a disclaimer).',
  },
  help: { text: 'Check that the passage is repeated on purpose (boilerplate), or keep one copy.' },
  defaultConfiguration: { level: 'note' },
};

export const DOCUMENT_RULE: ReportingDescriptor & { id: string } = {
  id: 'neardup/duplicate-document',
  name: 'DuplicateDocument',
  shortDescription: { text: 'Documents are copies of one another.' },
  fullDescription: {
    text: 'At least documentShare of each document’s paragraphs are exact or near copies of the other’s paragraphs.',
  },
  help: { text: 'Keep one of the documents, or make each say what is its own.' },
  defaultConfiguration: { level: 'warning' },
};

/** What a group result needs from the SARIF renderer. */
export interface SarifContext {
  /** A location of [start, end) in a document, with extra fields (id, message). */
  location(doc: string, start: number, end: number, extra?: Partial<Location>): Location;
  /** [start, end) of a paragraph, or of a whole document (paragraph undefined). */
  range(doc: string, paragraph?: number): [number, number];
  text(doc: string): string;
  ruleIndex(id: string): number;
}

function related(
  context: SarifContext,
  doc: string,
  range: [number, number],
  id: number,
  text: string,
): Location {
  return context.location(doc, range[0], range[1], { id, message: { text } });
}

/** A document group: the representative document, every other member as a related location. */
export function documentGroupResult(group: DocumentGroup, context: SarifContext): Result {
  const others = group.members.slice(1);
  const sentences =
    group.kind === 'exact'
      ? `${andList(names(group.members.map((m) => m.doc)))} are exact copies of one another.`
      : `${others
          .slice(0, LISTED_MEMBERS)
          .map((m) => `${m.doc} is ${memberSentence(m, group.representative)}`)
          .join(
            '; ',
          )}${others.length > LISTED_MEMBERS ? `; and ${thousands(others.length - LISTED_MEMBERS)} more` : ''}.`;
  return {
    ruleId: DOCUMENT_RULE.id,
    ruleIndex: context.ruleIndex(DOCUMENT_RULE.id),
    level: DOCUMENT_RULE.defaultConfiguration.level,
    message: { text: sentences },
    locations: [context.location(group.representative, ...context.range(group.representative))],
    relatedLocations: others.map((m, i) =>
      related(
        context,
        m.doc,
        context.range(m.doc),
        i,
        `${m.doc} is ${memberSentence(m, group.representative)}`,
      ),
    ),
    partialFingerprints: { 'neardupDocuments/v1': fingerprint(`${group.kind}\u0000${group.representative}`) },
    properties: { documents: group.members.length },
  };
}

/** A cluster of copies: its first paragraph, every other member as a related location. */
export function clusterResult(
  cluster: Cluster,
  rule: { id: string; level: Level },
  context: SarifContext,
): Result {
  const rep = cluster.representative;
  const [start, end] = context.range(rep.doc, rep.paragraph);
  const quote = cutAt(oneLine(context.text(rep.doc).slice(start, end)), 200);
  const headline = clusterHeadline(cluster);
  const copies = cluster.members.length - 1;
  return {
    ruleId: rule.id,
    ruleIndex: context.ruleIndex(rule.id),
    level: rule.level,
    message: {
      text: `${headline[0].toUpperCase()}${headline.slice(1)}${quote ? `: “${quote}”` : ''}. Its ${plural(copies, 'other place')} are the related locations.`,
    },
    locations: [context.location(rep.doc, start, end)],
    relatedLocations: cluster.members
      .slice(1)
      .map((m, i) =>
        related(
          context,
          m.doc,
          context.range(m.doc, m.paragraph),
          i,
          `${cluster.kind === 'exact' ? 'exact copy' : `near copy (Jaccard ${m.jaccard.toFixed(2)})`}: paragraph ${m.paragraph + 1} of ${m.doc}`,
        ),
      ),
    partialFingerprints: {
      'neardupCluster/v1': fingerprint(`${cluster.kind}\u0000${rep.doc}\u0000${rep.paragraph}`),
    },
    properties: {
      members: cluster.members.length,
      documents: documentCount(cluster.members),
      minJaccard: cluster.minJaccard,
    },
  };
}

/** A repeated passage: its first occurrence, every other one as a related location. */
export function passageResult(passage: RepeatedPassage, context: SarifContext): Result {
  const [first, ...others] = passage.occurrences;
  const quote = cutAt(oneLine(context.text(first.doc).slice(first.span[0], first.span[1])), 200);
  const docs = documentCount(passage.occurrences);
  return {
    ruleId: PASSAGE_RULE.id,
    ruleIndex: context.ruleIndex(PASSAGE_RULE.id),
    level: PASSAGE_RULE.defaultConfiguration.level,
    message: {
      text: `A ${thousands(passage.words)}-word passage appears in ${plural(passage.occurrences.length, 'paragraph')} of ${plural(docs, 'document')}${quote ? `: “${quote}”` : ''}. The other occurrences are the related locations.`,
    },
    locations: [context.location(first.doc, first.span[0], first.span[1])],
    relatedLocations: others.map((o, i) =>
      related(context, o.doc, o.span, i, `the passage in paragraph ${o.paragraph + 1} of ${o.doc}`),
    ),
    partialFingerprints: {
      'neardupPassage/v1': fingerprint(`${first.doc}\u0000${first.span[0]}\u0000${first.span[1]}`),
    },
    properties: { words: passage.words, paragraphs: passage.occurrences.length, documents: docs },
  };
}

/** Up to LISTED_MEMBERS names, then "N more". */
function names(docs: readonly string[]): string[] {
  const shown = docs.slice(0, LISTED_MEMBERS);
  return docs.length > shown.length ? [...shown, `${thousands(docs.length - shown.length)} more`] : shown;
}

/** Stable across runs for the same key, so code-scanning UIs track a result over time. */
export function fingerprint(key: string): string {
  let h = 0x811c9dc5;
  let g = 0x9e3779b9;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    g = Math.imul(g ^ key.charCodeAt(i), 0x85ebca6b);
  }
  return [fmix32(h >>> 0), fmix32(g >>> 0)].map((v) => v.toString(16).padStart(8, '0')).join('');
}
