import { z } from './z.ts';
import { Channel } from './contact.ts';

/** What a supervisor answers an item on: yes/no (no = 0, yes = 1) or points from min to max. */
export const Scale = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('yesNo') }),
  z
    .strictObject({
      kind: z.literal('points'),
      min: z.int().check(z.gte(0), z.lte(10)),
      max: z.int().check(z.gte(1), z.lte(10)),
    })
    .check(z.refine((s) => s.max > s.min, { message: 'scale max must be greater than min' })),
]);
export type Scale = z.infer<typeof Scale>;

export function scaleBounds(scale: Scale): { min: number; max: number } {
  return scale.kind === 'yesNo' ? { min: 0, max: 1 } : { min: scale.min, max: scale.max };
}

/** none: an ordinary item; section: a bottom answer fails its section; check: fails the whole check. */
export const CriticalLevel = z.enum(['none', 'section', 'check']);
export type CriticalLevel = z.infer<typeof CriticalLevel>;

export const Skill = z.enum([
  'communication',
  'compliance',
  'process',
  'productKnowledge',
  'empathy',
  'ownership',
]);
export type Skill = z.infer<typeof Skill>;


const Slug = z.string().check(
  z.minLength(1),
  z.maxLength(80),
  z.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
);
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const ChecklistItem = z.strictObject({
  id: Slug,
  text: Text(300),
  guidance: z.optional(z.string().check(z.maxLength(2000))),
  scale: Scale,
  weight: z.int().check(z.gte(0), z.lte(100)),
  naAllowed: z.boolean(),
  critical: CriticalLevel,
  skill: Skill,
  /** Organisational or regulatory requirement ids this item helps test, e.g. "PCI-DSS-3.3.1". */
  requirementIds: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(80))), []),
  /** Standards criteria the item helps evidence, e.g. "CC33 1.1". */
  criteria: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(40))), []),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const ChecklistSection = z.strictObject({
  id: Slug,
  title: Text(200),
  items: z.array(ChecklistItem).check(z.minLength(1, 'a section needs at least one item')),
});
export type ChecklistSection = z.infer<typeof ChecklistSection>;

export const ChecklistStatus = z.enum(['draft', 'approved', 'retired']);
export type ChecklistStatus = z.infer<typeof ChecklistStatus>;

export const Checklist = z
  .strictObject({
    id: Slug,
    version: z.int().check(z.gte(1)),
    title: Text(200),
    description: z.optional(z.string().check(z.maxLength(2000))),
    /** The channels the checklist is written for; empty means any. */
    channels: z._default(z.array(Channel), []),
    status: ChecklistStatus,
    approvedBy: z.optional(z.string().check(z.maxLength(200))),
    approvedAt: z.optional(z.iso.datetime({ offset: true })),
    passMark: z.number().check(z.gte(0), z.lte(100)),
    sections: z.array(ChecklistSection).check(z.minLength(1, 'a checklist needs at least one section')),
    builtIn: z.optional(z.boolean()),
  })
  .check(
    z.superRefine((c, ctx) => {
      const seenSections = new Set<string>();
      const seenItems = new Set<string>();
      c.sections.forEach((s, si) => {
        if (seenSections.has(s.id)) {
          ctx.addIssue({ code: 'custom', message: `duplicate section id "${s.id}"`, path: ['sections', si, 'id'] });
        }
        seenSections.add(s.id);
        s.items.forEach((item, ii) => {
          if (seenItems.has(item.id)) {
            ctx.addIssue({
              code: 'custom',
              message: `duplicate item id "${item.id}"`,
              path: ['sections', si, 'items', ii, 'id'],
            });
          }
          seenItems.add(item.id);
        });
      });
      if (c.status === 'approved' && !c.approvedAt) {
        ctx.addIssue({ code: 'custom', message: 'an approved checklist needs approvedAt', path: ['approvedAt'] });
      }
    }),
  );
export type Checklist = z.infer<typeof Checklist>;
export type ChecklistInput = z.input<typeof Checklist>;

/** Key under which a checklist version is stored: one record per (id, version). */
export const checklistKey = (c: Pick<Checklist, 'id' | 'version'>) => `${c.id}@${c.version}`;

export function checklistItems(c: Checklist): ChecklistItem[] {
  // A plain loop: flatMap costs about 15 times as much, and the server calls this several times per check it scores.
  const items: ChecklistItem[] = [];
  for (const section of c.sections) for (const item of section.items) items.push(item);
  return items;
}

/** The newest approved version of each checklist: the only ones offered for scoring. */
export function approvedLatest(all: readonly Checklist[]): Checklist[] {
  const best = new Map<string, Checklist>();
  for (const c of all) {
    if (c.status !== 'approved') continue;
    const prev = best.get(c.id);
    if (!prev || c.version > prev.version) best.set(c.id, c);
  }
  return [...best.values()].sort((a, b) => a.title.localeCompare(b.title));
}
