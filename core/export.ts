import { z } from './z.ts';
import { Checklist, type CriticalLevel, checklistKey, scaleBounds } from './checklist.ts';
import { type CsvCell, toCsv } from './csv.ts';
import { CHANNEL_LABELS, outcomeLabel, STATUS_LABELS } from './labels.ts';
import { formatScore, scaleLabel, scorableAnswer, scoreSpotCheck, validateAnswers } from './scoring.ts';
import type { AnswerValue, ScoreResult, SpotCheck } from './spotCheck.ts';

// ---- checklist files (JSON) ---------------------------------------------------------------------

export const ChecklistFile = z.strictObject({
  format: z.literal('floorwalker.checklists'),
  formatVersion: z.literal(1),
  exportedAt: z.iso.datetime({ offset: true }),
  checklists: z.array(Checklist).check(
    z.minLength(1, 'the file holds no checklists'),
    // A version never changes once stored, so one file may not define it twice.
    z.superRefine((list, ctx) => {
      const first = new Map<string, number>();
      list.forEach((c, i) => {
        const seen = first.get(checklistKey(c));
        if (seen === undefined) first.set(checklistKey(c), i);
        else {
          ctx.addIssue({
            code: 'custom',
            message: `checklist "${c.id}" version ${c.version} is also at checklists[${seen}]`,
            path: [i, 'version'],
          });
        }
      });
    }),
  ),
});
export type ChecklistFile = z.infer<typeof ChecklistFile>;

/**
 * The JSON file for exporting checklists. It is checked against ChecklistFile first and throws if it
 * would not import (no checklists, or the same id and version twice): we never write a file we refuse.
 */
export function exportChecklistsJson(checklists: Checklist[], now: Date): string {
  const file: ChecklistFile = {
    format: 'floorwalker.checklists',
    formatVersion: 1,
    exportedAt: now.toISOString(),
    checklists,
  };
  const checked = ChecklistFile.safeParse(file);
  if (!checked.success) {
    throw new Error(`Cannot export these checklists: ${issueMessages(checked.error.issues, file).join('; ')}`);
  }
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Read a checklist file (parsed JSON or its text): every checklist in it, or readable errors and none. */
export function parseChecklistFile(
  input: unknown,
): { ok: true; checklists: Checklist[] } | { ok: false; errors: string[] } {
  let data = input;
  if (typeof input === 'string') {
    try {
      // Editors on Windows may save a byte-order mark, which JSON.parse rejects.
      data = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (err) {
      return { ok: false, errors: [`the file is not valid JSON: ${(err as Error).message}`] };
    }
  }
  const parsed = ChecklistFile.safeParse(data);
  if (!parsed.success) return { ok: false, errors: issueMessages(parsed.error.issues, data) };
  return { ok: true, checklists: parsed.data.checklists };
}

/**
 * "checklists[0].sections[1].items[2].weight (checklist "calls", section "open", item "greet"): message".
 * The ids are read from the input so a user can find the place without counting array positions.
 */
function issueMessages(issues: readonly z.core.$ZodIssue[], input: unknown): string[] {
  return issues.map((issue) => {
    let path = '';
    const names: string[] = [];
    let node: unknown = input;
    let parentKey: PropertyKey | undefined;
    for (const key of issue.path) {
      node = isRecord(node) ? node[key as string] : undefined;
      if (typeof key === 'number') {
        path += `[${key}]`;
        const id = isRecord(node) ? node.id : undefined;
        const noun = CONTAINER_NAMES.get(parentKey);
        if (typeof id === 'string' && noun) names.push(`${noun} "${id}"`);
      } else {
        path += path ? `.${String(key)}` : String(key);
      }
      parentKey = key;
    }
    const where = (path || 'file') + (names.length ? ` (${names.join(', ')})` : '');
    return `${where}: ${issue.message}`;
  });
}

const CONTAINER_NAMES = new Map<PropertyKey | undefined, string>([
  ['checklists', 'checklist'],
  ['sections', 'section'],
  ['items', 'item'],
]);

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

// ---- CSV ------------------------------------------------------------------------------------------

/** One row per item, for reviewing checklists in a spreadsheet. */
export function checklistsToCsv(checklists: Checklist[]): string {
  const header = [
    'Checklist id',
    'Version',
    'Title',
    'Status',
    'Pass mark',
    'Section',
    'Item id',
    'Item text',
    'Guidance',
    'Scale',
    'Weight',
    'N/A allowed',
    'Critical',
    'Skill',
    'Criteria',
    'Requirement ids',
  ];
  const rows = checklists.flatMap((c) =>
    c.sections.flatMap((s) =>
      s.items.map((item): CsvCell[] => [
        c.id,
        c.version,
        c.title,
        c.status,
        c.passMark,
        s.title,
        item.id,
        item.text,
        item.guidance,
        scaleLabel(item.scale),
        item.weight,
        item.naAllowed ? 'yes' : 'no',
        item.critical,
        item.skill,
        item.criteria.join('; '),
        item.requirementIds.join('; '),
      ]),
    ),
  );
  return toCsv([header, ...rows]);
}

const scoreCell = (score: number | null) => (score === null ? '' : score.toFixed(1));

function answerCell(value: AnswerValue | undefined): CsvCell {
  return value === 'na' ? 'N/A' : value;
}

/**
 * One row per spot check, with a column per item ("<checklistId>/<itemId>") across every checklist
 * the spot checks use. Columns follow the order of `checklists`; items keep their ids across versions
 * and so share a column. A spot check whose checklist version is missing still shows its answers.
 */
export function spotChecksToCsv(spotChecks: SpotCheck[], checklists: Checklist[]): string {
  const used = new Set(spotChecks.map((sc) => checklistKey({ id: sc.checklistId, version: sc.checklistVersion })));
  const columns: string[] = [];
  const seen = new Set<string>();
  const addColumn = (checklistId: string, itemId: string) => {
    const column = `${checklistId}/${itemId}`;
    if (!seen.has(column)) columns.push(column);
    seen.add(column);
  };
  for (const c of checklists) {
    if (used.has(checklistKey(c))) c.sections.forEach((s) => s.items.forEach((item) => addColumn(c.id, item.id)));
  }
  const known = new Set(checklists.map(checklistKey));
  for (const sc of spotChecks) {
    if (!known.has(checklistKey({ id: sc.checklistId, version: sc.checklistVersion }))) {
      Object.keys(sc.answers).forEach((itemId) => addColumn(sc.checklistId, itemId));
    }
  }

  const header = [
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
    ...columns,
    'Note',
  ];
  const rows = spotChecks.map((sc): CsvCell[] => {
    const answers = new Map(Object.entries(sc.answers).map(([itemId, a]) => [`${sc.checklistId}/${itemId}`, a.value]));
    return [
      sc.id,
      sc.submittedAt,
      sc.updatedAt,
      sc.checklistId,
      sc.checklistVersion,
      sc.checklistTitle,
      sc.contact.ticketId,
      sc.contact.crm,
      sc.contact.subject,
      sc.contact.channel,
      sc.agent,
      sc.evaluator,
      sc.status,
      // The stored result: derived and recomputed on every save, and the same value lists show.
      scoreCell(sc.result.score),
      scoreCell(sc.result.rawScore),
      sc.result.outcome,
      sc.result.autoFail,
      ...columns.map((column) => answerCell(answers.get(column))),
      sc.note,
    ];
  });
  return toCsv([header, ...rows]);
}

// ---- printable report -----------------------------------------------------------------------------

export interface ReportRow {
  itemId: string;
  text: string;
  guidance?: string;
  /** "Yes", "No", "3 of 5", "N/A" or "Not answered". */
  answer: string;
  /** As answered, before any critical failure. */
  score: number | null;
  scoreText: string;
  note?: string;
  critical: CriticalLevel;
  criticalFailure: boolean;
}

export interface ReportSection {
  id: string;
  title: string;
  rows: ReportRow[];
  score: number | null;
  rawScore: number | null;
  scoreText: string;
  failed: boolean;
}

export interface SpotCheckReport {
  title: string;
  checklist: { id: string; version: number; title: string };
  /** Label and value pairs about the contact and the people; empty values are left out. */
  contactLines: { label: string; value: string }[];
  /** ISO datetimes, for the page to show in the reader's time zone. */
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  sections: ReportSection[];
  totals: {
    score: number | null;
    rawScore: number | null;
    scoreText: string;
    rawScoreText: string;
    passMark: number;
    passMarkText: string;
    outcome: ScoreResult['outcome'];
    /** "Pass", "Fail" or "No outcome" (OUTCOME_LABELS). */
    outcomeText: string;
    autoFail: ScoreResult['autoFail'];
    /** One line per critical item that failed its section or the check. */
    criticalFailures: string[];
    answeredItems: number;
    totalItems: number;
    complete: boolean;
  };
  note?: string;
  agentComment?: string;
  /** Answers that do not fit the checklist (shown as not answered and not scored). */
  problems: string[];
}

/**
 * Everything a printable spot-check report shows, as plain data. The result is recomputed from the
 * checklist so rows and scores always agree; the checklist must be the version the check was scored with.
 */
export function spotCheckReportModel(spotCheck: SpotCheck, checklist: Checklist): SpotCheckReport {
  const scoredWith = checklistKey({ id: spotCheck.checklistId, version: spotCheck.checklistVersion });
  if (scoredWith !== checklistKey(checklist)) {
    throw new Error(`Spot check ${spotCheck.id} was scored with ${scoredWith}, not ${checklistKey(checklist)}`);
  }
  const result = scoreSpotCheck(checklist, spotCheck.answers);
  const itemScores = new Map(result.items.map((i) => [i.itemId, i]));
  const sectionScores = new Map(result.sections.map((s) => [s.sectionId, s]));
  const criticalFailures: string[] = [];

  const sections = checklist.sections.map((section): ReportSection => {
    const sectionScore = sectionScores.get(section.id)!;
    const rows = section.items.map((item): ReportRow => {
      const scored = itemScores.get(item.id)!;
      const value = scorableAnswer(item, spotCheck.answers);
      let answer = 'Not answered';
      if (value === 'na') answer = 'N/A';
      else if (value !== null && item.scale.kind === 'yesNo') answer = value === 1 ? 'Yes' : 'No';
      else if (value !== null) answer = `${value} of ${scaleBounds(item.scale).max}`;
      if (scored.criticalFailure) {
        criticalFailures.push(
          item.critical === 'check'
            ? `"${item.text}" failed the whole check`
            : `"${item.text}" failed section "${section.title}"`,
        );
      }
      const note = spotCheck.answers[item.id]?.note;
      return {
        itemId: item.id,
        text: item.text,
        ...(item.guidance ? { guidance: item.guidance } : {}),
        answer,
        score: scored.score,
        scoreText: formatScore(scored.score),
        ...(note ? { note } : {}),
        critical: item.critical,
        criticalFailure: scored.criticalFailure,
      };
    });
    return {
      id: section.id,
      title: section.title,
      rows,
      score: sectionScore.score,
      rawScore: sectionScore.rawScore,
      scoreText: formatScore(sectionScore.score),
      failed: sectionScore.failed,
    };
  });

  const { contact } = spotCheck;
  const lines: [label: string, value: string | undefined][] = [
    ['Ticket', contact.ticketId],
    ['CRM', contact.crm],
    ['Subject', contact.subject],
    ['Channel', contact.channel && CHANNEL_LABELS[contact.channel]],
    ['Queue', contact.queue],
    ['Customer reference', contact.customerRef],
    ['Agent', spotCheck.agent],
    ['Evaluator', spotCheck.evaluator],
    ['Status', STATUS_LABELS[spotCheck.status]],
    ['Link', contact.url],
  ];
  const contactLines = lines.flatMap(([label, value]) => (value ? [{ label, value }] : []));

  return {
    title: `Spot check: ${checklist.title} (version ${checklist.version})`,
    checklist: { id: checklist.id, version: checklist.version, title: checklist.title },
    contactLines,
    createdAt: spotCheck.createdAt,
    updatedAt: spotCheck.updatedAt,
    ...(spotCheck.submittedAt ? { submittedAt: spotCheck.submittedAt } : {}),
    sections,
    totals: {
      score: result.score,
      rawScore: result.rawScore,
      scoreText: formatScore(result.score),
      rawScoreText: formatScore(result.rawScore),
      passMark: result.passMark,
      passMarkText: formatScore(result.passMark),
      outcome: result.outcome,
      outcomeText: outcomeLabel(result.outcome),
      autoFail: result.autoFail,
      criticalFailures,
      answeredItems: result.answeredItems,
      totalItems: result.totalItems,
      complete: result.complete,
    },
    ...(spotCheck.note ? { note: spotCheck.note } : {}),
    ...(spotCheck.agentComment ? { agentComment: spotCheck.agentComment } : {}),
    problems: validateAnswers(checklist, spotCheck.answers),
  };
}
