import { NearDupError } from '../errors.js';
import type { Language } from '../types.js';
import { emptyTokens, normalizeWord, type Tokens } from './tokenize.js';

export const LANGUAGES: readonly Language[] = [
  'english',
  'german',
  'spanish',
  'french',
  'italian',
  'dutch',
  'norwegian',
  'portuguese',
  'russian',
  'swedish',
];

/** What the token filter needs of the options: stemming and stopwords. */
export interface LanguageParams {
  stem: false | Language;
  stopwords: false | Language | readonly string[];
}

/** Rewrites a paragraph's tokens (stopwords dropped, words stemmed); offsets stay those of the originals. */
export type TokenFilter = (tokens: Tokens) => Tokens;

// Static import paths (never natural's root, which is slow, pulls database drivers and prints), so
// bundlers can see them and only the module asked for is loaded.
const STEMMERS: Record<Language, () => Promise<unknown>> = {
  english: () => import('natural/lib/natural/stemmers/porter_stemmer.js'),
  german: () => import('natural/lib/natural/stemmers/porter_stemmer_de.js'),
  spanish: () => import('natural/lib/natural/stemmers/porter_stemmer_es.js'),
  french: () => import('natural/lib/natural/stemmers/porter_stemmer_fr.js'),
  italian: () => import('natural/lib/natural/stemmers/porter_stemmer_it.js'),
  dutch: () => import('natural/lib/natural/stemmers/porter_stemmer_nl.js'),
  norwegian: () => import('natural/lib/natural/stemmers/porter_stemmer_no.js'),
  portuguese: () => import('natural/lib/natural/stemmers/porter_stemmer_pt.js'),
  russian: () => import('natural/lib/natural/stemmers/porter_stemmer_ru.js'),
  swedish: () => import('natural/lib/natural/stemmers/porter_stemmer_sv.js'),
};

const STOPWORDS: Partial<Record<Language, () => Promise<unknown>>> = {
  english: () => import('natural/lib/natural/util/stopwords.js'),
  spanish: () => import('natural/lib/natural/util/stopwords_es.js'),
  french: () => import('natural/lib/natural/util/stopwords_fr.js'),
  italian: () => import('natural/lib/natural/util/stopwords_it.js'),
  dutch: () => import('natural/lib/natural/util/stopwords_nl.js'),
  norwegian: () => import('natural/lib/natural/util/stopwords_no.js'),
  portuguese: () => import('natural/lib/natural/util/stopwords_pt.js'),
  russian: () => import('natural/lib/natural/util/stopwords_ru.js'),
  swedish: () => import('natural/lib/natural/util/stopwords_sv.js'),
};

/** The token filter the options ask for, or undefined when words are used as they are. */
export async function loadTokenFilter({ stem, stopwords }: LanguageParams): Promise<TokenFilter | undefined> {
  if (stem === false && stopwords === false) return undefined;
  let dropped: Set<string> | undefined;
  if (isWordList(stopwords)) {
    dropped = new Set(stopwords.map(normalizeWord));
  } else if (stopwords !== false) {
    const load = STOPWORDS[stopwords];
    if (!load) {
      throw new NearDupError(
        'INVALID_OPTION',
        `neardup: option stopwords: natural has no stopword list for ${JSON.stringify(stopwords)}; pass your own list of words instead`,
      );
    }
    const module = (await loadPeer(load, 'stopwords', stopwords)) as {
      words?: string[];
      default?: { words?: string[] };
    };
    dropped = new Set((module.words ?? module.default?.words ?? []).map(normalizeWord));
  }
  let stemmer: ((word: string) => string) | undefined;
  if (stem !== false) {
    const module = (await loadPeer(STEMMERS[stem], 'stem', stem)) as {
      stem?: (w: string) => string;
      default?: { stem: (w: string) => string };
    };
    const impl = module.default?.stem ? module.default : module;
    stemmer = (word) => (impl.stem as (w: string) => string).call(impl, word);
  }
  return (tokens) => {
    const out = emptyTokens();
    for (let i = 0; i < tokens.words.length; i++) {
      const word = tokens.words[i];
      if (dropped?.has(word)) continue;
      out.words.push(stemmer ? stemmer(word) : word);
      out.starts.push(tokens.starts[i]);
      out.ends.push(tokens.ends[i]);
    }
    return out;
  };
}

async function loadPeer(load: () => Promise<unknown>, option: string, value: string): Promise<unknown> {
  try {
    return await load();
  } catch (cause) {
    throw new NearDupError(
      'PEER_DEPENDENCY_MISSING',
      `neardup: option ${option}: ${JSON.stringify(value)} needs the optional peer dependency "natural", which could not be loaded; install it with \`npm install natural\``,
      { cause },
    );
  }
}

function isWordList(value: LanguageParams['stopwords']): value is readonly string[] {
  return Array.isArray(value);
}
