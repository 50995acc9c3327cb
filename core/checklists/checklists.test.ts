import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Checklist, checklistItems, scaleBounds } from '../checklist.ts';
import { builtInChecklist, builtInChecklistInputs, builtInChecklists } from './index.ts';

/**
 * Every criterion the standards define, written out by hand from the unit texts in
 * shared/standards (see its README). Items may only cite criteria in this table.
 */
const CRITERIA_BY_UNIT = {
  // OCR unit 16, CC33 (L/503/0427): assessment criteria per learning outcome.
  CC33: ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '3.2', '3.3', '4.1', '4.2', '4.3', '4.4', '4.5', '4.6'],
  // NOS H12H 04, CFACC33: performance criteria 1-14 and knowledge and understanding (a)-(m).
  CFACC33: [
    ...Array.from({ length: 14 }, (_, i) => `PC ${i + 1}`),
    ...'abcdefghijklm'.split('').map((k) => `K&U ${k}`),
  ],
  // OCR unit 12, CC26 (T/503/0406).
  CC26: ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '4.1', '4.2', '4.3', '4.4'],
  // OCR unit 8, CC16 (A/503/0388).
  CC16: ['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '2.4', '2.5', '3.1', '3.2', '3.3'],
} as const;

const VALID_CRITERIA = new Set(
  Object.entries(CRITERIA_BY_UNIT).flatMap(([unit, numbers]) => numbers.map((n) => `${unit} ${n}`)),
);

/** Regulatory ids look like PCI-DSS-3.3.1, DISP-1.6.2R, UK-GDPR-ART5, FCA-PRIN-2A.5, OFCOM-GC-C4. */
const REQUIREMENT_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9][A-Z0-9.]*)+$/;

const EXPECTED = {
  'phone-contact-quality': { channels: ['phone'], passMark: 80 },
  'written-contact-quality': { channels: ['email', 'chat'], passMark: 80 },
  'complaint-handling': { channels: [], passMark: 80 },
  'compliance-spot-check': { channels: [], passMark: 85 },
} as const;

describe('built-in checklists', () => {
  it('are the four expected checklists, with unique ids', () => {
    const ids = builtInChecklists.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(builtInChecklistInputs.map((c) => [c.id, c] as const))('%s parses through the Checklist schema', (_id, input) => {
    const parsed = Checklist.safeParse(input);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });

  it('parse idempotently, so storing and re-reading one changes nothing', () => {
    for (const c of builtInChecklists) expect(Checklist.parse(c)).toEqual(c);
  });

  it('a broken copy fails the schema loudly', () => {
    const broken = structuredClone(builtInChecklists[0]!);
    broken.sections[0]!.items[0]!.weight = 101;
    expect(Checklist.safeParse(broken).success).toBe(false);
  });

  it('are approved built-in version 1, with fixed approval metadata', () => {
    for (const c of builtInChecklists) {
      expect(c.status, c.id).toBe('approved');
      expect(c.version, c.id).toBe(1);
      expect(c.builtIn, c.id).toBe(true);
      expect(c.approvedBy, c.id).toBe('Floorwalker');
      expect(c.approvedAt, c.id).toBe('2025-06-02T09:00:00Z');
      expect(c.description, c.id).toBeTruthy();
    }
  });

  it('have the expected channels and pass marks within range', () => {
    for (const c of builtInChecklists) {
      const want = EXPECTED[c.id as keyof typeof EXPECTED];
      expect(c.channels, c.id).toEqual(want.channels);
      expect(c.passMark, c.id).toBe(want.passMark);
      expect(c.passMark).toBeGreaterThanOrEqual(50);
      expect(c.passMark).toBeLessThanOrEqual(100);
    }
  });

  it('can be looked up by id', () => {
    expect(builtInChecklist('compliance-spot-check')?.title).toBe('Compliance spot check');
    expect(builtInChecklist('nope')).toBeUndefined();
  });

  describe.each(builtInChecklists.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const items = checklistItems(c);

    it('has unique section ids and item ids', () => {
      const sectionIds = c.sections.map((s) => s.id);
      const itemIds = items.map((i) => i.id);
      expect(new Set(sectionIds).size).toBe(sectionIds.length);
      expect(new Set(itemIds).size).toBe(itemIds.length);
    });

    it('has 3 to 6 items in every section and a positive weight total per section', () => {
      for (const s of c.sections) {
        expect(s.items.length, s.id).toBeGreaterThanOrEqual(3);
        expect(s.items.length, s.id).toBeLessThanOrEqual(6);
        expect(s.items.reduce((sum, i) => sum + i.weight, 0), s.id).toBeGreaterThan(0);
      }
    });

    it('maps every item to at least one criterion, each one defined by the standards', () => {
      for (const item of items) {
        expect(item.criteria.length, item.id).toBeGreaterThan(0);
        expect(new Set(item.criteria).size, `${item.id} repeats a criterion`).toBe(item.criteria.length);
        for (const criterion of item.criteria) {
          expect(VALID_CRITERIA.has(criterion), `${item.id}: unknown criterion "${criterion}"`).toBe(true);
        }
      }
    });

    it('uses well-formed requirement ids', () => {
      for (const item of items) {
        for (const r of item.requirementIds) expect(r, item.id).toMatch(REQUIREMENT_ID);
      }
    });

    it('has at least one critical item, and every critical item has weight and can be answered at the bottom', () => {
      const critical = items.filter((i) => i.critical !== 'none');
      expect(critical.length).toBeGreaterThan(0);
      for (const i of critical) {
        expect(i.weight, i.id).toBeGreaterThan(0);
        expect(scaleBounds(i.scale).min, i.id).toBeLessThan(scaleBounds(i.scale).max);
      }
    });

    it('mixes yes/no and points items', () => {
      expect(items.some((i) => i.scale.kind === 'yesNo')).toBe(true);
      expect(items.some((i) => i.scale.kind === 'points')).toBe(true);
    });

    it('treats card-data items as critical', () => {
      for (const i of items.filter((i) => i.requirementIds.some((r) => r.startsWith('PCI-DSS-')))) {
        expect(i.critical, i.id).not.toBe('none');
      }
    });

    it('has guidance on every graded (points) item so supervisors score it the same way', () => {
      for (const i of items.filter((i) => i.scale.kind === 'points')) expect(i.guidance, i.id).toBeTruthy();
    });
  });

  it('fail the whole check on identity verification and card data in the compliance spot check', () => {
    const c = builtInChecklist('compliance-spot-check')!;
    const byId = new Map(checklistItems(c).map((i) => [i.id, i]));
    for (const id of [
      'id-verified-before-disclosure',
      'card-not-requested-in-writing',
      'card-not-in-records',
      'card-compliant-payment-route',
    ]) {
      expect(byId.get(id)?.critical, id).toBe('check');
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Cross-checks against the standards texts themselves, when the shared folder is present.

const STANDARDS_DIR = fileURLToPath(new URL('../../../shared/standards/', import.meta.url));
const STANDARD_FILES = {
  CC33: '000_6b5a84f0216e63c6.txt',
  CFACC33: '001_980b8895e2054381.txt',
  CC26: '002_3c6f88843a8d616f.txt',
  CC16: '004_e47f501f62c72c09.txt',
} as const;
const haveStandards = Object.values(STANDARD_FILES).every((f) => existsSync(STANDARDS_DIR + f));
const readStandard = (unit: keyof typeof STANDARD_FILES) => readFileSync(STANDARDS_DIR + STANDARD_FILES[unit], 'utf8');

/** Assessment-criterion numbers (1.1, 2.3...) as they open a criterion in an OCR unit text. */
function ocrCriteria(text: string): string[] {
  return [...text.matchAll(/(?:^|[\s>])(\d\.\d)\s+[A-Z]/g)].map((m) => m[1]!);
}

describe.skipIf(!haveStandards)('criteria table against the standards texts', () => {
  it.each(['CC33', 'CC26', 'CC16'] as const)('%s: the table lists exactly the criteria in the unit', (unit) => {
    const text = readStandard(unit);
    expect(text).toContain(unit);
    expect([...new Set(ocrCriteria(text))].sort()).toEqual([...CRITERIA_BY_UNIT[unit]].sort());
  });

  it('CFACC33: the table lists exactly the performance criteria and knowledge items', () => {
    const text = readStandard('CFACC33');
    const pcStart = text.indexOf('Performance Criteria');
    const kuStart = text.indexOf('Knowledge and Understanding', pcStart);
    const evStart = text.indexOf('Evidence Requirements', kuStart);
    expect(pcStart).toBeGreaterThan(-1);
    const pcs = [...text.slice(pcStart, kuStart).matchAll(/^- (\d{1,2}) /gm)].map((m) => `PC ${m[1]}`);
    const kus = [...text.slice(kuStart, evStart).matchAll(/^- \(([a-z])\) /gm)].map((m) => `K&U ${m[1]}`);
    expect([...pcs, ...kus].sort()).toEqual([...CRITERIA_BY_UNIT.CFACC33].sort());
  });

  it('the checklists are written in our own words: no run of 8 words copied from a standard', () => {
    const words = (s: string) => s.toLowerCase().match(/[a-z0-9&']+/g) ?? [];
    const N = 8;
    const shingles = new Set<string>();
    for (const unit of Object.keys(STANDARD_FILES) as (keyof typeof STANDARD_FILES)[]) {
      const w = words(readStandard(unit));
      for (let i = 0; i + N <= w.length; i++) shingles.add(w.slice(i, i + N).join(' '));
    }
    for (const c of builtInChecklists) {
      const texts = [
        c.title,
        c.description ?? '',
        ...c.sections.map((s) => s.title),
        ...checklistItems(c).flatMap((i) => [i.text, i.guidance ?? '']),
      ];
      for (const t of texts) {
        const w = words(t);
        for (let i = 0; i + N <= w.length; i++) {
          const run = w.slice(i, i + N).join(' ');
          expect(shingles.has(run), `${c.id} copies "${run}"`).toBe(false);
        }
      }
    }
  });
});
