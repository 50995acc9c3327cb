import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvCell, parseCsv, toCsv } from './csv.ts';

describe('toCsv', () => {
  it('writes CRLF after every row and leaves plain fields unquoted', () => {
    expect(toCsv([['id', 'score'], ['a', 82.5]])).toBe('id,score\r\na,82.5\r\n');
    expect(toCsv([])).toBe('');
  });

  it('quotes fields with a comma, quote, CR or LF and doubles quotes', () => {
    expect(toCsv([['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', 'crlf\r\nend']])).toBe(
      '"a,b","say ""hi""","line\nbreak","cr\rhere","crlf\r\nend"\r\n',
    );
  });

  it('writes null and undefined as empty fields, and a lone empty field as ""', () => {
    expect(toCsv([['a', null, undefined, '']])).toBe('a,,,\r\n');
    expect(toCsv([[null], ['x']])).toBe('""\r\nx\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(toCsv([['=HYPERLINK("http://evil","x")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']])).toBe(
      `"'=HYPERLINK(""http://evil"",""x"")",'+1,'-2+3,'@SUM(A1),'\tcmd,"'\rcmd"\r\n`,
    );
  });

  it('leaves real numbers, including negatives, and ordinary text alone', () => {
    expect(toCsv([[-3, 0, 1.5, 'a=b', 'x-1', "'quoted"]])).toBe("-3,0,1.5,a=b,x-1,'quoted\r\n");
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and embedded line breaks', () => {
    expect(parseCsv('a,"b,c","d ""e""","f\r\ng"\r\n1,2,3,4\r\n')).toEqual([
      ['a', 'b,c', 'd "e"', 'f\r\ng'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('accepts LF line endings and a missing final line break', () => {
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty fields, including a final quoted empty field', () => {
    expect(parseCsv(',\r\n""')).toEqual([['', ''], ['']]);
    expect(parseCsv('')).toEqual([]);
  });

  it('throws on malformed quoting', () => {
    expect(() => parseCsv('"open')).toThrow('unterminated');
    expect(() => parseCsv('"a"b')).toThrow('unexpected character');
  });
});

describe('round trip', () => {
  // Text with plenty of the characters that matter: separators, quotes, line breaks, formula starts.
  const cellArb: fc.Arbitrary<CsvCell> = fc.oneof(
    fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', "'", 'é', '1') }),
    fc.string(),
    fc.integer({ min: -1e6, max: 1e6 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constant(null),
    fc.constant(undefined),
  );

  /** What a cell reads back as: numbers as written, text with the neutralising apostrophe. */
  const expected = (cell: CsvCell): string => {
    if (cell === null || cell === undefined) return '';
    if (typeof cell === 'number') return String(cell);
    return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  };

  it('parseCsv(toCsv(rows)) gives back every cell', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { maxLength: 6 }), (rows) => {
        expect(parseCsv(toCsv(rows))).toEqual(rows.map((row) => row.map(expected)));
      }),
    );
  });

  it('a number always reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(Number(parseCsv(toCsv([[n]]))[0]![0])).toBe(n === 0 ? 0 : n);
      }),
    );
  });
});
