import {
  type Report,
  renderHtml,
  renderHtmlChunks,
  renderJson,
  renderJsonChunks,
  renderSarif,
  renderSarifChunks,
  renderText,
  renderTextChunks,
} from '../../src/index.js';

export type Texts = Map<string, string>;
export type FormatRenderers = [(r: Report, t: Texts) => string, (r: Report, t: Texts) => Iterable<string>];

/** Each output format as [string renderer, chunked renderer], for tests that hold the two to each other. */
export const FORMATS: Record<'json' | 'text' | 'html' | 'sarif', FormatRenderers> = {
  json: [(r) => renderJson(r), (r) => renderJsonChunks(r)],
  text: [(r, t) => renderText(r, t), (r, t) => renderTextChunks(r, t)],
  html: [(r, t) => renderHtml(r, t), (r, t) => renderHtmlChunks(r, t)],
  sarif: [(r, t) => renderSarif(r, t), (r, t) => renderSarifChunks(r, t)],
};
