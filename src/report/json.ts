import type { Report } from '../types.js';

/** The Report as JSON (it holds only plain data, so this is the whole contract). */
export function renderJson(report: Report, indent = 2): string {
  return `${JSON.stringify(report, null, indent)}\n`;
}
