// Control characters a terminal would act on (ESC starts colour codes, cursor moves and title changes;
// C1 CSI U+009B does the same on some terminals): C0 except tab and newline, DEL, and C1.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above, tab and newline included.
const ALL_CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The text with every C0 control but tab and newline, DEL and every C1 control written out as an escape
 * (`\x1b`, `\x7f`, `\u009b`), so printing it cannot move the cursor, recolour or retitle a terminal.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, escapeOne);
}

/**
 * A name (a file path, a document id) quoted for a message on one line: JSON string syntax (so quotes,
 * backslashes, newlines and C0 controls are escaped as JSON escapes them) plus DEL and C1 controls,
 * which JSON leaves as they are.
 */
export function quoteName(name: string): string {
  return JSON.stringify(name).replace(CONTROLS, escapeOne);
}

/** A name (file path, document id) shown unquoted on one line: like escapeControls, tab and newline included. */
export function escapeName(name: string): string {
  return name.replace(ALL_CONTROLS, escapeOne);
}

function escapeOne(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x80 ? `\\x${hex2(code)}` : `\\u00${hex2(code)}`;
}

function hex2(code: number): string {
  return code.toString(16).padStart(2, '0');
}
