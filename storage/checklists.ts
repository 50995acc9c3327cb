import { type Checklist, checklistKey } from '../core/checklist.ts';
import { builtInChecklists } from '../core/checklists/index.ts';
import { parseChecklistFile } from '../core/export.ts';
import type { FloorwalkerDB } from './db.ts';

/** Built-in checklists plus every imported version. */
export async function allChecklists(db: FloorwalkerDB): Promise<Checklist[]> {
  return [...builtInChecklists, ...(await db.getAll('checklists'))];
}

/** The exact version a spot check was (or is being) scored with. */
export async function findChecklist(db: FloorwalkerDB, id: string, version: number): Promise<Checklist | undefined> {
  return (
    builtInChecklists.find((c) => c.id === id && c.version === version) ?? (await db.get('checklists', [id, version]))
  );
}

export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problems: string[]) {
    super(`The checklist file was not imported:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

/**
 * Import a checklist file all or nothing. A version, once stored, never changes (spot checks keep
 * the version they were scored with), so a file that redefines one is refused; an identical copy
 * is accepted and changes nothing.
 */
export async function importChecklists(db: FloorwalkerDB, file: unknown): Promise<Checklist[]> {
  const parsed = parseChecklistFile(file);
  if (!parsed.ok) throw new ImportError(parsed.errors);
  const tx = db.transaction('checklists', 'readwrite');
  const problems: string[] = [];
  const fresh: Checklist[] = [];
  for (const c of parsed.checklists) {
    const existing =
      builtInChecklists.find((b) => b.id === c.id && b.version === c.version) ?? (await tx.store.get([c.id, c.version]));
    if (!existing) fresh.push(c);
    else if (JSON.stringify(existing) !== JSON.stringify(c)) {
      problems.push(`${checklistKey(c)} already exists with different content; give the changed checklist a new version`);
    }
  }
  if (problems.length) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new ImportError(problems);
  }
  await Promise.all([...fresh.map((c) => tx.store.put(c)), tx.done]);
  return parsed.checklists;
}
