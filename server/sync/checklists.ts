import { type Checklist, checklistKey } from '../../core/checklist.ts';
import { builtInChecklist } from '../../core/checklists/index.ts';
import type { Mutation } from '../../core/sync.ts';
import { canWriteChecklist } from '../authz.ts';
import { type Outcome, applied, rejected, versionConflict } from './outcome.ts';
import type { PushContext } from './pushContext.ts';

/** The parts of a checklist that scoring depends on: fixed once a version is approved. */
function content(c: Checklist): string {
  const { status: _s, approvedBy: _by, approvedAt: _at, builtIn: _b, ...rest } = c;
  return JSON.stringify(rest);
}

/**
 * Publish a checklist version (record id "<id>@<version>"). A draft may change freely; an approved
 * version is what spot checks were scored with, so afterwards only its status may move between
 * approved and retired. Approval (who, when) is recorded by the server.
 */
export async function putChecklist(ctx: PushContext, m: Extract<Mutation, { name: 'checklist.put' }>): Promise<Outcome> {
  const input = m.args;
  const { actor } = ctx;
  const key = checklistKey(input);
  if (m.recordId !== key) return rejected(`a checklist's record id is "<id>@<version>": expected "${key}"`);
  if (builtInChecklist(input.id)) return rejected(`"${input.id}" is a built-in checklist: copy it under a new id to change it`);
  if (!canWriteChecklist(actor, { orgId: actor.orgId })) return rejected('only managers and admins can publish checklists');

  const stored = await ctx.read('checklist', key);
  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  const previous = stored?.data as Checklist | undefined;
  if (!previous && input.status === 'retired') return rejected('a new checklist version starts as a draft or approved');
  if (previous && previous.status !== 'draft' && (input.status === 'draft' || content(previous) !== content(input))) {
    return rejected(
      `version ${input.version} of "${input.id}" is ${previous.status}: only its status can change (approved or retired); publish a new version to change it`,
      stored,
    );
  }

  const { approvedBy: _by, approvedAt: _at, builtIn: _b, ...rest } = input;
  const approval =
    input.status === 'draft'
      ? {}
      : previous && previous.status !== 'draft'
        ? { approvedBy: previous.approvedBy, approvedAt: previous.approvedAt }
        : { approvedBy: actor.name, approvedAt: ctx.now.toISOString() };
  const checklist: Checklist = { ...rest, ...approval };
  return applied(
    await ctx.write(m, stored, {
      entity: 'checklist',
      id: key,
      deleted: false,
      data: checklist,
      agentId: null,
      evaluatorId: null,
      status: checklist.status,
    }),
  );
}
