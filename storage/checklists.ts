import { type Checklist, checklistKey } from '../core/checklist.ts';
import { builtInChecklists } from '../core/checklists/index.ts';
import { parseChecklistFile } from '../core/export.ts';
import type { FloorwalkerDB } from './db.ts';

/** Built-in checklists plus every imported or synced version, each (id, version) once. */
export async function allChecklists(db: FloorwalkerDB): Promise<Checklist[]> {
  const byKey = new Map(builtInChecklists.map((c) => [checklistKey(c), c]));
  for (const c of await db.getAll('checklists')) if (!byKey.has(checklistKey(c))) byKey.set(checklistKey(c), c);
  return [...byKey.values()];
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
  // Only Floorwalker's own checklists are built in, whatever a file claims.
  for (const { builtIn: _claimed, ...c } of parsed.checklists) {
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
