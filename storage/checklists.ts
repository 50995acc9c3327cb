import { type Checklist, checklistKey } from '../core/checklist.ts';
import { builtInChecklists } from '../core/checklists/index.ts';
import { parseChecklistFile } from '../core/export.ts';
import { atomically, type FloorwalkerDB } from './db.ts';

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
  return atomically(tx, async () => {
    const problems: string[] = [];
    const fresh: Checklist[] = [];
    for (const c of parsed.checklists.map(withoutBuiltInClaim)) {
      const existing =
        builtInChecklists.find((b) => b.id === c.id && b.version === c.version) ?? (await tx.store.get([c.id, c.version]));
      if (!existing) fresh.push(c);
      else if (JSON.stringify(withoutBuiltInClaim(existing)) !== JSON.stringify(c)) {
        problems.push(`${checklistKey(c)} already exists with different content; give the changed checklist a new version`);
      }
    }
    if (problems.length) throw new ImportError(problems);
    await Promise.all(fresh.map((c) => tx.store.put(c)));
    return parsed.checklists;
  });
}

/** Only Floorwalker's own checklists are built in, whatever a file claims. */
function withoutBuiltInClaim({ builtIn: _claimed, ...c }: Checklist): Checklist {
  return c;
}
