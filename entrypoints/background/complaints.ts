import type { Me } from '../../core/account.ts';
import { type Handler, authorityFor, findRegime, quickLogEvent } from '../../core/complaint.ts';
import { complaintRegisterCsv } from '../../core/complaintAnalysis.ts';
import { stampComplaintEvent } from '../../core/complaintDrafts.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { ComplaintView, Handlers } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import { clockOptions, complaintSettings, defaultRegime, rootCausesOf } from '../../core/orgSettings.ts';
import { ComplaintRefused, allComplaints, getComplaint, recordComplaintEvent } from '../../storage/complaints.ts';
import type { ComplaintEntry, FloorwalkerDB } from '../../storage/db.ts';
import { orgSettings, roster } from '../../storage/sync.ts';

export interface ComplaintServiceDeps {
  db(): Promise<FloorwalkerDB>;
  now(): Date;
  signedIn(): Promise<Me | null>;
  /** Something changed locally that the server should hear about. */
  changed(): void;
}

/**
 * The background worker's answers about complaints. A complaint is a regulated record with named
 * handlers, so it needs a signed-in person; who, when and under which authority each event is
 * recorded is filled in here, and the complaint state machine decides whether it may be.
 */
export function complaintHandlers({ db, now, signedIn, changed }: ComplaintServiceDeps): Handlers<unknown> {
  async function person(): Promise<{ me: Me; by: Handler }> {
    const me = await signedIn();
    if (!me) throw new MessageError('Sign in (under Account) to log and handle complaints: each step is recorded in your name.');
    return { me, by: { id: me.id, name: me.name, role: me.role } };
  }

  async function view(d: FloorwalkerDB, entry: ComplaintEntry): Promise<ComplaintView> {
    const pending = await d.countFromIndex('outbox', 'by-record', ['complaint', entry.id]);
    return { complaint: entry.complaint, events: entry.events, synced: pending === 0 && entry.version > 0 };
  }

  async function record(event: unknown, d: FloorwalkerDB, me: Me): Promise<ComplaintView> {
    const settings = await orgSettings(d);
    try {
      const entry = await recordComplaintEvent(d, event, { id: me.id, role: me.role, name: me.name }, complaintSettings(settings));
      changed();
      return view(d, entry);
    } catch (error) {
      if (error instanceof ComplaintRefused) throw new MessageError(error.message);
      throw error;
    }
  }

  return {
    'complaints:context': async () => {
      const d = await db();
      return { settings: await orgSettings(d), me: await signedIn() };
    },
    'complaints:log': async (input) => {
      const { me, by } = await person();
      const d = await db();
      const settings = await orgSettings(d);
      const at = now().toISOString();
      const regime = input.regimeId === undefined ? defaultRegime(settings) : findRegime(input.regimeId, settings.customRegimes);
      if (!regime) throw new MessageError(`There is no complaint regime "${input.regimeId}" in your organisation's settings.`);
      const event = quickLogEvent(input, {
        eventId: uuidv7(),
        complaintId: uuidv7(),
        at,
        by,
        authority: authorityFor(settings.authority, me.role),
        regime,
        ...(input.receivedAt && { receivedAt: input.receivedAt }),
      });
      return record(event, d, me);
    },
    'complaints:record': async ({ complaintId, draft }) => {
      const { me, by } = await person();
      const d = await db();
      const existing = await getComplaint(d, complaintId);
      if (!existing) throw new MessageError('This complaint is not in this browser; sync and try again.');
      const people = (await roster(d)).roster;
      const event = stampComplaintEvent(draft, {
        state: existing.complaint,
        eventId: uuidv7(),
        at: now().toISOString(),
        by,
        settings: await orgSettings(d),
        roleOf: (id) => people.find((p) => p.id === id)?.role,
      });
      return record(event, d, me);
    },
    'complaints:get': async ({ id }) => {
      const d = await db();
      const entry = await getComplaint(d, id);
      return entry ? view(d, entry) : null;
    },
    'complaints:list': async () => {
      const d = await db();
      return Promise.all((await allComplaints(d)).map((e) => view(d, e)));
    },
    'complaints:register': async () => {
      const d = await db();
      const settings = await orgSettings(d);
      const csv = complaintRegisterCsv(
        (await allComplaints(d)).map((e) => e.complaint),
        // The narrative columns may hold customers' personal data: the register leaves them out.
        { ...clockOptions(settings), now: now(), categories: settings.categories, rootCauses: rootCausesOf(settings), narrative: false },
      );
      return { csv };
    },
  };
}
