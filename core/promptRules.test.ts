import { describe, expect, it } from 'vitest';
import { ukDefaultPack } from './promptPacks/ukDefault.ts';
import { type PromptRuleInput, type RulePackInput, formatRuleErrors, validateRulePack } from './promptRules.ts';
import { NoticeAcknowledgement, ProcedureNotice, PromptEvent } from './promptRecords.ts';
import { MAX_WAYS, checkPattern } from './safeRegex.ts';

// ---- safe patterns -------------------------------------------------------------------------------

describe('checkPattern', () => {
  const pre = (literals: string[], minOffset: number, maxOffset: number) => ({ literals, minOffset, maxOffset });
  it.each([
    // pattern, the prefilter: literals the evaluator looks for first, and how far into a match they sit
    ['refund', pre(['refund'], 0, 0)],
    ['\\brefund(?:ed|s)?\\b', pre(['refund'], 0, 0)],
    ["\\bwe(?:'ll| will) (?:refund|credit|pay) you\\b", pre([' you'], 9, 14)],
    ['\\b(?:compensation|goodwill)\\b', pre(['compensation', 'goodwill'], 0, 0)],
    ['[a-z]{3,10} (?:account|card) number', pre([' number'], 8, 28)],
    ['\\p{L}{2} money', pre([' money'], 2, 4)],
    ['refund\\w{0,20}', pre(['refund'], 0, 0)],
    ['colou?r', pre(['colo'], 0, 0)],
    ['REFUND', pre(['refund'], 0, 0)],
    ['£\\d{2,5}', null],
    ['\\d{3}-\\d{4}', null],
    ['(?<word>ab)c', null], // runs do not join across a group
    ['(?:ab){1,20}x', null],
    ['(?:refund|ok)', null], // one branch has no literal of three characters
  ] as const)('accepts %s', (pattern, prefilter) => {
    const checked = checkPattern(pattern);
    expect(checked).toMatchObject({ ok: true });
    if (checked.ok) expect(checked.prefilter).toEqual(prefilter);
  });

  it.each([
    ['', /empty/],
    ['x'.repeat(301), /longer than 300/],
    ['(abc', /not a valid pattern.*Unterminated group/],
    ['a{2,1}', /not a valid pattern/],
    ['\\q', /not a valid pattern/], // the u flag refuses unknown escapes
    ['.*refund', /unbounded repetition '\*' \(character 2\).*\{0,20\}/],
    ['refund\\w+', /unbounded repetition '\+' \(character 9\).*\{1,20\}/],
    ['a{3,}', /unbounded repetition '\{3,\}'.*\{3,20\}/],
    ['(a+)+b', /unbounded repetition/],
    ['a{0,51}', /above the limit of 50/],
    ['(a|a){20}', /too many ways of matching \(over a million/],
    ['(?:a?b?){1,6}', /too many ways of matching/],
    ['x{0,20}y{0,20}z{0,20}', /too many ways of matching \(9,261; the limit is 1,000\)/],
    ['(a)\\1', /back-references \(character 4\)/],
    ['(?<w>a)\\k<w>', /back-references/],
    ['(?=refund)r', /look-ahead and look-behind \(character 1\)/],
    ['(?<!no )refund', /look-ahead and look-behind/],
    ['a?', /can match empty text/],
    ['\\b', /can match empty text/],
    ['(?:refund)?', /can match empty text/],
    ['refund|', /can match empty text/],
  ])('rejects %s', (pattern, message) => {
    const checked = checkPattern(pattern);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error).toMatch(message);
  });

  it('stays within the ways limit exactly at the boundary', () => {
    // 10 * 10 * 10 = 1,000 ways: allowed; one more optional part doubles it.
    expect(checkPattern('a{1,10}b{1,10}c{1,10}').ok).toBe(true);
    expect(checkPattern('a{1,10}b{1,10}c{1,10}d?').ok).toBe(false);
    expect(MAX_WAYS).toBe(1000);
  });
});

// ---- rule packs ----------------------------------------------------------------------------------

const baseRule = (over: Partial<PromptRuleInput> = {}): PromptRuleInput => ({
  id: 'r',
  version: 1,
  title: 'A rule',
  level: 'warn',
  requiresAcknowledgement: false,
  when: {},
  message: 'Something to check.',
  ...over,
});
const pack = (rules: unknown[]): RulePackInput => ({ id: 'p', version: 1, title: 'Pack', rules: rules as PromptRuleInput[] });

describe('validateRulePack', () => {
  it('accepts the built-in UK pack unchanged', () => {
    const result = validateRulePack(ukDefaultPack);
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (result.ok) expect(result.pack).toEqual(ukDefaultPack); // already in its parsed form
  });

  it('fills defaults for a minimal rule', () => {
    const result = validateRulePack(pack([baseRule()]));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.pack.rules[0]).toMatchObject({
        when: { channels: [], phases: [], text: [], fields: [], guards: [] },
        criteria: [],
        requirementIds: [],
        audience: [],
      });
    }
  });

  const cases: { name: string; rules: unknown[]; errors: { rule: string | null; path: string; message: RegExp }[] }[] = [
    {
      name: 'unsafe pattern, named by rule and path',
      rules: [baseRule({ id: 'slow', when: { text: [{ in: 'reply', pattern: '.*refund' }] } })],
      errors: [{ rule: 'slow', path: 'when.text.0.pattern', message: /unbounded repetition/ }],
    },
    {
      name: 'invalid pattern',
      rules: [baseRule({ id: 'broken', when: { text: [{ in: 'conversation', pattern: '(refund' }] } })],
      errors: [{ rule: 'broken', path: 'when.text.0.pattern', message: /not a valid pattern/ }],
    },
    {
      name: 'bad keyword wildcard',
      rules: [baseRule({ id: 'kw', when: { text: [{ in: 'reply', anyOf: ['fine', 'ab*', 'x*y'] }] } })],
      errors: [
        { rule: 'kw', path: 'when.text.0.anyOf.1', message: /"ab\*": a \* needs at least 3 letters/ },
        { rule: 'kw', path: 'when.text.0.anyOf.2', message: /a \* may only end a phrase/ },
      ],
    },
    {
      name: 'keyword of punctuation only',
      rules: [baseRule({ id: 'kw', when: { text: [{ in: 'reply', anyOf: ['!!!'] }] } })],
      errors: [{ rule: 'kw', path: 'when.text.0.anyOf.0', message: /needs at least one word/ }],
    },
    {
      name: 'text condition with neither keywords nor pattern',
      rules: [baseRule({ id: 'empty', when: { text: [{ in: 'reply' }] } })],
      errors: [{ rule: 'empty', path: 'when.text.0', message: /needs keywords \(anyOf\) or a pattern/ }],
    },
    {
      name: 'field condition without its value',
      rules: [baseRule({ id: 'f', when: { fields: [{ field: 'identityVerified', op: 'equals' }] } })],
      errors: [{ rule: 'f', path: 'when.fields.0', message: /equals and notEquals need a value/ }],
    },
    {
      name: 'duplicate ids',
      rules: [baseRule({ id: 'same' }), baseRule({ id: 'other' }), baseRule({ id: 'same' })],
      errors: [{ rule: 'same', path: 'id', message: /used by more than one rule/ }],
    },
    {
      name: 'a rule without a usable id is named by its position',
      rules: [baseRule(), baseRule({ id: 'Not A Slug' })],
      errors: [{ rule: '#2', path: 'id', message: /lower-case letters, digits and dashes/ }],
    },
    {
      name: 'unknown level and a guidance link that is not http',
      rules: [baseRule({ id: 'lv', level: 'panic' as 'warn', guidanceUrl: 'javascript:alert(1)' })],
      errors: [
        { rule: 'lv', path: 'level', message: /.+/ },
        { rule: 'lv', path: 'guidanceUrl', message: /.+/ },
      ],
    },
    {
      name: 'unknown keys are refused (a rule cannot smuggle extra data)',
      rules: [baseRule({ id: 'extra', ...({ notes: 'x' } as object) })],
      errors: [{ rule: 'extra', path: '', message: /notes/ }],
    },
  ];

  it.each(cases)('$name', ({ rules, errors }) => {
    const result = validateRulePack(pack(rules));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(errors.length);
    errors.forEach((want, i) => {
      const got = result.errors[i]!;
      expect({ rule: got.rule, path: got.path }).toEqual({ rule: want.rule, path: want.path });
      expect(got.message).toMatch(want.message);
    });
  });

  it('reports pack-level errors with no rule', () => {
    const result = validateRulePack({ id: 'p', version: 0, rules: 'none' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.rule, e.path])).toEqual([
        [null, 'version'],
        [null, 'title'],
        [null, 'rules'],
      ]);
    }
  });

  it('formats errors one per line', () => {
    const result = validateRulePack(pack([baseRule({ id: 'slow', when: { text: [{ in: 'reply', pattern: 'a+' }] } })]));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(formatRuleErrors(result.errors)).toMatch(/^rule slow when\.text\.0\.pattern: unbounded repetition/);
  });
});

// ---- notices and events --------------------------------------------------------------------------

const U = (n: number) => `0190a1b2-c3d4-7e5f-8a6b-${String(n).padStart(12, '0')}`;

describe('ProcedureNotice', () => {
  const notice = {
    id: U(1),
    version: 2,
    title: 'New refund limit',
    whatChanged: 'Agents may now agree goodwill refunds up to £50 without referral.',
    effectiveFrom: '2025-07-01',
    audience: { roles: ['agent'] },
    requiresAcknowledgement: true,
    publishedBy: U(2),
    publishedAt: '2025-06-20T09:00:00Z',
  };

  it('accepts a notice and fills defaults', () => {
    expect(ProcedureNotice.parse(notice)).toMatchObject({ audience: { roles: ['agent'], teamIds: [] }, criteria: [] });
  });

  it.each([
    ['effectiveFrom', { effectiveFrom: '1 July 2025' }],
    ['audience.roles.0', { audience: { roles: ['customer'] } }],
    ['whatChanged', { whatChanged: '   ' }],
  ])('refuses a bad %s', (path, change) => {
    const result = ProcedureNotice.safeParse({ ...notice, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('records an acknowledgement by notice version', () => {
    expect(NoticeAcknowledgement.safeParse({ noticeId: U(1), noticeVersion: 2, userId: U(4), at: '2025-06-21T08:00:00Z' }).success).toBe(true);
  });
});

describe('PromptEvent', () => {
  const event = {
    id: U(5),
    ruleId: 'promise-beyond-authority',
    ruleVersion: 1,
    packId: 'uk-default',
    packVersion: 1,
    action: 'shown',
    contactKey: 'rt:https://rt.example.com:1234',
    userId: U(6),
    at: '2025-06-21T08:00:00Z',
  };

  it.each([
    ['shown', undefined, true],
    ['acknowledged', undefined, true],
    ['dismissed', 'customer already told on the phone', true],
    ['dismissed', undefined, false],
    ['overridden', undefined, false],
    ['overridden', 'manager approved the refund in writing', true],
    ['overridden', 'customer gave 4111 1111 1111 1111 again', false],
  ] as const)('%s with reason %j -> valid %s', (action, reason, valid) => {
    expect(PromptEvent.safeParse({ ...event, action, ...(reason !== undefined && { reason }) }).success).toBe(valid);
  });

  it('has no room for the conversation', () => {
    const result = PromptEvent.safeParse({ ...event, conversationText: 'My card is …' });
    expect(result.success).toBe(false);
  });

  it('says why a dismissal was refused', () => {
    const result = PromptEvent.safeParse({ ...event, action: 'dismissed' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['reason'], message: 'a dismissed or overridden prompt needs a reason' })]);
  });
});
