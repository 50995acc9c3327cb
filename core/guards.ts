/**
 * Reply guards: find card numbers, card security codes and prohibited phrases in text an agent is
 * about to send, and mask card data. Runs in the CRM page on every keystroke: no zod, one linear
 * pass per kind.
 *
 * Card number: a run of 13 to 19 digits, optionally split by spaces or dashes (up to three of them
 * between two digits), that passes the Luhn check and does not start with 0 (no payment card
 * starts with 0; UK phone numbers do). A run of more than 19 digits without separators is never a
 * card. When a separated run is not a card as a whole, its groups are tried in windows (so
 * "4111 1111 1111 1111 123" still finds the card before the security code); a window only counts
 * when each of its groups but the last has at least three digits, which keeps dates and lists of
 * small numbers out.
 *
 * Security code: 3 or 4 digits standing alone within a short distance of words such as CVV, CVC,
 * "security code" or "3 digits on the back", in the same sentence; or written straight after a
 * card number.
 */
import { compileDict, indexWords, scanDict, type PhraseDict, type Range, type WordIndex } from './textMatch.ts';

export type { Range } from './textMatch.ts';

export type GuardKind = 'cardNumber' | 'securityCode' | 'prohibitedPhrase';

export interface GuardMatch extends Range {
  kind: GuardKind;
  /** For prohibited phrases: the rule whose phrase matched. */
  ruleId?: string;
}

export const CARD_MASK = '[card number removed]';
export const SECURITY_CODE_MASK = '[security code removed]';

const MIN_CARD = 13;
const MAX_CARD = 19;
const MAX_SEPARATORS = 3;
const CODE_DISTANCE = 30;

const isDigit = (c: number) => c >= 48 && c <= 57;
/** Space, no-break spaces, hyphen-minus and the Unicode hyphens and dashes people paste. */
const isSeparator = (c: number) => c === 32 || c === 0xa0 || c === 0x202f || c === 45 || (c >= 0x2010 && c <= 0x2015);

/** The Luhn (mod 10) check over a string of ASCII digits. */
export function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

const isCard = (digits: string) =>
  digits.length >= MIN_CARD && digits.length <= MAX_CARD && digits.charCodeAt(0) !== 48 && luhn(digits);

/** Cards in one run of digit groups (start and end of each group in the text). */
function cardsInRun(text: string, groups: Range[], found: GuardMatch[]): void {
  let digits = '';
  const offsets = [0]; // where each group starts in `digits`
  for (const g of groups) {
    digits += text.slice(g.start, g.end);
    offsets.push(digits.length);
  }
  if (digits.length <= MAX_CARD && isCard(digits)) {
    found.push({ kind: 'cardNumber', start: groups[0]!.start, end: groups[groups.length - 1]!.end });
    return;
  }
  // Not a card as a whole: try windows of whole groups, longest first, left to right.
  let i = 0;
  while (i < groups.length) {
    let best = -1;
    for (let j = i; j < groups.length; j++) {
      const length = offsets[j + 1]! - offsets[i]!;
      if (length > MAX_CARD) break;
      if (length >= MIN_CARD && isCard(digits.slice(offsets[i], offsets[j + 1]))) best = j;
      if (offsets[j + 1]! - offsets[j]! < 3) break; // only a window's last group may be short (4-4-4-1)
    }
    if (best >= 0) {
      found.push({ kind: 'cardNumber', start: groups[i]!.start, end: groups[best]!.end });
      i = best + 1;
    } else i++;
  }
}

/** Card numbers in `text`, in order, as ranges of the text (separators inside included). */
export function findCardNumbers(text: string): GuardMatch[] {
  const found: GuardMatch[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isDigit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const groups: Range[] = [];
    let pos = i;
    for (;;) {
      const start = pos;
      while (pos < n && isDigit(text.charCodeAt(pos))) pos++;
      groups.push({ start, end: pos });
      let next = pos;
      while (next < n && next - pos <= MAX_SEPARATORS && isSeparator(text.charCodeAt(next))) next++;
      if (next > pos && next - pos <= MAX_SEPARATORS && next < n && isDigit(text.charCodeAt(next))) pos = next;
      else break;
    }
    if (pos - i >= MIN_CARD) cardsInRun(text, groups, found); // characters, separators too: a cheap first test
    i = pos;
  }
  return found;
}

/**
 * Words that ask for or give a card security code. Deliberately not "CID" (often a customer id)
 * nor a bare "verification code" (one-time passcodes).
 */
const CODE_WORDS = new RegExp(
  String.raw`\b(?:cvv2?|cvc2?|cv2|csc|security code|security number|security digits|card verification(?: value| code| number)?|(?:three|four|3|4)(?: |-)digits?(?: code| number)? (?:on|at|from) the (?:back|front)|(?:digits|number|code) on the back|back of (?:the|your) card)\b`.replace(
    / /g,
    String.raw`\s+`,
  ),
  'gi',
);

/** A sentence break stops the search for the code that belongs to a card word. */
const isBreak = (c: number) => c === 46 || c === 33 || c === 63 || c === 10 || c === 13;

/** A digit run of 3 or 4 that is not part of a date, time, amount or longer number. */
function standaloneCode(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len < 3 || len > 4) return false;
  const before = start > 0 ? text[start - 1]! : ' ';
  const after = end < text.length ? text[end]! : ' ';
  if ('£$€#'.includes(before) || after === '%') return false;
  // dates, times, decimals and thousands: 12/27, 10:30, 12.50, 1,234
  if ('/:.,'.includes(before) && isDigit(text.charCodeAt(start - 2))) return false;
  if ('/:.,'.includes(after) && isDigit(text.charCodeAt(end + 1))) return false;
  return true;
}

function codeNear(text: string, from: number, to: number, forward: boolean, skip: readonly Range[]): Range | undefined {
  const step = forward ? 1 : -1;
  const limit = forward ? Math.min(text.length, to + CODE_DISTANCE) : Math.max(0, from - CODE_DISTANCE);
  let i = forward ? to : from - 1;
  while (forward ? i < limit : i >= limit) {
    const c = text.charCodeAt(i);
    if (isBreak(c) && !(c === 46 && isDigit(text.charCodeAt(i - step)) && isDigit(text.charCodeAt(i + step)))) return undefined;
    if (isDigit(c)) {
      let s = i;
      let e = i + 1;
      while (s > 0 && isDigit(text.charCodeAt(s - 1))) s--;
      while (e < text.length && isDigit(text.charCodeAt(e))) e++;
      if (standaloneCode(text, s, e) && !skip.some((r) => r.start < e && s < r.end)) return { start: s, end: e };
      i = forward ? e : s - 1;
      continue;
    }
    i += step;
  }
  return undefined;
}

/** 3 or 4 digits written straight after a card number, as in "4111 1111 1111 1111 123". */
function codeAfterCard(text: string, card: Range): Range | undefined {
  let start = card.end;
  while (start < text.length && start - card.end < MAX_SEPARATORS && isSeparator(text.charCodeAt(start))) start++;
  if (start === card.end) return undefined;
  let end = start;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  return standaloneCode(text, start, end) ? { start, end } : undefined;
}

/**
 * Security codes near card words, and 3 or 4 digits straight after a card number. `cards` (from
 * findCardNumbers) are never taken for a code.
 */
export function findSecurityCodes(text: string, cards: readonly Range[] = findCardNumbers(text)): GuardMatch[] {
  const found = new Map<number, GuardMatch>();
  for (const card of cards) {
    const code = codeAfterCard(text, card);
    if (code) found.set(code.start, { kind: 'securityCode', ...code });
  }
  CODE_WORDS.lastIndex = 0;
  for (let m = CODE_WORDS.exec(text); m; m = CODE_WORDS.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const code = codeNear(text, start, end, true, cards) ?? codeNear(text, start, end, false, cards);
    if (code && !found.has(code.start)) found.set(code.start, { kind: 'securityCode', ...code });
  }
  CODE_WORDS.lastIndex = 0;
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** Prohibited phrases compiled once from the rules that list them. */
export interface ProhibitedPhrases {
  readonly ruleIds: readonly string[];
  readonly dict: PhraseDict;
}

export const compileProhibited = (rules: readonly { ruleId: string; phrases: readonly string[] }[]): ProhibitedPhrases => ({
  ruleIds: rules.map((r) => r.ruleId),
  dict: compileDict(rules.map((r) => r.phrases)),
});

export function findProhibited(text: string | WordIndex, prohibited: ProhibitedPhrases): GuardMatch[] {
  const index = typeof text === 'string' ? indexWords(text) : text;
  const found = scanDict(index, prohibited.dict).flatMap((ranges, i) =>
    ranges.map((r): GuardMatch => ({ kind: 'prohibitedPhrase', ruleId: prohibited.ruleIds[i]!, ...r })),
  );
  return found.sort((a, b) => a.start - b.start);
}

/** Every guard at once: card numbers, security codes and (when given) prohibited phrases. */
export function scanReply(text: string, prohibited?: ProhibitedPhrases): GuardMatch[] {
  const cards = findCardNumbers(text);
  const found = [...cards, ...findSecurityCodes(text, cards)];
  if (prohibited) found.push(...findProhibited(text, prohibited));
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** A stretch of text to replace with a mask: what `redact` replaces, for editors that rewrite in place. */
export interface RedactionSpan extends Range {
  mask: string;
}

/**
 * The spans `redact` replaces, in order and not overlapping: card numbers and security codes only,
 * overlapping matches merged, a merged span that holds a card taking the card mask.
 */
export function redactionSpans(matches: readonly GuardMatch[]): RedactionSpan[] {
  const spans = matches
    .filter((m) => m.kind === 'cardNumber' || m.kind === 'securityCode')
    .map((m) => ({ start: m.start, end: m.end, card: m.kind === 'cardNumber' }))
    .sort((a, b) => a.start - b.start);
  const out: RedactionSpan[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k++) {
    const span = { ...spans[k]! };
    while (k + 1 < spans.length && spans[k + 1]!.start < span.end) {
      const next = spans[++k]!;
      span.end = Math.max(span.end, next.end);
      span.card ||= next.card;
    }
    if (span.start < at) span.start = at;
    out.push({ start: span.start, end: Math.max(at, span.end), mask: span.card ? CARD_MASK : SECURITY_CODE_MASK });
    at = Math.max(at, span.end);
  }
  return out;
}

/**
 * `text` with every card number and security code in `matches` replaced by a mask that keeps
 * nothing of it (no last four digits). Prohibited phrases are warnings and stay as written.
 * Overlapping matches are merged; a merged range that holds a card takes the card mask.
 */
export function redact(text: string, matches: readonly GuardMatch[]): string {
  let out = '';
  let at = 0;
  for (const span of redactionSpans(matches)) {
    out += text.slice(at, span.start) + span.mask;
    at = span.end;
  }
  return out + text.slice(at);
}
