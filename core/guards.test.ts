import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CARD_MASK,
  SECURITY_CODE_MASK,
  compileProhibited,
  findCardNumbers,
  findProhibited,
  findSecurityCodes,
  luhn,
  redact,
  scanReply,
} from './guards.ts';

const found = (text: string, matches: { start: number; end: number }[]) => matches.map((m) => text.slice(m.start, m.end));

// ---- Luhn ----------------------------------------------------------------------------------------

describe('luhn', () => {
  it.each([
    ['4111111111111111', true],
    ['5555555555554444', true],
    ['378282246310005', true],
    ['30569309025904', true],
    ['6205500000000000004', true],
    ['4222222222222', true],
    ['79927398713', true], // the classic worked example
    ['4111111111111112', false],
    ['79927398710', false],
    ['1234567890123', false],
    ['0', true],
    ['', false],
    ['4111 1111 1111 1111', false], // digits only: separators are the caller's business
  ])('%s -> %s', (digits, valid) => {
    expect(luhn(digits)).toBe(valid);
  });
});

// ---- card numbers --------------------------------------------------------------------------------

describe('findCardNumbers', () => {
  const cases: { name: string; text: string; cards: string[] }[] = [
    // well-known test numbers of the card schemes
    { name: 'Visa, spaced', text: '4111 1111 1111 1111', cards: ['4111 1111 1111 1111'] },
    { name: 'Mastercard, dashed', text: '5555-5555-5555-4444', cards: ['5555-5555-5555-4444'] },
    { name: 'Amex, 15 digits run together', text: '378282246310005', cards: ['378282246310005'] },
    { name: 'Amex, grouped 4-6-5', text: '3782 822463 10005', cards: ['3782 822463 10005'] },
    { name: 'Discover', text: '6011111111111117', cards: ['6011111111111117'] },
    { name: 'JCB', text: '3530111333300000', cards: ['3530111333300000'] },
    { name: 'Diners, 14 digits', text: '3056 930902 5904', cards: ['3056 930902 5904'] },
    { name: 'Mastercard 2-series', text: '2223 0031 2200 3222', cards: ['2223 0031 2200 3222'] },
    { name: 'Visa, 13 digits (shortest)', text: '4222222222222', cards: ['4222222222222'] },
    { name: 'UnionPay, 19 digits (longest)', text: '6205 5000 0000 0000 004', cards: ['6205 5000 0000 0000 004'] },
    // in sentences
    { name: 'inside a sentence, range excludes punctuation', text: 'My card is 4111-1111-1111-1111, thanks', cards: ['4111-1111-1111-1111'] },
    { name: 'no-break spaces and en dashes', text: 'card: 4111\u00a01111\u20131111\u00a01111.', cards: ['4111\u00a01111\u20131111\u00a01111'] },
    { name: 'spaced dash', text: '4111 - 1111 - 1111 - 1111', cards: ['4111 - 1111 - 1111 - 1111'] },
    { name: 'odd grouping is still one run', text: '41 1111111 11 11111', cards: ['41 1111111 11 11111'] },
    { name: 'letters touching it do not hide it', text: 'card4111111111111111end', cards: ['4111111111111111'] },
    { name: 'two cards in one message', text: 'old 4111 1111 1111 1111 new 5555 5555 5555 4444', cards: ['4111 1111 1111 1111', '5555 5555 5555 4444'] },
    { name: 'two cards in one run', text: '4111111111111111 5555555555554444', cards: ['4111111111111111', '5555555555554444'] },
    { name: 'card then security code in one run', text: '4111 1111 1111 1111 123', cards: ['4111 1111 1111 1111'] },
    { name: 'card then expiry', text: '4111 1111 1111 1111 12/27', cards: ['4111 1111 1111 1111'] },
    { name: 'small number in front', text: 'item 12 4111 1111 1111 1111', cards: ['4111 1111 1111 1111'] },
    { name: 'across a line break: two separate lines, no card', text: '4111 1111\n1111 1111', cards: [] },
    // negatives
    { name: 'fails Luhn', text: '4111 1111 1111 1112', cards: [] },
    { name: 'order number failing Luhn', text: 'Order 1234567890123 has shipped', cards: [] },
    { name: '12 digits is too short', text: '411111111111', cards: [] },
    { name: 'more than 19 digits in one run is not a card', text: 'ref 41111111111111110000', cards: [] },
    { name: 'long run containing a card is not a card', text: '00004111111111111111', cards: [] },
    { name: 'date', text: 'on 2024-01-15 at 10:30', cards: [] },
    { name: 'two dates side by side', text: '2024-01-15 2024-02-16', cards: [] },
    { name: 'UK mobile', text: 'call me on 07700 900123', cards: [] },
    { name: 'UK landline', text: '020 7946 0958 or 0800 123 4567', cards: [] },
    { name: 'international phone passing Luhn: starts with 0, so never a card', text: '0044 7700 900106', cards: [] },
    { name: 'plus-prefixed phone', text: '+44 20 7946 0958', cards: [] },
    { name: 'amount', text: '£1,234,567.89', cards: [] },
    { name: 'more than three separators break the run', text: '4111    1111    1111    1111', cards: [] },
    { name: 'list of small numbers', text: 'items 10 20 30 40 50 60 70 80', cards: [] },
  ];
  it.each(cases)('$name', ({ text, cards }) => {
    expect(found(text, findCardNumbers(text))).toEqual(cards);
  });
});

// ---- security codes ------------------------------------------------------------------------------

describe('findSecurityCodes', () => {
  const cases: { name: string; text: string; codes: string[] }[] = [
    { name: 'CVV then code', text: 'CVV 123', codes: ['123'] },
    { name: 'CVC with colon', text: 'cvc:456', codes: ['456'] },
    { name: 'CVV2, four digits', text: 'the CVV2 is 1234.', codes: ['1234'] },
    { name: 'code before the word', text: '737 is the CVC', codes: ['737'] },
    { name: '"security code" with extra spaces', text: 'security  code: 321', codes: ['321'] },
    { name: '"3 digits on the back"', text: 'the 3 digits on the back are 737, thanks', codes: ['737'] },
    { name: '"three-digit code on the back"', text: 'the three-digit code on the back of your card is 737', codes: ['737'] },
    { name: '"back of your card"', text: 'the number on the back of your card is 456', codes: ['456'] },
    { name: '"card verification value"', text: 'card verification value 999', codes: ['999'] },
    { name: 'digits straight after a card number', text: '4111 1111 1111 1111 123', codes: ['123'] },
    { name: 'card and code in one message', text: 'card 4111 1111 1111 1111 exp 12/27 cvv 123', codes: ['123'] },
    // negatives
    { name: 'card word without a number', text: 'Please never tell anyone your security code.', codes: [] },
    { name: 'number in the next sentence', text: 'Never share your CVV. Order 1234 has shipped.', codes: [] },
    { name: 'too far away', text: 'CVV: we will never ask you for it, not even once. 123', codes: [] },
    { name: 'amount', text: 'cvv charge £120', codes: [] },
    { name: 'expiry date is not a code', text: 'cvv? expiry 12/27', codes: [] },
    { name: 'time', text: 'call about the cvv at 10:30', codes: [] },
    { name: 'five digits', text: 'cvv 12345', codes: [] },
    { name: 'two digits', text: 'cvv 12', codes: [] },
    { name: 'a 3-4 digit number without any card word', text: 'your ticket 4821 is open', codes: [] },
    { name: 'not "CID" (customer id)', text: 'CID 4821', codes: [] },
    { name: 'the card number itself is not taken for a code', text: 'cvv 4111 1111 1111 1111', codes: [] },
  ];
  it.each(cases)('$name', ({ text, codes }) => {
    expect(found(text, findSecurityCodes(text))).toEqual(codes);
  });
});

// ---- prohibited phrases --------------------------------------------------------------------------

describe('prohibited phrases', () => {
  const prohibited = compileProhibited([
    { ruleId: 'promises', phrases: ['guarantee*', 'I promise'] },
    { ruleId: 'tone', phrases: ['calm down'] },
  ]);

  it.each([
    ['We guarantee it', [['guarantee', 'promises']]],
    ['It is GUARANTEED, I promise.', [['GUARANTEED', 'promises'], ['I promise', 'promises']]],
    ['Please calm down', [['calm down', 'tone']]],
    ['Please calm-down', [['calm-down', 'tone']]],
    ['Stay calm. Down the road', []],
    ['guard the premises', []],
    ['', []],
  ] as const)('%j', (text, expected) => {
    const matches = findProhibited(text, prohibited);
    expect(matches.map((m) => [text.slice(m.start, m.end), m.ruleId])).toEqual(expected);
    expect(matches.every((m) => m.kind === 'prohibitedPhrase')).toBe(true);
  });

  it('scanReply reports every kind, in text order', () => {
    const text = 'I promise: card 4111 1111 1111 1111 cvv 123';
    expect(scanReply(text, prohibited).map((m) => [m.kind, text.slice(m.start, m.end)])).toEqual([
      ['prohibitedPhrase', 'I promise'],
      ['cardNumber', '4111 1111 1111 1111'],
      ['securityCode', '123'],
    ]);
  });
});

// ---- redaction -----------------------------------------------------------------------------------

describe('redact', () => {
  it.each([
    ['card 4111 1111 1111 1111 exp 12/27 cvv 123', `card ${CARD_MASK} exp 12/27 cvv ${SECURITY_CODE_MASK}`],
    ['5555-5555-5555-4444', CARD_MASK],
    ['378282246310005 and 6011111111111117', `${CARD_MASK} and ${CARD_MASK}`],
    ['4111 1111 1111 1111 123', `${CARD_MASK} ${SECURITY_CODE_MASK}`],
    ['nothing to hide here 1234', 'nothing to hide here 1234'],
  ])('%j', (text, expected) => {
    const out = redact(text, scanReply(text));
    expect(out).toBe(expected);
    expect(out).not.toMatch(/1111|4444|0005|1117/);
  });

  it('keeps no digit of the card, not even the last four', () => {
    expect(CARD_MASK).not.toMatch(/\d/);
    expect(SECURITY_CODE_MASK).not.toMatch(/\d/);
    expect(redact('4111111111111111', findCardNumbers('4111111111111111'))).not.toMatch(/\d/);
  });

  it('merges overlapping matches; a merged range with a card takes the card mask', () => {
    const text = 'ab 4111111111111111 cd';
    expect(
      redact(text, [
        { kind: 'securityCode', start: 15, end: 19 },
        { kind: 'cardNumber', start: 3, end: 19 },
      ]),
    ).toBe(`ab ${CARD_MASK} cd`);
  });

  it('leaves prohibited phrases as written', () => {
    const text = 'I promise';
    expect(redact(text, [{ kind: 'prohibitedPhrase', start: 0, end: 9, ruleId: 'x' }])).toBe(text);
  });
});

// ---- properties ----------------------------------------------------------------------------------

/** Luhn-valid card numbers of 13 to 19 digits that do not start with 0 (no card does). */
const cardArb = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 17 }))
  .map(([first, rest]) => {
    const body = [first, ...rest].join('');
    const check = [...Array(10).keys()].find((d) => luhn(body + d))!;
    return body + check;
  });

const separatorArb = fc.constantFrom('', '', '', ' ', '-', '\u00a0', ' - ', '  ');

/** The card's digits with a random separator (often none) after each digit. */
const formattedArb = cardArb.chain((digits) =>
  fc.array(separatorArb, { minLength: digits.length - 1, maxLength: digits.length - 1 }).map((seps) => ({
    digits,
    text: [...digits].map((d, i) => d + (seps[i] ?? '')).join(''),
  })),
);

/** Surrounding text without digits (so nothing can join the card's run). */
const wordsArb = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '.', ',', '-', '\n', 'é', 'cvv ', ':'), maxLength: 30 });

describe('properties', () => {
  it('any Luhn-valid number with random separators is found, exactly', () => {
    fc.assert(
      fc.property(wordsArb, formattedArb, wordsArb, (before, card, after) => {
        const text = `${before} ${card.text} ${after}`;
        const matches = findCardNumbers(text);
        expect(matches).toHaveLength(1);
        expect(text.slice(matches[0]!.start, matches[0]!.end)).toBe(card.text);
      }),
      { numRuns: 500 },
    );
  });

  it('a number failing Luhn, written without separators, is never found', () => {
    fc.assert(
      fc.property(cardArb, fc.integer({ min: 1, max: 9 }), (digits, bump) => {
        const last = (Number(digits.at(-1)) + bump) % 10;
        const wrong = digits.slice(0, -1) + last;
        expect(findCardNumbers(`ref ${wrong}.`)).toEqual([]);
      }),
    );
  });

  it('a run of more than 19 digits is never a card', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 20, maxLength: 60 }), (digits) => {
        expect(findCardNumbers(`x ${digits.join('')} y`)).toEqual([]);
      }),
    );
  });

  it('redaction never leaves the digit sequence of the card', () => {
    fc.assert(
      fc.property(wordsArb, formattedArb, wordsArb, fc.constantFrom('', ' cvv 123', ', security code 4567'), (before, card, after, extra) => {
        const text = `${before} ${card.text}${extra} ${after}`;
        const out = redact(text, scanReply(text));
        expect(out.replace(/\D/g, '')).not.toContain(card.digits);
        expect(out).not.toMatch(/\d/); // nothing else around it had digits, and the code went too
      }),
      { numRuns: 500 },
    );
  });

  it('a card written in fours followed by a code loses both', () => {
    fc.assert(
      fc.property(cardArb, fc.integer({ min: 100, max: 9999 }), fc.constantFrom(' ', '-'), (digits, code, sep) => {
        const text = `${digits.match(/.{1,4}/g)!.join(sep)} ${code}`;
        expect(redact(text, scanReply(text))).not.toMatch(/\d/);
      }),
    );
  });

  it('redaction keeps the card hidden among other numbers', () => {
    fc.assert(
      fc.property(formattedArb, fc.integer({ min: 0, max: 99999 }), (card, other) => {
        const text = `ticket ${other} card ${card.text} call back`;
        expect(redact(text, scanReply(text)).replace(/\D/g, '')).not.toContain(card.digits);
      }),
    );
  });
});
