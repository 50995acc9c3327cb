import { Checklist, type ChecklistInput } from '../checklist.ts';
import { complaintHandling } from './complaintHandling.ts';
import { complianceSpotCheck } from './complianceSpotCheck.ts';
import { phoneContact } from './phoneContact.ts';
import { writtenContact } from './writtenContact.ts';

/** The built-in checklists as written, before parsing (defaults not yet applied). */
export const builtInChecklistInputs: readonly ChecklistInput[] = [
  phoneContact,
  writtenContact,
  complaintHandling,
  complianceSpotCheck,
];

/**
 * The guideline checklists Floorwalker ships with, each approved at version 1. They are parsed here,
 * at import, so a malformed built-in throws as soon as anything (a test, the extension, the server)
 * loads this module, never later when someone tries to score with it.
 */
export const builtInChecklists: Checklist[] = builtInChecklistInputs.map((input) => {
  const parsed = Checklist.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`built-in checklist "${input.id}" is invalid: ${issues}`);
  }
  return parsed.data;
});

/** A built-in checklist by id, or undefined. */
export function builtInChecklist(id: string): Checklist | undefined {
  return builtInChecklists.find((c) => c.id === id);
}

export { complaintHandling, complianceSpotCheck, phoneContact, writtenContact };
