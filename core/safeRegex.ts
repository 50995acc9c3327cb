/**
 * Patterns in prompt rules are regular expressions written by managers and run in the CRM page,
 * over conversation text a customer controls, on every keystroke. JavaScript cannot stop a regular
 * expression once it runs, so a pattern is checked before it is published, and only a subset whose
 * cost is bounded is accepted:
 *
 * - no unbounded repetition (`*`, `+`, `{n,}`): a single `.*` already takes tens of milliseconds on
 *   5,000 characters when it fails; write a limit instead, such as `{0,20}`;
 * - no count above 50;
 * - at most 1,000 ways of matching from one position (each `?` doubles them, `{0,20}` multiplies by
 *   21, a repeated group multiplies by its own ways per repeat), which rules out nested and
 *   overlapping repetition such as `(a|a){20}`;
 * - no back-references or look-arounds; the pattern must not be able to match empty text.
 *
 * Patterns are compiled with the `i` and `u` flags: case does not matter and the syntax is strict.
 * No zod here: the evaluator uses the prefilter to try a pattern only where it can match.
 */

export const PATTERN_FLAGS = 'iu';
export const MAX_PATTERN_LENGTH = 300;
export const MAX_COUNT = 50;
export const MAX_WAYS = 1000;

type Atom =
  | { kind: 'char'; ch: string }
  | { kind: 'set' }
  | { kind: 'assert' }
  | { kind: 'group'; alts: Item[][] };

interface Item {
  atom: Atom;
  min: number;
  max: number;
}

export type PatternCheck =
  | { ok: true; regex: RegExp; prefilter: Prefilter | null }
  | { ok: false; error: string };

class Unsafe extends Error {}

/** Parse a pattern the RegExp constructor has already accepted with the `u` flag. */
function parse(src: string): Item[][] {
  let i = 0;

  const alternatives = (): Item[][] => {
    const alts = [sequence()];
    while (src[i] === '|') {
      i++;
      alts.push(sequence());
    }
    return alts;
  };

  const sequence = (): Item[] => {
    const items: Item[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const atom = parseAtom();
      const [min, max] = quantifier();
      items.push({ atom, min, max });
    }
    return items;
  };

  const parseAtom = (): Atom => {
    const c = src[i]!;
    if (c === '(') {
      const open = i;
      i++;
      if (src.startsWith('?:', i)) i += 2;
      else if (src.startsWith('?=', i) || src.startsWith('?!', i) || src.startsWith('?<=', i) || src.startsWith('?<!', i)) {
        throw new Unsafe(`look-ahead and look-behind (character ${open + 1}) are not supported in rule patterns`);
      } else if (src.startsWith('?<', i)) i = src.indexOf('>', i) + 1;
      else if (src[i] === '?') throw new Unsafe(`group modifiers (character ${open + 1}) are not supported in rule patterns`);
      const alts = alternatives();
      i++; // ')'
      return { kind: 'group', alts };
    }
    if (c === '[') {
      i++;
      while (src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
      i++;
      return { kind: 'set' };
    }
    if (c === '.') {
      i++;
      return { kind: 'set' };
    }
    if (c === '^' || c === '$') {
      i++;
      return { kind: 'assert' };
    }
    if (c === '\\') return escape();
    const cp = src.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    return { kind: 'char', ch };
  };

  const escape = (): Atom => {
    const e = src[i + 1]!;
    i += 2;
    if ('dDwWsS'.includes(e)) return { kind: 'set' };
    if (e === 'b' || e === 'B') return { kind: 'assert' };
    if (e === 'k' || (e >= '1' && e <= '9')) throw new Unsafe(`back-references (character ${i - 1}) are not supported in rule patterns`);
    if (e === 'p' || e === 'P') {
      i = src.indexOf('}', i) + 1;
      return { kind: 'set' };
    }
    if (e === 'u' && src[i] === '{') {
      const end = src.indexOf('}', i);
      const ch = String.fromCodePoint(parseInt(src.slice(i + 1, end), 16));
      i = end + 1;
      return { kind: 'char', ch };
    }
    if (e === 'u' || e === 'x') {
      const len = e === 'u' ? 4 : 2;
      const ch = String.fromCharCode(parseInt(src.slice(i, i + len), 16));
      i += len;
      return { kind: 'char', ch };
    }
    if (e === 'c') {
      i++;
      return { kind: 'set' }; // a control character: no use as a literal
    }
    const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };
    return { kind: 'char', ch: named[e] ?? e };
  };

  const quantifier = (): [number, number] => {
    let range: [number, number];
    const c = src[i];
    if (c === '*' || c === '+') {
      throw new Unsafe(`unbounded repetition '${c}' (character ${i + 1}) can make a pattern very slow on long text: give a limit, for example {${c === '*' ? 0 : 1},20}`);
    } else if (c === '?') {
      range = [0, 1];
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i))!;
      if (m[2] !== undefined && m[3] === '') {
        throw new Unsafe(`unbounded repetition '${m[0]}' (character ${i + 1}) can make a pattern very slow on long text: give a limit, for example {${m[1]},20}`);
      }
      range = [Number(m[1]), m[3] === undefined ? Number(m[1]) : Number(m[3])];
      if (range[1] > MAX_COUNT) throw new Unsafe(`the count '${m[0]}' (character ${i + 1}) is above the limit of ${MAX_COUNT}`);
      i += m[0].length;
    } else return [1, 1];
    if (src[i] === '?') i++; // lazy: the same cost
    return range;
  };

  return alternatives();
}

/** Ways of matching from one position, an upper bound on the work of one attempt. */
function ways(alts: Item[][]): number {
  let total = 0;
  for (const seq of alts) {
    let product = 1;
    for (const { atom, min, max } of seq) {
      const inner = atom.kind === 'group' ? ways(atom.alts) : 1;
      let sum = 0;
      for (let k = min; k <= max; k++) sum += inner ** k;
      product *= atom.kind === 'assert' ? 1 : Math.max(1, sum);
    }
    total += product;
  }
  return total;
}

const LITERAL_CHAR = /^[a-z0-9 '\-&£$%@]$/;

/**
 * Where a match can be found cheaply: at least one of `literals` occurs in the folded text
 * (core/textMatch.ts foldCase) between `minOffset` and `maxOffset` code units after the start of
 * any match. The evaluator looks for the literals with indexOf and tries the pattern only at the
 * starts they allow, which finds exactly what a scan of the whole text would.
 */
export interface Prefilter {
  literals: string[];
  minOffset: number;
  maxOffset: number;
}

const atomLength = (atom: Atom, most: boolean): number =>
  atom.kind === 'char' ? atom.ch.length : atom.kind === 'set' ? (most ? 2 : 1) : atom.kind === 'assert' ? 0 : length(atom.alts, most);

/** The shortest or longest text the alternatives can match, in UTF-16 code units. */
function length(alts: Item[][], most: boolean): number {
  const each = alts.map((seq) => seq.reduce((sum, it) => sum + (most ? it.max : it.min) * atomLength(it.atom, most), 0));
  return most ? Math.max(...each) : Math.min(...each);
}

/**
 * Plain ASCII runs of three or more characters that every match contains, with where they sit,
 * or null when there are none. Lower-casing the text finds everything the `i` flag would.
 */
function prefilter(alts: Item[][]): Prefilter | null {
  let out: Prefilter | null = null;
  const shortest = (p: Prefilter) => Math.min(...p.literals.map((l) => l.length));
  for (const seq of alts) {
    const candidates: Prefilter[] = [];
    let lo = 0;
    let hi = 0;
    let run: Prefilter | null = null;
    const flush = () => {
      if (run && run.literals[0]!.length >= 3) candidates.push(run);
      run = null;
    };
    for (const item of seq) {
      const { atom, min, max } = item;
      const ch = atom.kind === 'char' ? atom.ch.toLowerCase() : '';
      if (ch && min === 1 && max === 1 && LITERAL_CHAR.test(ch)) {
        if (run) run.literals[0] += ch;
        else run = { literals: [ch], minOffset: lo, maxOffset: hi };
      } else {
        flush();
        const inner = atom.kind === 'group' && min >= 1 ? prefilter(atom.alts) : null;
        if (inner) candidates.push({ literals: inner.literals, minOffset: lo + inner.minOffset, maxOffset: hi + inner.maxOffset });
      }
      lo += min * atomLength(atom, false);
      hi += max * atomLength(atom, true);
    }
    flush();
    const best = candidates
      .filter((c) => shortest(c) >= 3)
      .sort((a, b) => shortest(b) - shortest(a) || a.maxOffset - a.minOffset - (b.maxOffset - b.minOffset))[0];
    if (!best) return null;
    out = out
      ? { literals: [...out.literals, ...best.literals], minOffset: Math.min(out.minOffset, best.minOffset), maxOffset: Math.max(out.maxOffset, best.maxOffset) }
      : best;
  }
  return out;
}

/** Check a pattern for use in a prompt rule; on success, the compiled RegExp and its prefilter. */
export function checkPattern(src: string): PatternCheck {
  if (src.length === 0) return { ok: false, error: 'the pattern is empty' };
  if (src.length > MAX_PATTERN_LENGTH) return { ok: false, error: `the pattern is longer than ${MAX_PATTERN_LENGTH} characters` };
  let regex: RegExp;
  try {
    regex = new RegExp(src, PATTERN_FLAGS);
  } catch (e) {
    return { ok: false, error: `not a valid pattern: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}` };
  }
  try {
    const tree = parse(src);
    const n = ways(tree);
    if (n > MAX_WAYS) {
      return {
        ok: false,
        error: `the pattern has too many ways of matching (${n > 1e6 ? 'over a million' : Math.round(n).toLocaleString('en-GB')}; the limit is ${MAX_WAYS.toLocaleString('en-GB')}): use fewer optional or repeated parts`,
      };
    }
    if (length(tree, false) === 0) return { ok: false, error: 'the pattern can match empty text, so it would fire everywhere' };
    return { ok: true, regex, prefilter: prefilter(tree) };
  } catch (e) {
    if (e instanceof Unsafe) return { ok: false, error: e.message };
    throw e;
  }
}
