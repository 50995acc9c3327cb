import type { Checklist } from '../../core/checklist.ts';
import { checklistItems } from '../../core/checklist.ts';
import { builtInChecklist } from '../../core/checklists/index.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Answers } from '../../core/spotCheck.ts';
import type { Mutation, SpotCheckPut } from '../../core/sync.ts';
import { scaleBounds } from '../../core/checklist.ts';

export const PHONE = builtInChecklist('phone-contact-quality')!;
const AT = '2026-03-02T08:30:00.000Z';

/** Every item answered at the top (or bottom) of its scale. */
export function answerAll(checklist: Checklist, at: 'top' | 'bottom'): Answers {
  return Object.fromEntries(
    checklistItems(checklist).map((item) => {
      const { min, max } = scaleBounds(item.scale);
      return [item.id, { value: at === 'top' ? max : min }];
    }),
  );
}

/** A draft spot check on the phone checklist with nothing answered, as the panel would put it. */
export function spotCheckPut(overrides: Partial<SpotCheckPut> = {}): SpotCheckPut {
  return {
    id: uuidv7(),
    checklistId: PHONE.id,
    checklistVersion: PHONE.version,
    checklistTitle: 'title the client typed',
    contact: {
      adapterId: 'request-tracker',
      crm: 'Request Tracker',
      url: 'https://rt.example.com/Ticket/Display.html?id=1042',
      ticketId: '1042',
      source: 'adapter',
      capturedAt: AT,
    },
    evaluator: 'name the client typed',
    agent: 'Agent',
    answers: {},
    actionIds: [],
    createdAt: AT,
    updatedAt: AT,
    status: 'draft',
    ...overrides,
  };
}

/** A submitted check, everything answered at the top of the scale, about the agent. */
export function submittedPut(agentId: string, overrides: Partial<SpotCheckPut> = {}): SpotCheckPut {
  return spotCheckPut({ agentId, answers: answerAll(PHONE, 'top'), status: 'submitted', ...overrides });
}

/** A mutation before the client numbers it. */
export type Unsent = Mutation extends infer M ? (M extends Mutation ? Omit<M, 'id'> : never) : never;

export const put = (args: SpotCheckPut, baseVersion = 0): Unsent => ({ name: 'spotCheck.put', recordId: args.id, baseVersion, args });
export const discard = (recordId: string, baseVersion: number): Unsent => ({ name: 'spotCheck.discard', recordId, baseVersion, args: {} });
export const respond = (recordId: string, baseVersion: number, response: 'acknowledge' | 'dispute', comment = ''): Unsent => ({
  name: 'spotCheck.respond',
  recordId,
  baseVersion,
  args: { response, comment },
});
export const resolve = (recordId: string, baseVersion: number, comment = 'talked it through'): Unsent => ({
  name: 'spotCheck.resolve',
  recordId,
  baseVersion,
  args: { comment },
});
export const putChecklist = (args: Checklist, baseVersion = 0): Unsent => ({
  name: 'checklist.put',
  recordId: `${args.id}@${args.version}`,
  baseVersion,
  args,
});

/** Mutations numbered from `first`, as a client's outbox would send them. */
export const numbered = (first: number, mutations: readonly Unsent[]): Mutation[] =>
  mutations.map((m, i) => ({ ...m, id: first + i }) as Mutation);

/** An organisation's own checklist: the phone checklist under a new id. */
export function customChecklist(id: string, version: number, status: Checklist['status']): Checklist {
  const { builtIn: _, approvedAt: _at, approvedBy: _by, ...rest } = PHONE;
  return { ...rest, id, version, title: `Checklist ${id}`, status, ...(status === 'draft' ? {} : { approvedAt: AT }) };
}

/** A new client id (one per browser profile and person). */
export const newClientId = () => uuidv7();
