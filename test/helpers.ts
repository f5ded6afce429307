import { readFileSync } from 'node:fs';
import { tokenize } from '../src/index.js';

/** The seed articles bundled with the examples. */
export function seedArticles(): { id: string; text: string }[] {
  return ['article-1', 'article-2'].map((id) => ({
    id,
    text: readFileSync(new URL(`../examples/articles/${id}.txt`, import.meta.url), 'utf8'),
  }));
}

/** The normalised words of a slice of text. */
export function wordsOf(text: string, [start, end]: readonly [number, number]): string {
  return tokenize(text.slice(start, end)).words.join(' ');
}
