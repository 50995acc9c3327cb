/** RFC 4180 CSV: CRLF line endings, fields quoted only when they need it, quotes doubled. */

export type CsvCell = string | number | null | undefined;

/**
 * Spreadsheets run a cell that starts with one of these as a formula (CSV injection), so a text cell
 * starting with one gets a leading apostrophe and is shown as text. Numbers passed as numbers are safe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quoted(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: CsvCell[][]): string {
  return rows
    .map((row) => {
      // A lone empty field would be a blank line, which readers skip: quote it so the row survives.
      if (row.length === 1 && cellText(row[0]) === '') return '""';
      return row.map((cell) => quoted(cellText(cell))).join(',');
    })
    .map((line) => `${line}\r\n`)
    .join('');
}

/**
 * Parse RFC 4180 text into rows of fields. Accepts CRLF or LF line endings and an optional final line
 * break; throws on a malformed quoted field rather than guessing.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  // Whether the current field has begun: an empty quoted field ("") at the very end is still a field.
  let started = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
    started = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && !started) {
      // Quoted field: runs to the next quote that is not doubled.
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close === -1) throw new Error('CSV: unterminated quoted field');
        field += text.slice(i, close);
        i = close + 1;
        if (text[i] !== '"') break;
        field += '"';
        i++;
      }
      if (i < text.length && !/^(,|\r\n|\n)/.test(text.slice(i, i + 2))) {
        throw new Error(`CSV: unexpected character after a quoted field at offset ${i}`);
      }
      started = true;
      continue;
    }
    if (ch === ',') {
      endField();
      i++;
    } else if (ch === '\n' || (ch === '\r' && text[i + 1] === '\n')) {
      endRow();
      i += ch === '\r' ? 2 : 1;
    } else {
      field += ch;
      started = true;
      i++;
    }
  }
  // Text without a final line break still ends its last row.
  if (started || row.length > 0) endRow();
  return rows;
}
