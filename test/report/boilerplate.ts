import { findDuplicates, type Report } from '../../src/index.js';

export const GRANT =
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files.';
export const NOTICE =
  'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.';

/**
 * `files` documents that each hold the same two paragraphs, `repeats` times over, and one line of their
 * own (the shape of licence boilerplate across packages): two clusters of files × repeats copies, so
 * 2 × (files × repeats − 1) pairs (each copy against the first, in pkg-0), in blocks of two.
 */
export function boilerplateDocs(files: number, repeats = 1): { id: string; text: string }[] {
  const licence = `${GRANT}\n\n${NOTICE}\n\n`.repeat(repeats);
  return Array.from({ length: files }, (_, i) => ({
    id: `pkg-${i}/copyright`,
    text: `${licence}Files: debian/* of package ${i}, maintained since ${1990 + (i % 30)}.\n`,
  }));
}

/** findDuplicates of boilerplateDocs(files, repeats), and their texts by id. */
export async function boilerplate(
  files: number,
  repeats = 1,
): Promise<{ report: Report; texts: Map<string, string> }> {
  const docs = boilerplateDocs(files, repeats);
  const report = await findDuplicates(docs);
  return { report, texts: new Map(docs.map((d) => [d.id, d.text])) };
}

/**
 * `files` documents of `paragraphs` paragraphs each, the paragraphs in groups of 9 (in file order) that
 * quote one sentence of their group among words of their own: 36 overlap pairs (and candidate pairs) per
 * group with the default options (a passage in fewer than passageParagraphs = 10 paragraphs stays pairs).
 */
export function quotingDocs(files: number, paragraphs: number): { id: string; text: string }[] {
  const own = (p: number, part: string) =>
    Array.from({ length: 14 }, (_, j) => `w${p.toString(36)}${part}${j.toString(36)}`).join(' ');
  const quote = (group: number) =>
    `Notice ${group}: subscribe to newsletter number ${group} today, and read every story first.`;
  return Array.from({ length: files }, (_, f) => ({
    id: `quotes-${f}.txt`,
    text: Array.from({ length: paragraphs }, (_, k) => {
      const p = f * paragraphs + k;
      return `${own(p, 'a')} ${quote(Math.floor(p / 9))} ${own(p, 'b')}`;
    }).join('\n\n'),
  }));
}
