import { findDuplicates, type Report } from '../../src/index.js';

export const GRANT =
  'Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files.';
export const NOTICE =
  'The above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.';

/**
 * `files` documents that each hold the same two paragraphs and one line of their own (the shape of
 * licence boilerplate across packages): every pair of files is a block of two exact pairs.
 */
export function boilerplateDocs(files: number): { id: string; text: string }[] {
  return Array.from({ length: files }, (_, i) => ({
    id: `pkg-${i}/copyright`,
    text: `${GRANT}\n\n${NOTICE}\n\nFiles: debian/* of package ${i}, maintained since ${1990 + (i % 30)}.\n`,
  }));
}

/** findDuplicates of boilerplateDocs(files), and their texts by id. */
export async function boilerplate(files: number): Promise<{ report: Report; texts: Map<string, string> }> {
  const docs = boilerplateDocs(files);
  const report = await findDuplicates(docs);
  return { report, texts: new Map(docs.map((d) => [d.id, d.text])) };
}
