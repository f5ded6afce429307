// Invisible format characters (Unicode Default_Ignorable_Code_Point) inside words: text pasted from a
// PDF (soft hyphens), a CMS (zero-width spaces, word joiners) or Persian typed with or without ZWNJ must
// give the same words, with offsets that still slice the original text.
import { describe, expect, it } from 'vitest';
import { findDuplicates, normalizeText, normalizeWord, tokenize } from '../../src/index.js';

const words = (text: string) => tokenize(text).words;
/** The original substring behind every token. */
const originals = (text: string) => {
  const t = tokenize(text);
  return t.words.map((_, i) => text.slice(t.starts[i], t.ends[i]));
};

const INVISIBLE = {
  'soft hyphen': '\u00ad',
  'zero-width space': '\u200b',
  'zero-width non-joiner': '\u200c',
  'zero-width joiner': '\u200d',
  'word joiner': '\u2060',
  'left-to-right mark': '\u200e',
  'byte order mark': '\ufeff',
  'combining grapheme joiner (a mark)': '\u034f',
  'variation selector 16 (a mark)': '\ufe0f',
  'language tag (astral)': '\u{e0001}',
};

// 25 words; soft hyphens after every third letter of a long word (14 of them, as a PDF's line breaks
// leave them) made the tokenizer see 39 words, as in the measurement.
const SENTENCE =
  'The ministry said on Tuesday that the agreement would be signed next month after several rounds of negotiations between the two governments and their advisers.';
const HYPHENATED = SENTENCE.replace(/(\w{3})(?=\w{3})/g, '$1\u00ad');

describe('tokenize: invisible characters inside words', () => {
  it.each(Object.entries(INVISIBLE))('drops a %s inside a word, and the word spans it', (_, c) => {
    const text = `co${c}oper${c}ate now`;
    expect(words(text)).toEqual(['cooperate', 'now']);
    expect(originals(text)).toEqual([`co${c}oper${c}ate`, 'now']);
    expect(words(`Straße${c}nbahn ΑΘΗ${c}ΝΑ`)).toEqual(['strassenbahn', 'αθηνα']);
    expect(words(`don${c}’t`)).toEqual(["don't"]);
  });

  it.each(Object.entries(INVISIBLE))(
    'a %s between or around words separates nothing and is in no span',
    (_, c) => {
      const text = `${c}one ${c} two${c} ${c}three${c}`;
      expect(words(text)).toEqual(['one', 'two', 'three']);
      expect(originals(text)).toEqual(['one', 'two', 'three']);
    },
  );

  it('gives the 25 words of a sentence with soft hyphens in its long words, not 39', () => {
    expect(HYPHENATED.match(/\u00ad/g)?.length).toBe(14);
    expect(words(HYPHENATED)).toHaveLength(25);
    expect(words(HYPHENATED)).toEqual(words(SENTENCE));
    const t = tokenize(HYPHENATED);
    const i = t.words.indexOf('negotiations');
    expect(HYPHENATED.slice(t.starts[i], t.ends[i])).toBe('neg\u00adoti\u00adati\u00adons');
  });

  it('keeps one token per character in unspaced scripts, the invisible ones dropped', () => {
    expect(words('กิน\u200bข้าว')).toEqual(words('กินข้าว'));
    expect(words('中\u200b文 abc\u2060中')).toEqual(['中', '文', 'abc', '中']);
    expect(originals('abc\u200b中')).toEqual(['abc', '中']);
  });

  it('gives nothing for invisible characters alone, letters among them included (Hangul filler)', () => {
    expect(words('\u00ad \u200b\u200c \u3164 \ufe0f')).toEqual([]);
  });

  it('normalizeWord drops them and normalizeText stays idempotent', () => {
    expect(normalizeWord('ＣＯ\u00adＯＰ')).toBe('coop');
    for (const text of [HYPHENATED, 'می\u200cخواهم', 'x\u200b\u00ady ㅤ z\u{e0001}', 'e\u034f\u0301']) {
      const once = normalizeText(text);
      expect(normalizeText(once)).toBe(once);
      expect(/\p{DI}/u.test(once)).toBe(false);
    }
  });
});

// "We want to take these books to the city library, because the students like them and read them every
// day." Written with ZWNJ in six words, as Persian spelling asks, and without it (the letters joined).
const PERSIAN_ZWNJ =
  'ما می\u200cخواهیم این کتاب\u200cها را به کتابخانه\u200cی شهر ببریم زیرا دانش\u200cآموزان آن\u200cها را دوست دارند و هر روز می\u200cخوانند.';
const PERSIAN_JOINED = PERSIAN_ZWNJ.replace(/\u200c/g, '');

describe('detection with invisible characters', () => {
  it('finds Persian typed with and without ZWNJ as exact duplicates', async () => {
    expect(PERSIAN_ZWNJ.match(/\u200c/g)?.length).toBe(6);
    expect(words(PERSIAN_ZWNJ)).toEqual(words(PERSIAN_JOINED));
    const report = await findDuplicates([PERSIAN_ZWNJ, PERSIAN_JOINED]);
    expect(report.pairs).toHaveLength(1);
    expect(report.pairs[0]).toMatchObject({ kind: 'exact', jaccard: 1 });
    expect(report.pairs[0].spans[0].a).toEqual([0, PERSIAN_ZWNJ.length - 1]);
    expect(report.pairs[0].spans[0].b).toEqual([0, PERSIAN_JOINED.length - 1]);
  });

  it.each(Object.entries(INVISIBLE))(
    'finds a copy carrying a %s in its words as an exact duplicate',
    async (_, c) => {
      const carried = SENTENCE.replace(/(\w{3})(?=\w{3})/g, `$1${c}`);
      const report = await findDuplicates([
        { id: 'clean', text: SENTENCE },
        { id: 'pasted', text: carried },
      ]);
      expect(report.pairs).toHaveLength(1);
      expect(report.pairs[0]).toMatchObject({ kind: 'exact', jaccard: 1 });
      // The shared passage covers the pasted copy from its first to its last visible word character.
      expect(report.pairs[0].spans[0]).toEqual({
        a: [0, SENTENCE.length - 1],
        b: [0, carried.length - 1],
        words: 25,
      });
    },
  );

  it('finds a soft-hyphenated passage inside another paragraph as an overlap, spans on the original', async () => {
    const host = `Officials would not comment further. ${HYPHENATED} Markets were calm.`;
    const report = await findDuplicates([SENTENCE, host], { threshold: 0.9 });
    const [pair] = report.pairs;
    expect(pair.kind).toBe('overlap');
    const from = host.indexOf(HYPHENATED);
    expect(pair.spans[0]).toEqual({
      a: [0, SENTENCE.length - 1],
      b: [from, from + HYPHENATED.length - 1],
      words: 25,
    });
  });
});
