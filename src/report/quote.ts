/**
 * A passage for quoting on one line: whitespace runs collapsed to one space, and when it is longer than
 * `max` characters, its beginning and its end joined by " … ", cut at word boundaries where there is
 * one near the cut (never inside a surrogate pair), so both ends of the passage stay recognisable.
 */
export function quotable(text: string, max: number): string {
  const line = oneLine(text);
  if (line.length <= max) return line;
  const room = max - 3; // the " … " between the two ends
  let head = line.slice(0, Math.ceil((room * 2) / 3));
  let tail = line.slice(line.length - Math.floor(room / 3));
  const headCut = head.lastIndexOf(' ');
  if (headCut > head.length / 2) head = head.slice(0, headCut);
  const tailCut = tail.indexOf(' ');
  if (tailCut >= 0 && tailCut < tail.length / 2) tail = tail.slice(tailCut + 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  if (/^[\uDC00-\uDFFF]/.test(tail)) tail = tail.slice(1);
  return `${head.trimEnd()} … ${tail.trimStart()}`;
}

/** Whitespace runs collapsed to one space, ends trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The text cut to at most `max` characters, the last one an ellipsis when it was longer. */
export function cutAt(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "13 shared words", or for a passage bridged across edits "19 shared words, 1 edit" (noun as given). */
export function sharedWords(span: { words: number; edits?: number }, noun = 'shared words'): string {
  const edits = span.edits === undefined ? '' : `, ${span.edits} edit${span.edits === 1 ? '' : 's'}`;
  return `${span.words} ${noun}${edits}`;
}
