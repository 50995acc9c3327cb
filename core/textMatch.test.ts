import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileDict, indexWords, parsePhrase, scanDict } from './textMatch.ts';

describe('indexWords', () => {
  it('splits on anything but letters and digits, keeps apostrophes inside words, and lower-cases', () => {
    const text = "I CAN’T pay £50—it's the 3rd time! Café's élan";
    const index = indexWords(text);
    expect(index.words).toEqual(["i", "can't", 'pay', '50', "it's", 'the', '3rd', 'time', "café's", 'élan']);
    index.words.forEach((w, i) => expect(text.slice(index.starts[i], index.ends[i]).toLowerCase().replace('’', "'")).toBe(w));
  });

  it('keeps offsets into the original text when lower-casing changes length', () => {
    const text = 'İstanbul refund';
    const index = indexWords(text);
    expect(text.slice(index.starts[1], index.ends[1])).toBe('refund');
  });
});

describe('phrases', () => {
  const find = (text: string, phrases: string[]) =>
    scanDict(indexWords(text), compileDict([phrases]))[0]!.map((r) => text.slice(r.start, r.end));

  it.each([
    ['I want to complain', ['complain*'], ['complain']],
    ['a formal Complaint, complaining again', ['complain*'], ['Complaint', 'complaining']],
    ['the complainant', ['complaint'], []],
    ['not happy at all', ['not happy'], ['not happy']],
    ['NOT   happy', ['not happy'], ['NOT   happy']],
    ['not-happy', ['not happy'], ['not-happy']],
    ['I was not. Happy now', ['not happy'], []],
    ['not, happy', ['not happy'], []],
    ["I can't afford it", ["can't afford"], ["can't afford"]],
    ['I can’t afford it', ["can't afford"], ['can’t afford']],
    ['speak to a manager now', ['speak to a manager', 'manager'], ['speak to a manager', 'manager']],
    ['payday loans and a payday loan', ['payday loan*'], ['payday loans', 'payday loan']],
    ['unhappy', ['happy'], []],
    ['', ['anything'], []],
  ])('%j with %j', (text, phrases, expected) => {
    expect(find(text, phrases)).toEqual(expected);
  });

  it('finds the phrases of many groups in one pass, each group on its own, with a limit', () => {
    const text = 'I am not happy; I want to complain and complain again';
    const hits = scanDict(indexWords(text), compileDict([['complain*'], ['not happy', 'happy'], ['absent words'], []]), 1);
    expect(hits.map((g) => g.map((r) => text.slice(r.start, r.end)))).toEqual([['complain'], ['not happy'], [], []]);
  });

  it.each([
    ['', 'a phrase needs at least one word'],
    ['  ', 'a phrase needs at least one word'],
    ['co*', 'a * needs at least 3 letters before it'],
    ['not *', 'a * needs at least 3 letters before it'],
    ['a*b', 'a * may only end a phrase'],
  ])('refuses %j', (source, reason) => {
    expect(parsePhrase(source)).toBe(reason);
  });

  it('a phrase is found wherever it is written, in any case, with any spacing', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), word, word, fc.constantFrom(' ', '  ', '-', ' - '), (words, before, after, gap) => {
        const written = words.map((w, i) => (i % 2 ? w.toUpperCase() : w)).join(gap);
        const text = `${before}, ${written}. ${after}`;
        expect(find(text, [words.join(' ')])).toContain(written);
      }),
    );
  });
});
