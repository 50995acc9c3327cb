/**
 * Evaluate a validated rule pack against what the page shows, in the CRM page, on every keystroke.
 * `compilePack` does the work once: the keywords of all conditions go into one dictionary per text
 * (conversation, reply), patterns are compiled with their prefilters. `evaluate` then reads the
 * reply's words once, reuses what it worked out from the conversation while that is unchanged,
 * checks each rule's cheap conditions before its text, and tries a pattern only where its fixed
 * words occur.
 *
 * No zod here (only type imports): the content script ships without it.
 */
import type { Channel } from './contact.ts';
import { findCardNumbers, findSecurityCodes, type GuardMatch } from './guards.ts';
import type { FieldCondition, GuardName, PromptLevel, PromptPhase, PromptRule, RulePack } from './promptRules.ts';
import { PATTERN_FLAGS, type PatternCheck, type Prefilter, checkPattern } from './safeRegex.ts';
import { compileDict, indexWords, scanDict, type PhraseDict, type Range, type WordIndex } from './textMatch.ts';

export interface ComplaintDeadline {
  /** The milestone, e.g. "finalResponse" or "adr"; a rule may name the kinds it cares about. */
  kind: string;
  /** ISO date-time or epoch milliseconds. */
  dueAt: string | number;
  complaintRef?: string;
}

/** What the site adapter and the reply box give the evaluator. */
export interface PageView {
  phase: PromptPhase;
  channel?: Channel;
  site?: string;
  queue?: string;
  url?: string;
  /** Role of the signed-in user; rules with an audience skip other roles. */
  role?: string;
  conversationText: string;
  replyText: string;
  fields?: Readonly<Record<string, string | number | boolean | null | undefined>>;
  /** Deadlines still open on complaints about this contact (core/complaintClocks.ts works them out); met ones left out. */
  complaintDeadlines?: readonly ComplaintDeadline[];
  /** Epoch milliseconds; defaults to Date.now(). */
  now?: number;
}

export interface Prompt {
  ruleId: string;
  ruleVersion: number;
  title: string;
  level: PromptLevel;
  requiresAcknowledgement: boolean;
  message: string;
  guidance?: string;
  guidanceUrl?: string;
  criteria: readonly string[];
  requirementIds: readonly string[];
  /** Where in the reply the rule found what it warns about (card numbers, phrases), for highlighting. */
  replyRanges: readonly Range[];
  /** Card numbers and security codes behind the prompt, ready for `redact`. */
  guardMatches: readonly GuardMatch[];
  /** The deadline that made a deadline rule fire: the nearest one. */
  deadline?: { kind: string; dueAt: number; hoursLeft: number; complaintRef?: string };
}

interface CompiledText {
  in: 'conversation' | 'reply';
  /** This condition's group in the pack's dictionary for its text. */
  group: number;
  /** The pattern, global (for a whole-text scan) and sticky (to try one start), with its prefilter. */
  pattern?: { global: RegExp; sticky: RegExp; prefilter: Prefilter | null };
  absent: boolean;
}

interface CompiledRule {
  rule: PromptRule;
  text: CompiledText[];
}

/** Keyword hits of every condition on one text, and pattern results worked out so far. */
interface TextState {
  index: WordIndex;
  hits: Range[][];
  /** complete: the whole text was scanned (fewer matches than were asked for). */
  patterns: Map<CompiledText, { ranges: Range[]; complete: boolean }>;
}

export interface CompiledPack {
  readonly rules: readonly CompiledRule[];
  readonly dicts: { readonly conversation: PhraseDict; readonly reply: PhraseDict };
  /** The conversation seen last and what was worked out from it. */
  memo: { conversation: string | null; state?: TextState };
}

const MAX_RANGES = 50;
const RANK: Record<PromptLevel, number> = { block: 0, warn: 1, info: 2 };

export function compilePack(pack: RulePack | readonly PromptRule[]): CompiledPack {
  return compilePackWith(pack, checkPattern);
}

/**
 * How a rule's pattern becomes its regular expression and prefilter: checkPattern, or (in the CRM
 * page) a lookup of patterns the extension checked already, so the page need not ship the checker.
 * Undefined or not ok: the pattern never matches.
 */
export type PatternCompiler = (pattern: string) => PatternCheck | undefined;

/**
 * The pack's patterns that pass the safe-pattern check, each with its prefilter: what the extension
 * hands the CRM page along with the pack, for compilePackWith there.
 */
export function checkedPatterns(pack: RulePack | readonly PromptRule[]): Record<string, Prefilter | null> {
  const out: Record<string, Prefilter | null> = {};
  for (const rule of 'rules' in pack ? pack.rules : pack) {
    for (const { pattern } of rule.when.text) {
      if (pattern === undefined) continue;
      const checked = checkPattern(pattern);
      if (checked.ok) out[pattern] = checked.prefilter;
    }
  }
  return out;
}

/** compilePack with the patterns compiled by `compilePattern`. */
export function compilePackWith(pack: RulePack | readonly PromptRule[], compilePattern: PatternCompiler): CompiledPack {
  const rules = 'rules' in pack ? pack.rules : pack;
  const groups = { conversation: [] as (readonly string[])[], reply: [] as (readonly string[])[] };
  const compiled = rules.map((rule) => ({
    rule,
    text: rule.when.text.map((c): CompiledText => {
      // A pack is validated before it is published; a pattern that fails here anyway never matches.
      const checked = c.pattern === undefined ? undefined : compilePattern(c.pattern);
      const group = groups[c.in].push(c.anyOf) - 1;
      if (!checked?.ok) return { in: c.in, group, absent: c.absent };
      const { source } = checked.regex;
      const pattern = {
        global: new RegExp(source, `${PATTERN_FLAGS}g`),
        sticky: new RegExp(source, `${PATTERN_FLAGS}y`),
        prefilter: checked.prefilter,
      };
      return { in: c.in, group, pattern, absent: c.absent };
    }),
  }));
  return {
    rules: compiled,
    dicts: { conversation: compileDict(groups.conversation), reply: compileDict(groups.reply) },
    memo: { conversation: null },
  };
}

/** Matches of a pattern, left to right and not overlapping, as a scan of the whole text finds them. */
function patternMatches(pattern: NonNullable<CompiledText['pattern']>, index: WordIndex, limit: number, found: Range[]): void {
  const { text, lower } = index;
  const { prefilter } = pattern;
  if (!prefilter || lower === null) {
    const re = pattern.global;
    re.lastIndex = 0;
    for (let m = re.exec(text); m && found.length < limit; m = re.exec(text)) {
      found.push({ start: m.index, end: m.index + m[0].length });
    }
    re.lastIndex = 0;
    return;
  }
  // Try the pattern only at the starts from which one of its literals lies at the right distance.
  const at: number[] = [];
  for (const literal of prefilter.literals) {
    for (let p = lower.indexOf(literal); p >= 0; p = lower.indexOf(literal, p + 1)) at.push(p);
  }
  if (prefilter.literals.length > 1) at.sort((a, b) => a - b);
  const re = pattern.sticky;
  let cursor = 0;
  for (const p of at) {
    let start = Math.max(cursor, p - prefilter.maxOffset);
    const last = p - prefilter.minOffset;
    while (start <= last) {
      re.lastIndex = start;
      const m = re.exec(text);
      if (!m) {
        start++;
        continue;
      }
      found.push({ start, end: start + m[0].length });
      if (found.length >= limit) return;
      start = cursor = Math.max(start + m[0].length, start + 1);
    }
    cursor = Math.max(cursor, last + 1);
  }
}

/** Where a text condition's keywords, then its pattern, occur; empty when nowhere. */
function findText(c: CompiledText, state: TextState, limit: number): readonly Range[] {
  const hits = state.hits[c.group]!;
  if (!c.pattern || hits.length >= limit) return hits;
  let cached = state.patterns.get(c);
  if (!cached || (!cached.complete && cached.ranges.length < limit)) {
    const ranges: Range[] = [];
    patternMatches(c.pattern, state.index, limit, ranges);
    state.patterns.set(c, (cached = { ranges, complete: ranges.length < limit }));
  }
  return hits.length ? [...hits, ...cached.ranges] : cached.ranges;
}

function fieldHolds(f: FieldCondition, fields: PageView['fields']): boolean {
  const value = fields?.[f.field];
  const present = value !== undefined && value !== null && value !== '';
  switch (f.op) {
    case 'present':
      return present;
    case 'absent':
      return !present;
    case 'equals':
      return value === f.value;
    case 'notEquals':
      return value !== f.value;
  }
}

const toMs = (t: string | number) => (typeof t === 'number' ? t : Date.parse(t));

/** Prompts to show for `view`, most severe first, then in pack order. */
export function evaluate(pack: CompiledPack, view: PageView): Prompt[] {
  const { memo, dicts } = pack;
  const textState = (text: string, dict: PhraseDict): TextState => {
    const index = indexWords(text);
    return { index, hits: scanDict(index, dict, MAX_RANGES), patterns: new Map() };
  };
  if (memo.conversation !== view.conversationText) {
    memo.conversation = view.conversationText;
    memo.state = undefined;
  }
  const conversation = () => (memo.state ??= textState(view.conversationText, dicts.conversation));
  let reply: TextState | undefined;
  const replyState = () => (reply ??= textState(view.replyText, dicts.reply));
  let guards: { cardNumber: GuardMatch[]; securityCode: GuardMatch[] } | undefined;
  const guardMatches = () => {
    if (guards) return guards;
    const cards = findCardNumbers(view.replyText);
    return (guards = { cardNumber: cards, securityCode: findSecurityCodes(view.replyText, cards) });
  };
  const now = view.now ?? Date.now();

  const prompts: Prompt[] = [];
  for (const { rule, text } of pack.rules) {
    const w = rule.when;
    if (rule.audience.length && !(view.role && (rule.audience as readonly string[]).includes(view.role))) continue;
    if (w.phases.length && !w.phases.includes(view.phase)) continue;
    if (w.channels.length && !(view.channel && w.channels.includes(view.channel))) continue;
    if (w.sites.length && !(view.site && w.sites.includes(view.site))) continue;
    if (w.queues.length && !(view.queue && w.queues.includes(view.queue))) continue;
    if (w.urlContains.length && !w.urlContains.some((u) => view.url?.includes(u))) continue;
    if (!w.fields.every((f) => fieldHolds(f, view.fields))) continue;

    let deadline: Prompt['deadline'];
    if (w.deadline) {
      const { withinHours, kinds } = w.deadline;
      for (const d of view.complaintDeadlines ?? []) {
        if (kinds.length && !kinds.includes(d.kind)) continue;
        const dueAt = toMs(d.dueAt);
        const hoursLeft = (dueAt - now) / 3_600_000;
        if (Number.isNaN(hoursLeft) || hoursLeft > withinHours) continue;
        if (!deadline || dueAt < deadline.dueAt) {
          deadline = { kind: d.kind, dueAt, hoursLeft: Math.round(hoursLeft * 10) / 10, ...(d.complaintRef && { complaintRef: d.complaintRef }) };
        }
      }
      if (!deadline) continue;
    }

    let found: GuardMatch[] = [];
    if (w.guards.length) {
      const g = guardMatches();
      found = w.guards.flatMap((name: GuardName) => g[name]);
      if (found.length === 0) continue;
    }

    const holds = text.every((c) => (findText(c, c.in === 'reply' ? replyState() : conversation(), 1).length > 0) !== c.absent);
    if (!holds) continue;

    // The rule fires: now find everything it points at in the reply, for highlighting.
    const replyRanges: Range[] = found.map(({ start, end }) => ({ start, end }));
    for (const c of text) if (c.in === 'reply' && !c.absent) replyRanges.push(...findText(c, replyState(), MAX_RANGES));

    prompts.push({
      ruleId: rule.id,
      ruleVersion: rule.version,
      title: rule.title,
      level: rule.level,
      requiresAcknowledgement: rule.requiresAcknowledgement,
      message: rule.message,
      ...(rule.guidance !== undefined && { guidance: rule.guidance }),
      ...(rule.guidanceUrl !== undefined && { guidanceUrl: rule.guidanceUrl }),
      criteria: rule.criteria,
      requirementIds: rule.requirementIds,
      replyRanges: replyRanges.sort((a, b) => a.start - b.start),
      guardMatches: found,
      ...(deadline && { deadline }),
    });
  }
  return prompts.sort((a, b) => RANK[a.level] - RANK[b.level]);
}
