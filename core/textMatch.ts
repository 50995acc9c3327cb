/**
 * Word and phrase matching for prompt rules and reply guards. Runs in the CRM page on every
 * keystroke, so: no zod, no regular expression per phrase; the phrases of every rule go into one
 * dictionary, and one pass over the text's words looks each word up once.
 *
 * A phrase is one or more words matched case-insensitively on word boundaries, in order, with only
 * spaces or dashes between them ("not happy" matches "Not  happy" and "not-happy", not "not. Happy").
 * A phrase ending in `*` matches any word starting with its last word ("complain*" matches
 * "complaint" and "complaining"); that word needs at least three letters before the `*`.
 */

export interface Range {
  start: number;
  end: number;
}

/** The words of a text: where each starts and ends in the original text, and its lower-case form. */
export interface WordIndex {
  readonly text: string;
  /** `foldCase(text)`, or null when folding changed its length (so offsets would not match). */
  readonly lower: string | null;
  readonly words: readonly string[];
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

export interface Phrase {
  /** Lower-case words; the last is a prefix when `prefix` is set. */
  readonly words: readonly string[];
  readonly prefix: boolean;
}

export const MIN_PREFIX = 3;

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(code: number, text: string, i: number): boolean {
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return WORD_CHAR.test(text[i]!);
}

const isApostrophe = (code: number) => code === 39 || code === 0x2019;

/**
 * Lower-case for matching: also folds the long s and the curly apostrophe, as the `i` flag and
 * phrase matching treat them. Offsets stay those of `text` when the length is unchanged (it is,
 * except for a few letters such as the dotted capital I), which callers check.
 */
export function foldCase(text: string): string {
  let lower = text.toLowerCase();
  if (lower.includes('\u2019')) lower = lower.replace(/\u2019/g, "'");
  if (lower.includes('\u017f')) lower = lower.replace(/\u017f/g, 's');
  return lower;
}

/** Split `text` into words: letters and digits, with an apostrophe inside a word kept ("can't"). */
export function indexWords(text: string): WordIndex {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const folded = foldCase(text);
  const lower = folded.length === text.length ? folded : null;
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i), text, i)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    for (;;) {
      while (i < n && isWordChar(text.charCodeAt(i), text, i)) i++;
      if (i + 1 < n && isApostrophe(text.charCodeAt(i)) && isWordChar(text.charCodeAt(i + 1), text, i + 1)) i += 2;
      else break;
    }
    starts.push(start);
    ends.push(i);
    words.push(lower ? lower.slice(start, i) : foldCase(text.slice(start, i)));
  }
  return { text, lower, words, starts, ends };
}

/**
 * Parse a phrase as written in a rule. Returns a reason when it cannot be used: callers at publish
 * time turn that into an error, the evaluator skips it.
 */
export function parsePhrase(source: string): Phrase | string {
  const trimmed = source.trim();
  const prefix = trimmed.endsWith('*');
  const body = prefix ? trimmed.slice(0, -1) : trimmed;
  if (body.includes('*')) return 'a * may only end a phrase';
  const words = indexWords(body).words;
  if (words.length === 0) return 'a phrase needs at least one word';
  if (prefix && (/[\s-]$/.test(body) || words[words.length - 1]!.length < MIN_PREFIX)) {
    return `a * needs at least ${MIN_PREFIX} letters before it`;
  }
  return { words, prefix };
}

/** Between two words of a phrase only spaces and dashes may stand (no sentence break, no comma). */
function joinable(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!(c === 32 || c === 9 || c === 45 || c === 0xa0 || (c >= 0x2010 && c <= 0x2014))) return false;
  }
  return true;
}

/** The index of the last word of `phrase` when it starts at word `at`, or -1. */
function matchAt(index: WordIndex, phrase: Phrase, at: number): number {
  const { words } = phrase;
  const last = words.length - 1;
  if (at + last >= index.words.length) return -1;
  for (let k = 0; k <= last; k++) {
    const w = index.words[at + k]!;
    const ok = k === last && phrase.prefix ? w.startsWith(words[k]!) : w === words[k];
    if (!ok || (k > 0 && !joinable(index.text, index.ends[at + k - 1]!, index.starts[at + k]!))) return -1;
  }
  return at + last;
}

interface DictEntry {
  phrase: Phrase;
  group: number;
}

/**
 * Many groups of phrases (one group per rule condition) compiled into one dictionary, keyed by
 * first word, or by the first three letters of a one-word prefix phrase. One pass over a text's
 * words then finds every group's phrases at once, whatever the number of rules.
 */
export interface PhraseDict {
  readonly groups: number;
  readonly exact: ReadonlyMap<string, readonly DictEntry[]>;
  readonly prefix: ReadonlyMap<string, readonly DictEntry[]>;
}

export function compileDict(groups: readonly (readonly string[])[]): PhraseDict {
  const exact = new Map<string, DictEntry[]>();
  const prefix = new Map<string, DictEntry[]>();
  groups.forEach((sources, group) => {
    for (const source of sources) {
      const phrase = parsePhrase(source);
      if (typeof phrase === 'string') continue; // refused at publish time
      const byPrefix = phrase.prefix && phrase.words.length === 1;
      const map = byPrefix ? prefix : exact;
      const key = byPrefix ? phrase.words[0]!.slice(0, MIN_PREFIX) : phrase.words[0]!;
      const list = map.get(key);
      if (list) list.push({ phrase, group });
      else map.set(key, [{ phrase, group }]);
    }
  });
  return { groups: groups.length, exact, prefix };
}

/** Where each group's phrases occur in the text, in text order, at most `limit` per group. */
export function scanDict(index: WordIndex, dict: PhraseDict, limit = Infinity): Range[][] {
  const found: Range[][] = Array.from({ length: dict.groups }, () => []);
  if (dict.exact.size === 0 && dict.prefix.size === 0) return found;
  const { words, starts, ends } = index;
  const visit = (entries: readonly DictEntry[] | undefined, at: number) => {
    if (!entries) return;
    for (const { phrase, group } of entries) {
      const ranges = found[group]!;
      if (ranges.length >= limit) continue;
      const end = matchAt(index, phrase, at);
      if (end >= 0) ranges.push({ start: starts[at]!, end: ends[end]! });
    }
  };
  for (let at = 0; at < words.length; at++) {
    const word = words[at]!;
    visit(dict.exact.get(word), at);
    if (word.length >= MIN_PREFIX && dict.prefix.size) visit(dict.prefix.get(word.slice(0, MIN_PREFIX)), at);
  }
  return found;
}
