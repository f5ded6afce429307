import type { Cluster, Pair, Report } from '../types.js';
import { reportTooLarge } from './chunks.js';
import { ReportGroups, standsFor } from './grouping.js';
import { jsonChunks, LazyArray } from './json-chunks.js';
import { cutAt, oneLine, sharedWords } from './quote.js';
import {
  clusterResult,
  DOCUMENT_RULE,
  documentGroupResult,
  fingerprint,
  PASSAGE_RULE,
  passageResult,
  type SarifContext,
} from './sarif-groups.js';
import type { Location, Log, ReportingDescriptor, Result } from './sarif-log.js';
import { type DocumentTexts, lineIndex, textOf } from './texts.js';

export interface SarifOptions {
  /** The neardup version named as the tool's version (the CLI passes its own). */
  toolVersion?: string;
}

const RULES: Record<Pair['kind'], ReportingDescriptor & { id: string }> = {
  exact: {
    id: 'neardup/exact-duplicate',
    name: 'ExactDuplicateParagraph',
    shortDescription: { text: 'A paragraph is an exact copy of another (after normalisation).' },
    fullDescription: {
      text: 'The two paragraphs have the same words after Unicode normalisation, case folding and punctuation removal.',
    },
    help: { text: 'Remove one copy, or keep it on purpose and mark the result as accepted.' },
    defaultConfiguration: { level: 'warning' },
  },
  near: {
    id: 'neardup/near-duplicate',
    name: 'NearDuplicateParagraph',
    shortDescription: { text: 'A paragraph is a near duplicate of another.' },
    fullDescription: {
      text: 'The Jaccard similarity of the two paragraphs’ word shingles reaches the threshold: one is an edited copy of the other.',
    },
    help: { text: 'Merge the two paragraphs or make them say different things.' },
    defaultConfiguration: { level: 'warning' },
  },
  overlap: {
    id: 'neardup/overlap',
    name: 'SharedPassage',
    shortDescription: { text: 'Two paragraphs share a long passage.' },
    fullDescription: {
      text: 'The paragraphs differ as a whole but share a run of at least minOverlapWords consecutive words (a quotation or a pasted sentence).',
    },
    help: { text: 'Check that the shared passage is quoted and attributed on purpose.' },
    // A shared quotation is often legitimate, so it is a note rather than a warning.
    defaultConfiguration: { level: 'note' },
  },
};
const KINDS: Pair['kind'][] = ['exact', 'near', 'overlap'];
/** Every rule, in the order of driver.rules (ruleIndex). */
const ALL_RULES = [...KINDS.map((kind) => RULES[kind]), PASSAGE_RULE, DOCUMENT_RULE];

/**
 * The report as a SARIF 2.1.0 log for code-scanning UIs and editors: one result per document group
 * (rule neardup/duplicate-document), per cluster of copies (exact or near duplicate: the first paragraph
 * as the location, every other member as a related location), per repeated passage, and per flagged pair
 * not inside a cluster, with both paragraphs as its two locations (lines and columns 1-based, columns in
 * UTF-16 code units, end column exclusive, plus character offsets) and each shared passage as related
 * locations on both sides. Exact clusters inside one document group are said by the group's result.
 */
export function toSarif(report: Report, texts: DocumentTexts, options: SarifOptions = {}): Log {
  const { log, results } = sarifParts(report, texts, options);
  return log(Array.from({ length: results.length }, (_, i) => results.at(i)));
}

/**
 * The SARIF log as JSON text. A log too large for one string is a REPORT_TOO_LARGE error:
 * renderSarifChunks gives the same text in chunks.
 */
export function renderSarif(report: Report, texts: DocumentTexts, options?: SarifOptions): string {
  try {
    return `${JSON.stringify(toSarif(report, texts, options), null, 2)}\n`;
  } catch (error) {
    if (error instanceof RangeError)
      throw reportTooLarge('renderSarif', 'renderSarifChunks', undefined, error);
    throw error;
  }
}

/**
 * renderSarif's text in chunks of about 64 K characters, for reports of any size: each result is made
 * as it is written, so the log is never held whole. Joined, the chunks equal renderSarif(report, texts,
 * options).
 */
export function* renderSarifChunks(
  report: Report,
  texts: DocumentTexts,
  options: SarifOptions = {},
): Generator<string> {
  const { log, results } = sarifParts(report, texts, options);
  yield* jsonChunks(log(results as unknown as Result[]), 2);
  yield '\n';
}

/** The log around its results, and the results made one at a time: what toSarif and renderSarifChunks share. */
function sarifParts(
  report: Report,
  texts: DocumentTexts,
  options: SarifOptions,
): { log: (results: Result[]) => Log; results: LazyArray<Result> } {
  const docIndex = new Map(report.documents.map((d, i) => [d.id, i]));
  // Each document's URI once, not once per location (percent-encoding a path is not free).
  const uris = new Map<string, ReturnType<typeof artifactUri>>();
  const uriOf = (doc: string) => {
    let uri = uris.get(doc);
    if (uri === undefined) {
      uri = artifactUri(doc);
      uris.set(doc, uri);
    }
    return uri;
  };
  const finders = new Map<string, (offset: number) => { line: number; column: number }>();
  const region = (doc: string, start: number, end: number) => {
    const text = textOf(texts, doc);
    const base = { charOffset: start, charLength: end - start };
    if (text.length < end) return base; // without the text, offsets only
    let find = finders.get(doc);
    if (!find) {
      find = lineIndex(text);
      finders.set(doc, find);
    }
    const from = find(start);
    const to = find(end);
    return {
      startLine: from.line,
      startColumn: from.column,
      endLine: to.line,
      endColumn: to.column,
      ...base,
    };
  };
  const location = (doc: string, start: number, end: number, extra: Partial<Location> = {}): Location => ({
    ...extra,
    physicalLocation: {
      artifactLocation: { ...uriOf(doc), index: docIndex.get(doc) },
      region: region(doc, start, end),
    },
  });
  const result = (pair: Pair): Result => {
    const paragraphOf = (side: Pair['a']) =>
      report.documents[docIndex.get(side.doc) ?? 0].paragraphs[side.paragraph];
    const pa = paragraphOf(pair.a);
    const pb = paragraphOf(pair.b);
    let id = 0;
    const related = pair.spans.flatMap((span) =>
      (['a', 'b'] as const).map((side) =>
        location(pair[side].doc, span[side][0], span[side][1], {
          id: id++,
          message: { text: `shared passage (${sharedWords(span, 'words')})` },
        }),
      ),
    );
    return {
      ruleId: RULES[pair.kind].id,
      ruleIndex: KINDS.indexOf(pair.kind),
      level: RULES[pair.kind].defaultConfiguration?.level,
      message: { text: describe(pair, texts) },
      locations: [location(pair.a.doc, pa.start, pa.end), location(pair.b.doc, pb.start, pb.end)],
      relatedLocations: related,
      partialFingerprints: { 'neardupPair/v1': pairFingerprint(pair) },
      properties: {
        jaccard: pair.jaccard,
        containment: pair.containment,
        similarity: pair.similarity,
        sharedWords: pair.spans.reduce((sum, s) => sum + s.words, 0),
        ...(pair.memberPairs === undefined ? {} : { memberPairs: pair.memberPairs }),
        ...(pair.linkedPairs === undefined ? {} : { linkedPairs: pair.linkedPairs }),
      },
    };
  };
  const context: SarifContext = {
    location,
    range(doc, paragraph) {
      const paragraphs = report.documents[docIndex.get(doc) ?? 0].paragraphs;
      // A whole document: its text, or (texts not given) as far as its last paragraph reaches.
      if (paragraph === undefined)
        return [0, Math.max(textOf(texts, doc).length, paragraphs.at(-1)?.end ?? 0)];
      const info = paragraphs[paragraph];
      return [info.start, info.end];
    },
    text: (doc) => textOf(texts, doc),
    ruleIndex: (id) => ALL_RULES.findIndex((rule) => rule.id === id),
  };
  const groups = new ReportGroups(report);
  const documentGroups = report.documentGroups ?? [];
  const clusters = groups.listedClusters();
  const passages = report.passages ?? [];
  const pairs = report.pairs.filter((pair) => !groups.clusterPairs.has(pair));
  const ruleOf = (cluster: Cluster) => ({
    id: RULES[cluster.kind].id,
    level: RULES[cluster.kind].defaultConfiguration.level,
  });
  // Document groups, clusters, repeated passages, then pairs: each made only when it is written.
  const bounds = [documentGroups.length, clusters.length, passages.length, pairs.length];
  const results = new LazyArray<Result>(
    bounds.reduce((x, y) => x + y, 0),
    (i) => {
      if (i < bounds[0]) return documentGroupResult(documentGroups[i], context);
      let j = i - bounds[0];
      if (j < bounds[1]) return clusterResult(clusters[j], ruleOf(clusters[j]), context);
      j -= bounds[1];
      if (j < bounds[2]) return passageResult(passages[j], context);
      return result(pairs[j - bounds[2]]);
    },
  );
  const log = (results: Result[]): Log => ({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'neardup',
            informationUri: 'https://www.npmjs.com/package/neardup',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            rules: ALL_RULES,
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory neardup ran in.' } } },
        artifacts: report.documents.map((d) => ({
          location: uriOf(d.id),
          length: textOf(texts, d.id).length,
        })),
        results,
      },
    ],
  });
  return { log, results };
}

function describe(pair: Pair, texts: DocumentTexts): string {
  const a = `paragraph ${pair.a.paragraph + 1} of ${pair.a.doc}`;
  const b = `paragraph ${pair.b.paragraph + 1} of ${pair.b.doc}`;
  const figures = `Jaccard ${pair.jaccard.toFixed(2)}, similarity ${pair.similarity.toFixed(2)}`;
  const copies = standsFor(pair) && ` It stands ${standsFor(pair)}.`;
  if (pair.kind === 'exact') return `The ${a} is an exact copy of ${b} (${figures}).${copies}`;
  if (pair.kind === 'near') return `The ${a} is a near duplicate of ${b} (${figures}).${copies}`;
  const span = pair.spans[0];
  const cut = span ? cutAt(oneLine(textOf(texts, pair.a.doc).slice(span.a[0], span.a[1])), 200) : '';
  const shares = span?.edits
    ? `a passage (${sharedWords(span, 'words')})`
    : `${span?.words ?? 0} consecutive words`;
  return `The ${a} shares ${shares} with ${b}${cut ? `: “${cut}”` : ''} (${figures}).${copies}`;
}

/**
 * A document id as a SARIF artifact location. Ids are paths as given on the command line (or any string
 * from library users): relative paths stay relative to %SRCROOT%, absolute ones become file: URIs,
 * every path segment is percent-encoded, and "-" (standard input) is named as such.
 */
export function artifactUri(id: string): { uri: string; uriBaseId?: string; description?: { text: string } } {
  if (id === '-') return { uri: 'stdin', description: { text: 'standard input' } };
  const path = id.replace(/\\/g, '/');
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  const drive = /^[A-Za-z]:\//.exec(path);
  if (drive) return { uri: `file:///${path.slice(0, 2)}${encode(path.slice(2))}` };
  if (path.startsWith('/')) return { uri: `file://${encode(path)}` };
  return { uri: encode(path.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

/** Stable across runs for the same places and kind, so code-scanning UIs track a result over time. */
function pairFingerprint(pair: Pair): string {
  return fingerprint(
    `${pair.kind}\u0000${pair.a.doc}\u0000${pair.a.paragraph}\u0000${pair.b.doc}\u0000${pair.b.paragraph}`,
  );
}
