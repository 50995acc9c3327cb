import { describe, expect, it } from 'vitest';
import { Checklist, type ChecklistInput } from './checklist.ts';
import { parseCsv } from './csv.ts';
import {
  checklistsToCsv,
  exportChecklistsJson,
  parseChecklistFile,
  spotCheckReportModel,
  spotChecksToCsv,
} from './export.ts';
import { scoreSpotCheck } from './scoring.ts';
import { type Answers, SpotCheck } from './spotCheck.ts';

// ---- fixtures -------------------------------------------------------------------------------

const callsInput: ChecklistInput = {
  id: 'calls',
  version: 2,
  title: 'Phone calls',
  status: 'approved',
  approvedBy: 'QA lead',
  approvedAt: '2026-01-10T09:00:00.000Z',
  passMark: 75,
  sections: [
    {
      id: 'opening',
      title: 'Opening, greeting',
      items: [
        {
          id: 'greet',
          text: 'Greets the customer by name',
          guidance: 'Use the name on the account, "Mr Smith" style.',
          scale: { kind: 'yesNo' },
          weight: 10,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          criteria: ['CC33 1.1', 'CC33 1.2'],
        },
        {
          id: 'verify',
          text: 'Verifies identity before discussing the account',
          scale: { kind: 'yesNo' },
          weight: 0,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['DPA-1', 'PCI-DSS-3.3.1'],
        },
      ],
    },
    {
      id: 'resolution',
      title: 'Resolution',
      items: [
        {
          id: 'explain',
          text: 'Explains the next steps',
          scale: { kind: 'points', min: 1, max: 5 },
          weight: 20,
          naAllowed: true,
          critical: 'section',
          skill: 'ownership',
        },
        {
          id: 'empathy',
          text: 'Shows empathy',
          scale: { kind: 'points', min: 0, max: 10 },
          weight: 30,
          naAllowed: true,
          critical: 'none',
          skill: 'empathy',
        },
      ],
    },
  ],
};
const calls = Checklist.parse(callsInput);

const emails = Checklist.parse({
  id: 'emails',
  version: 1,
  title: 'Emails',
  status: 'draft',
  passMark: 80,
  sections: [
    {
      id: 'tone',
      title: 'Tone',
      items: [
        {
          id: 'plain',
          text: 'Writes plainly',
          scale: { kind: 'yesNo' },
          weight: 10,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
        },
      ],
    },
  ],
} satisfies ChecklistInput);

const now = new Date('2026-03-01T10:00:00.000Z');

function spotCheck(overrides: {
  id: string;
  checklist: Checklist;
  answers: Answers;
  subject?: string;
  note?: string;
  submittedAt?: string;
}): SpotCheck {
  return SpotCheck.parse({
    id: overrides.id,
    checklistId: overrides.checklist.id,
    checklistVersion: overrides.checklist.version,
    checklistTitle: overrides.checklist.title,
    contact: {
      adapterId: 'rt',
      crm: 'Request Tracker',
      url: 'https://rt.example.com/Ticket/Display.html?id=4711',
      ticketId: '4711',
      channel: 'phone',
      ...(overrides.subject ? { subject: overrides.subject } : {}),
      source: 'adapter',
      capturedAt: '2026-02-27T14:00:00.000Z',
    },
    evaluator: 'Sam Supervisor',
    agent: 'Alex Agent',
    answers: overrides.answers,
    ...(overrides.note ? { note: overrides.note } : {}),
    result: scoreSpotCheck(overrides.checklist, overrides.answers),
    status: overrides.submittedAt ? 'submitted' : 'draft',
    createdAt: '2026-02-27T14:05:00.000Z',
    updatedAt: '2026-02-27T14:20:00.000Z',
    ...(overrides.submittedAt ? { submittedAt: overrides.submittedAt } : {}),
  });
}

const ID1 = '0195f3a0-0000-7000-8000-000000000001';
const ID2 = '0195f3a0-0000-7000-8000-000000000002';

// ---- checklist files ----------------------------------------------------------------------------

describe('exportChecklistsJson / parseChecklistFile', () => {
  it('writes a pretty, versioned file', () => {
    const json = exportChecklistsJson([calls], now);
    expect(json.startsWith('{\n  "format": "floorwalker.checklists",\n  "formatVersion": 1,\n')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
    expect(JSON.parse(json).exportedAt).toBe('2026-03-01T10:00:00.000Z');
  });

  it('round-trips: export then parse gives back equal checklists, from text or parsed JSON', () => {
    const json = exportChecklistsJson([calls, emails], now);
    expect(parseChecklistFile(json)).toEqual({ ok: true, checklists: [calls, emails] });
    expect(parseChecklistFile(JSON.parse(json))).toEqual({ ok: true, checklists: [calls, emails] });
  });

  it('accepts a file saved with a byte-order mark', () => {
    expect(parseChecklistFile(`\uFEFF${exportChecklistsJson([emails], now)}`)).toEqual({
      ok: true,
      checklists: [emails],
    });
  });

  it('a file with one bad item imports nothing and says where', () => {
    const file = JSON.parse(exportChecklistsJson([emails, calls], now));
    file.checklists[1].sections[1].items[0].weight = 150;
    expect(parseChecklistFile(file)).toEqual({
      ok: false,
      errors: [
        'checklists[1].sections[1].items[0].weight (checklist "calls", section "resolution", item "explain"): Too big: expected number to be <=100',
      ],
    });
  });

  it('reports every problem, including ones in the Checklist rules', () => {
    const file = JSON.parse(exportChecklistsJson([calls], now));
    file.checklists[0].sections[0].items[1].scale = { kind: 'points', min: 3, max: 2 };
    file.checklists[0].sections[1].items[0].skill = 'magic';
    const result = parseChecklistFile(file);
    expect(result).toEqual({
      ok: false,
      errors: [
        'checklists[0].sections[0].items[1].scale (checklist "calls", section "opening", item "verify"): scale max must be greater than min',
        'checklists[0].sections[1].items[0].skill (checklist "calls", section "resolution", item "explain"): Invalid option: expected one of "communication"|"compliance"|"process"|"productKnowledge"|"empathy"|"ownership"',
      ],
    });
  });

  it('rejects the same id and version twice in one file', () => {
    const file = JSON.parse(exportChecklistsJson([calls, emails], now));
    file.checklists.push(file.checklists[0]);
    expect(parseChecklistFile(file)).toEqual({
      ok: false,
      errors: ['checklists[2].version (checklist "calls"): checklist "calls" version 2 is also at checklists[0]'],
    });
  });

  const file = (fields: Record<string, unknown>) => ({
    format: 'floorwalker.checklists',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    checklists: [calls],
    ...fields,
  });

  it.each([
    ['not JSON', '{"format": ', /^the file is not valid JSON: /],
    ['another format', file({ format: 'other' }), /^format: /],
    ['a newer format version', file({ formatVersion: 2 }), /^formatVersion: /],
    ['no checklists', file({ checklists: [] }), /^checklists: the file holds no checklists$/],
    ['a bad date', file({ exportedAt: 'yesterday' }), /^exportedAt: /],
    ['an unknown key', file({ extra: 1 }), /^file: Unrecognized key: "extra"$/],
    ['not an object', 42, /^file: /],
  ])('rejects %s with a readable error', (_name, input, message) => {
    const result = parseChecklistFile(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatch(message);
    }
  });

  it('refuses to export a file it would not import', () => {
    expect(() => exportChecklistsJson([], now)).toThrow('checklists: the file holds no checklists');
    expect(() => exportChecklistsJson([calls, calls], now)).toThrow('is also at checklists[0]');
  });
});

// ---- checklist CSV --------------------------------------------------------------------------------

describe('checklistsToCsv', () => {
  it('writes one row per item with readable scales, flags and joined lists', () => {
    const rows = checklistsToCsv([calls, emails]).split('\r\n');
    expect(rows[0]).toBe(
      'Checklist id,Version,Title,Status,Pass mark,Section,Item id,Item text,Guidance,Scale,Weight,N/A allowed,Critical,Skill,Criteria,Requirement ids',
    );
    expect(rows.slice(1)).toEqual([
      'calls,2,Phone calls,approved,75,"Opening, greeting",greet,Greets the customer by name,"Use the name on the account, ""Mr Smith"" style.",yes/no,10,no,none,communication,CC33 1.1; CC33 1.2,',
      'calls,2,Phone calls,approved,75,"Opening, greeting",verify,Verifies identity before discussing the account,,yes/no,0,yes,check,compliance,,DPA-1; PCI-DSS-3.3.1',
      'calls,2,Phone calls,approved,75,Resolution,explain,Explains the next steps,,1-5,20,yes,section,ownership,,',
      'calls,2,Phone calls,approved,75,Resolution,empathy,Shows empathy,,0-10,30,yes,none,empathy,,',
      'emails,1,Emails,draft,80,Tone,plain,Writes plainly,,yes/no,10,yes,none,communication,,',
      '',
    ]);
  });
});

// ---- spot check CSV -------------------------------------------------------------------------------

describe('spotChecksToCsv', () => {
  const first = spotCheck({
    id: ID1,
    checklist: calls,
    // 10*100 + 20*75 + 30*70 = 4600 over 60 -> 76.666...
    answers: { greet: { value: 1 }, verify: { value: 'na' }, explain: { value: 4 }, empathy: { value: 7, note: 'warm' } },
    subject: '=HYPERLINK("http://evil.example","click me")',
    note: 'Good call, "textbook"',
    submittedAt: '2026-02-27T14:20:00.000Z',
  });
  const second = spotCheck({ id: ID2, checklist: emails, answers: { plain: { value: null } }, note: '-1 for tone' });

  const table = () => {
    const [header, ...rows] = parseCsv(spotChecksToCsv([first, second], [emails, calls]));
    return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]])));
  };

  it('has the fixed columns, then one per item in checklist order, then the note', () => {
    const [header] = parseCsv(spotChecksToCsv([first, second], [emails, calls]));
    expect(header).toEqual([
      'Spot check id',
      'Submitted at',
      'Updated at',
      'Checklist id',
      'Checklist version',
      'Checklist title',
      'Ticket id',
      'CRM',
      'Subject',
      'Channel',
      'Agent',
      'Evaluator',
      'Status',
      'Score',
      'Raw score',
      'Outcome',
      'Auto-fail',
      'emails/plain',
      'calls/greet',
      'calls/verify',
      'calls/explain',
      'calls/empathy',
      'Note',
    ]);
  });

  it('writes one row per spot check with scores to one decimal and answers per item', () => {
    expect(table()).toEqual([
      {
        'Spot check id': ID1,
        'Submitted at': '2026-02-27T14:20:00.000Z',
        'Updated at': '2026-02-27T14:20:00.000Z',
        'Checklist id': 'calls',
        'Checklist version': '2',
        'Checklist title': 'Phone calls',
        'Ticket id': '4711',
        CRM: 'Request Tracker',
        Subject: `'=HYPERLINK("http://evil.example","click me")`,
        Channel: 'phone',
        Agent: 'Alex Agent',
        Evaluator: 'Sam Supervisor',
        Status: 'submitted',
        Score: '76.7',
        'Raw score': '76.7',
        Outcome: 'pass',
        'Auto-fail': 'none',
        'emails/plain': '',
        'calls/greet': '1',
        'calls/verify': 'N/A',
        'calls/explain': '4',
        'calls/empathy': '7',
        Note: 'Good call, "textbook"',
      },
      {
        'Spot check id': ID2,
        'Submitted at': '',
        'Updated at': '2026-02-27T14:20:00.000Z',
        'Checklist id': 'emails',
        'Checklist version': '1',
        'Checklist title': 'Emails',
        'Ticket id': '4711',
        CRM: 'Request Tracker',
        Subject: '',
        Channel: 'phone',
        Agent: 'Alex Agent',
        Evaluator: 'Sam Supervisor',
        Status: 'draft',
        Score: '',
        'Raw score': '',
        Outcome: '',
        'Auto-fail': 'none',
        'emails/plain': '',
        'calls/greet': '',
        'calls/verify': '',
        'calls/explain': '',
        'calls/empathy': '',
        Note: "'-1 for tone",
      },
    ]);
  });

  it('neutralises a formula-looking subject in the raw text', () => {
    const csv = spotChecksToCsv([first], [calls]);
    expect(csv).toContain(`,"'=HYPERLINK(""http://evil.example"",""click me"")",`);
    expect(csv).not.toContain(',=HYPERLINK');
  });

  it('keeps the answers of a spot check whose checklist version is not given', () => {
    const [header, row] = parseCsv(spotChecksToCsv([first], [emails]));
    const cells = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(header!.filter((h) => h.includes('/'))).toEqual(['calls/greet', 'calls/verify', 'calls/explain', 'calls/empathy']);
    expect(cells['calls/verify']).toBe('N/A');
  });

  it('writes just the header when there are no spot checks', () => {
    expect(parseCsv(spotChecksToCsv([], [calls]))).toHaveLength(1);
  });
});

// ---- printable report -----------------------------------------------------------------------------

describe('spotCheckReportModel', () => {
  it('labels answers, scores sections and totals, and lists the contact', () => {
    const sc = spotCheck({
      id: ID1,
      checklist: calls,
      answers: {
        greet: { value: 0, note: 'Did not use the name' },
        verify: { value: 1 },
        explain: { value: 1 },
        empathy: { value: 'na' },
      },
      subject: 'Billing question',
      note: 'Coach on next steps',
      submittedAt: '2026-02-27T14:20:00.000Z',
    });
    const report = spotCheckReportModel(sc, calls);

    expect(report.title).toBe('Spot check: Phone calls (version 2)');
    expect(report.contactLines).toEqual([
      { label: 'Ticket', value: '4711' },
      { label: 'CRM', value: 'Request Tracker' },
      { label: 'Subject', value: 'Billing question' },
      { label: 'Channel', value: 'Phone' },
      { label: 'Agent', value: 'Alex Agent' },
      { label: 'Evaluator', value: 'Sam Supervisor' },
      { label: 'Status', value: 'Submitted' },
      { label: 'Link', value: 'https://rt.example.com/Ticket/Display.html?id=4711' },
    ]);
    expect(report.submittedAt).toBe('2026-02-27T14:20:00.000Z');

    const [opening, resolution] = report.sections;
    expect(opening!.rows.map((r) => [r.answer, r.scoreText, r.note])).toEqual([
      ['No', '0.0%', 'Did not use the name'],
      ['Yes', '100.0%', undefined],
    ]);
    expect(opening!.rows[0]!.guidance).toBe('Use the name on the account, "Mr Smith" style.');
    // greet (w10) No; verify has weight 0.
    expect(opening).toMatchObject({ title: 'Opening, greeting', score: 0, rawScore: 0, scoreText: '0.0%', failed: false });
    // explain at 1 of 5 is the bottom of a section-critical item: the section fails.
    expect(resolution!.rows.map((r) => [r.answer, r.scoreText, r.criticalFailure])).toEqual([
      ['1 of 5', '0.0%', true],
      ['N/A', '—', false],
    ]);
    expect(resolution).toMatchObject({ score: 0, rawScore: 0, scoreText: '0.0%', failed: true });

    expect(report.totals).toEqual({
      score: 0,
      rawScore: 0,
      scoreText: '0.0%',
      rawScoreText: '0.0%',
      passMark: 75,
      passMarkText: '75.0%',
      outcome: 'fail',
      outcomeText: 'Fail',
      autoFail: 'section',
      criticalFailures: ['"Explains the next steps" failed section "Resolution"'],
      answeredItems: 4,
      totalItems: 4,
      complete: true,
    });
    expect(report.note).toBe('Coach on next steps');
    expect(report.problems).toEqual([]);
  });

  it('shows a check failure, unanswered items and points answers', () => {
    const sc = spotCheck({
      id: ID1,
      checklist: calls,
      answers: { greet: { value: 1 }, verify: { value: 0 }, empathy: { value: 8 } },
    });
    const report = spotCheckReportModel(sc, calls);
    expect(report.sections.flatMap((s) => s.rows.map((r) => r.answer))).toEqual(['Yes', 'No', 'Not answered', '8 of 10']);
    expect(report.totals).toMatchObject({
      score: 0,
      // (10*100 + 30*80) / 40 = 85
      rawScore: 85,
      rawScoreText: '85.0%',
      outcomeText: 'Fail',
      autoFail: 'check',
      criticalFailures: ['"Verifies identity before discussing the account" failed the whole check'],
      answeredItems: 3,
      complete: false,
    });
    expect(report.sections.every((s) => s.failed)).toBe(true);
    expect(report.submittedAt).toBeUndefined();
  });

  it('shows "No outcome" when nothing carries weight', () => {
    const sc = spotCheck({ id: ID2, checklist: emails, answers: { plain: { value: 'na' } } });
    expect(spotCheckReportModel(sc, emails).totals).toMatchObject({ score: null, scoreText: '—', outcomeText: 'No outcome' });
  });

  it('shows an invalid stored answer as not answered and lists the problem', () => {
    const sc = { ...spotCheck({ id: ID2, checklist: emails, answers: {} }), answers: { plain: { value: 4 } } };
    const report = spotCheckReportModel(sc, emails);
    expect(report.sections[0]!.rows[0]!.answer).toBe('Not answered');
    expect(report.problems).toEqual(['"Writes plainly" (plain): answer 4 is outside its scale (yes/no)']);
  });

  it('refuses a checklist other than the version the check was scored with', () => {
    const sc = spotCheck({ id: ID2, checklist: emails, answers: {} });
    expect(() => spotCheckReportModel(sc, { ...emails, version: 2 })).toThrow(
      `Spot check ${ID2} was scored with emails@1, not emails@2`,
    );
  });
});
