import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from './guards.ts';
import { type PageView, compilePack, evaluate } from './promptEval.ts';
import { ukDefaultPack } from './promptPacks/ukDefault.ts';
import { type PromptRuleInput, type RulePack, validateRulePack } from './promptRules.ts';

const NOW = Date.parse('2025-06-02T09:00:00Z');
const view = (over: Partial<PageView> = {}): PageView => ({
  phase: 'reply',
  channel: 'email',
  conversationText: '',
  replyText: '',
  fields: { identityVerified: true },
  now: NOW,
  ...over,
});

/** Validate rules the way publishing does, so tests evaluate what the content script would get. */
function packOf(rules: PromptRuleInput[]): RulePack {
  const result = validateRulePack({ id: 'test', version: 1, title: 'Test', rules });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.pack;
}

const rule = (id: string, when: PromptRuleInput['when'], over: Partial<PromptRuleInput> = {}): PromptRuleInput => ({
  id,
  version: 1,
  title: id,
  level: 'warn',
  requiresAcknowledgement: false,
  message: `message for ${id}`,
  when,
  ...over,
});

// ---- the built-in UK pack ------------------------------------------------------------------------

describe('evaluate: UK default pack', () => {
  const uk = compilePack(ukDefaultPack);
  const hours = (h: number) => new Date(NOW + h * 3_600_000).toISOString();

  const cases: { name: string; view: Partial<PageView>; fires: string[] }[] = [
    { name: 'a quiet email reply fires nothing', view: { replyText: 'Thanks for getting in touch.' }, fires: [] },
    {
      name: 'card number in the reply blocks',
      view: { replyText: 'Your card 4111 1111 1111 1111 is on file' },
      fires: ['card-number-in-reply'],
    },
    {
      name: 'security code in the reply blocks too',
      view: { replyText: 'card 4111 1111 1111 1111, cvv 123' },
      fires: ['card-number-in-reply', 'security-code-in-reply'],
    },
    { name: 'guards do not run before a reply is written', view: { phase: 'contact', replyText: '4111 1111 1111 1111' }, fires: [] },
    {
      name: 'account details without verified identity',
      view: { phase: 'accountDetails', fields: { identityVerified: false } },
      fires: ['identity-before-account-details'],
    },
    {
      name: 'account details when the adapter cannot tell (field missing)',
      view: { phase: 'accountDetails', fields: {} },
      fires: ['identity-before-account-details'],
    },
    { name: 'account details after identity checks', view: { phase: 'accountDetails' }, fires: [] },
    { name: 'phone contact: recording notice', view: { phase: 'contact', channel: 'phone' }, fires: ['call-recording-notice'] },
    { name: 'chat contact: no recording notice', view: { phase: 'contact', channel: 'chat' }, fires: [] },
    {
      name: 'dissatisfaction words',
      view: { phase: 'contact', conversationText: 'This is the third time. I am really not happy with the service.' },
      fires: ['sounds-like-a-complaint'],
    },
    {
      name: 'complaint word with a wildcard',
      view: { phase: 'contact', conversationText: 'I would like to complain about my bill' },
      fires: ['sounds-like-a-complaint'],
    },
    {
      name: 'bereavement',
      view: { conversationText: 'My mother passed away last month and the account was in her name.' },
      fires: ['vulnerability-bereavement'],
    },
    {
      name: 'bereavement found by the pattern',
      view: { conversationText: 'Sorry for the delay, my dad died in March.' },
      fires: ['vulnerability-bereavement'],
    },
    {
      name: 'words that only look like vulnerability',
      view: { conversationText: 'My phone died, the payment terminal is disabled and router diagnostics failed.' },
      fires: [],
    },
    {
      name: 'illness and financial difficulty together',
      view: { conversationText: "I've been in hospital and now I can't afford the payments." },
      fires: ['vulnerability-health', 'vulnerability-financial'],
    },
    {
      name: 'financial difficulty found by the pattern, not a keyword',
      view: { conversationText: 'I have no money left until Friday' },
      fires: ['vulnerability-financial'],
    },
    {
      name: 'complaint deadline within two days',
      view: { complaintDeadlines: [{ kind: 'finalResponse', dueAt: hours(30) }] },
      fires: ['complaint-deadline-close'],
    },
    {
      name: 'complaint deadline overdue',
      view: { complaintDeadlines: [{ kind: 'finalResponse', dueAt: hours(-5) }] },
      fires: ['complaint-deadline-close'],
    },
    { name: 'complaint deadline a week away', view: { complaintDeadlines: [{ kind: 'finalResponse', dueAt: hours(24 * 7) }] }, fires: [] },
    {
      name: 'final response without referral rights blocks',
      view: { replyText: 'This is our final response to your complaint. We have not upheld it.' },
      fires: ['final-response-referral-rights'],
    },
    {
      name: 'final response with referral rights passes',
      view: {
        replyText: 'This is our final response. If you are unhappy you may refer it to the Financial Ombudsman Service within six months.',
      },
      fires: [],
    },
    {
      name: 'promise beyond authority (keyword)',
      view: { replyText: 'I guarantee this will never happen again.' },
      fires: ['promise-beyond-authority'],
    },
    {
      name: 'promise beyond authority (pattern)',
      view: { replyText: "Don't worry, we'll refund you today." },
      fires: ['promise-beyond-authority'],
    },
    {
      name: 'block comes before warn, whatever the pack order',
      view: { replyText: 'I promise: 4111 1111 1111 1111' },
      fires: ['card-number-in-reply', 'promise-beyond-authority'],
    },
  ];

  it.each(cases)('$name', ({ view: over, fires }) => {
    expect(evaluate(uk, view(over)).map((p) => p.ruleId)).toEqual(fires);
  });

  it('gives what the panel needs: message, level, references, ranges ready to redact', () => {
    const replyText = 'Card 5555-5555-5555-4444 noted';
    const [prompt] = evaluate(uk, view({ replyText }));
    expect(prompt).toMatchObject({
      ruleId: 'card-number-in-reply',
      ruleVersion: 1,
      level: 'block',
      requiresAcknowledgement: false,
      requirementIds: ['PCI DSS 4.2.2'],
      replyRanges: [{ start: 5, end: 24 }],
    });
    expect(redact(replyText, prompt!.guardMatches)).toBe('Card [card number removed] noted');
  });

  it('reports the nearest deadline that fired', () => {
    const [prompt] = evaluate(
      uk,
      view({
        complaintDeadlines: [
          { kind: 'finalResponse', dueAt: hours(40), complaintRef: 'C-2' },
          { kind: 'summaryResolution', dueAt: NOW + 6 * 3_600_000, complaintRef: 'C-1' },
          { kind: 'finalResponse', dueAt: 'not a date' },
        ],
      }),
    );
    expect(prompt?.deadline).toEqual({ kind: 'summaryResolution', dueAt: NOW + 6 * 3_600_000, hoursLeft: 6, complaintRef: 'C-1' });
  });

  it('highlights prohibited phrases in the reply', () => {
    const replyText = 'We guarantee a full refund.';
    const [prompt] = evaluate(uk, view({ replyText }));
    expect(prompt?.replyRanges.map((r) => replyText.slice(r.start, r.end))).toEqual(['guarantee', 'full refund']);
  });
});

// ---- conditions, one at a time -------------------------------------------------------------------

describe('evaluate: conditions', () => {
  const pack = compilePack(
    packOf([
      rule('email-only', { channels: ['email'], phases: ['contact'] }),
      rule('rt-billing', { sites: ['rt'], queues: ['Billing'], phases: ['contact'] }),
      rule('url', { urlContains: ['/complaints/'], phases: ['contact'] }),
      rule('supervisors', { phases: ['contact'] }, { audience: ['supervisor', 'manager'] }),
      rule('priority', { fields: [{ field: 'priority', op: 'equals', value: 'high' }], phases: ['contact'] }),
      rule('no-owner', { fields: [{ field: 'owner', op: 'absent' }], phases: ['contact'] }),
      rule('adr-only', { deadline: { withinHours: 24, kinds: ['adr'] } }),
      rule('refund-in-reply', { text: [{ in: 'reply', pattern: '\\brefund(?:ed|s)?\\b' }] }),
      rule('missing-sign-off', { phases: ['send'], text: [{ in: 'reply', anyOf: ['kind regards', 'best wishes'], absent: true }] }),
    ]),
  );
  const contact = (over: Partial<PageView>) => evaluate(pack, view({ phase: 'contact', channel: 'chat', fields: { owner: 'alex' }, ...over })).map((p) => p.ruleId);

  it.each([
    ['channel', { channel: 'email' as const }, ['email-only']],
    ['no channel known', { channel: undefined }, []],
    ['site and queue', { site: 'rt', queue: 'Billing' }, ['rt-billing']],
    ['site without the queue', { site: 'rt', queue: 'General' }, []],
    ['url', { url: 'https://crm.example.com/complaints/42' }, ['url']],
    ['audience: supervisor sees it', { role: 'supervisor' }, ['supervisors']],
    ['audience: agent does not', { role: 'agent' }, []],
    ['audience: unknown role does not', {}, []],
    ['field equals', { fields: { owner: 'alex', priority: 'high' } }, ['priority']],
    ['field equals is strict', { fields: { owner: 'alex', priority: 'High' } }, []],
    ['field absent (empty string counts as absent)', { fields: { owner: '' } }, ['no-owner']],
    ['deadline of another kind', { complaintDeadlines: [{ kind: 'finalResponse', dueAt: NOW }] }, []],
    ['deadline of the kind', { complaintDeadlines: [{ kind: 'adr', dueAt: NOW + 3_600_000 }] }, ['adr-only']],
  ] as const)('%s', (_name, over, fires) => {
    expect(contact(over)).toEqual(fires);
  });

  it('regex over the reply, with ranges', () => {
    const replyText = 'Refunds: the refund was refunded.';
    const prompts = evaluate(pack, view({ replyText }));
    expect(prompts.map((p) => p.ruleId)).toEqual(['refund-in-reply']);
    expect(prompts[0]!.replyRanges.map((r) => replyText.slice(r.start, r.end))).toEqual(['Refunds', 'refund', 'refunded']);
  });

  it('absent: fires while the required words are missing', () => {
    const at = (replyText: string) => evaluate(pack, view({ phase: 'send', replyText })).map((p) => p.ruleId);
    expect(at('Thanks, Alex')).toEqual(['missing-sign-off']);
    expect(at('Kind regards, Alex')).toEqual([]);
  });
});

describe('evaluate: conversation memo', () => {
  it('re-reads the conversation when it changes, and only then', () => {
    const pack = compilePack(packOf([rule('bereaved', { text: [{ in: 'conversation', anyOf: ['funeral'] }] })]));
    expect(evaluate(pack, view({ conversationText: 'the funeral is on Monday' }))).toHaveLength(1);
    const memo = pack.memo.state;
    expect(memo).toBeDefined();
    expect(evaluate(pack, view({ conversationText: 'the funeral is on Monday', replyText: 'typing…' }))).toHaveLength(1);
    expect(pack.memo.state).toBe(memo);
    expect(evaluate(pack, view({ conversationText: 'a new ticket' }))).toHaveLength(0);
    expect(pack.memo.state).not.toBe(memo);
  });

  it('compiles a plain list of rules too', () => {
    const rules = packOf([rule('a', {})]).rules;
    expect(evaluate(compilePack(rules), view()).map((p) => p.ruleId)).toEqual(['a']);
  });
});

// ---- patterns: the prefilter finds what a whole-text scan finds ----------------------------------

describe('evaluate: patterns', () => {
  const patterns = [
    "\\bwe(?:'ll| will) (?:refund|credit|pay) you\\b",
    '\\brefund(?:ed|s)?\\b',
    '[a-z]{1,6} (?:account|card) number',
    '\\b(?:no|any) money (?:left|at all)\\b',
    'pay{1,3}',
    'ask(?:ed)? (?:for )?your card',
    '£\\d{2,4}',
    '\\bsks\\b',
  ];
  const pieces = [
    'we', "we'll", 'WE WILL', 'will', 'refund', 'Refunded', 'refunds', 'credit', 'pay', 'payyy', 'you', 'YOU', 'card',
    'account', 'number', 'no', 'any', 'money', 'left', 'at all', 'asked', 'ask', 'for', 'your', '£12', '£3456',
    'ſks', 'sKs', '\u212aelvin', 'İ', 'x', '',
  ];
  const textArb = fc
    .array(fc.tuple(fc.constantFrom(...pieces), fc.constantFrom(' ', ' ', '  ', '-', '. ', '')), { maxLength: 40 })
    .map((parts) => parts.map(([p, sep]) => p + sep).join(''));

  it.each(patterns)('%s', (pattern) => {
    const pack = compilePack(packOf([rule('p', { text: [{ in: 'reply', pattern }] })]));
    const whole = new RegExp(pattern, 'giu');
    fc.assert(
      fc.property(textArb, (replyText) => {
        const expected = [...replyText.matchAll(whole)].slice(0, 50).map((m) => [m.index, m.index + m[0].length]);
        const prompts = evaluate(pack, view({ replyText }));
        const got = prompts[0]?.replyRanges.map((r) => [r.start, r.end]) ?? [];
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

// ---- the content script's share ------------------------------------------------------------------

describe('what the CRM page loads', () => {
  /** Modules `file` imports for their values (type-only imports vanish from the bundle), transitively. */
  function valueImports(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'([^']+)'/gm)) {
      if (specifier!.startsWith('.')) valueImports(join(dirname(file), specifier!), seen);
      else seen.add(specifier!);
    }
    return seen;
  }

  it.each(['core/promptEval.ts', 'core/guards.ts', 'core/promptPacks/ukDefault.ts'])('%s needs no zod', (entry) => {
    const modules = [...valueImports(entry)];
    expect(modules.filter((m) => /zod|[/\\]z\.ts$|promptRules\.ts$/.test(m))).toEqual([]);
    expect(modules.filter((m) => !m.startsWith('core'))).toEqual([]); // no packages at all
  });
});
