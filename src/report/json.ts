import type { Report } from '../types.js';
import { reportTooLarge } from './chunks.js';
import { jsonChunks } from './json-chunks.js';

/**
 * The Report as JSON (it holds only plain data, so this is the whole contract). A report too large for
 * one string is a REPORT_TOO_LARGE error: renderJsonChunks gives the same text in chunks.
 */
export function renderJson(report: Report, indent = 2): string {
  try {
    return `${JSON.stringify(report, null, indent)}\n`;
  } catch (error) {
    if (error instanceof RangeError) throw reportTooLarge('renderJson', 'renderJsonChunks', undefined, error);
    throw error;
  }
}

/**
 * renderJson's text in chunks of about 64 K characters, for reports of any size: write them one by one
 * to a file or stream (in Node, `stream.pipeline(Readable.from(chunks), createWriteStream(path))`).
 * Joined, the chunks equal renderJson(report, indent).
 */
export function* renderJsonChunks(report: Report, indent = 2): Generator<string> {
  yield* jsonChunks(report, indent);
  yield '\n';
}
