import { describe, expect, it } from 'vitest';
import { type Handler, authorityFor, DEFAULT_AUTHORITY_POLICY, FCA_DISP } from '../../core/complaint.ts';
import { CONTACT, option } from '../../core/complaintFixtures.ts';
import { replayComplaint } from '../../core/complaintLifecycle.ts';
import { uuidv7 } from '../../core/ids.ts';
import { DEFAULT_ORG_SETTINGS, ORG_SETTINGS_ID, type OrgSettings } from '../../core/orgSettings.ts';
import type { ComplaintRecord, MutationResult, SyncRecord } from '../../core/sync.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { useTestServer } from '../testing/harness.ts';
import type { Unsent } from '../testing/spotChecks.ts';
import { syncClient } from '../testing/syncClient.ts';
import type { Person } from '../testing/world.ts';

const handler = (p: Person): Handler => ({ id: p.id, name: p.name, role: p.role });
const authority = (p: Person, settings: OrgSettings = DEFAULT_ORG_SETTINGS) => authorityFor(settings.authority, p.role);

/** A complaint's events under construction, numbered in order, as a person's browser would make them. */
function complaint(at: () => Date) {
  const id = uuidv7();
  let seq = 0;
  const make = (by: Person, type: string, body: Record<string, unknown>, n = ++seq): Unsent => ({
    name: 'complaint.event',
    recordId: id,
    baseVersion: n - 1,
    args: { id: uuidv7(), complaintId: id, seq: n, at: at().toISOString(), by: handler(by), type, ...body } as never,
  });
  return {
    id,
    make,
    /** Go back to an earlier point, as a browser that has not seen the latest events would. */
    rewind(to: number) {
      seq = to;
    },
    log: (by: Person) =>
      make(by, 'logged', {
        reference: `C-${id.slice(-6)}`,
        receivedAt: at().toISOString(),
        receivedVia: 'email',
        contact: CONTACT,
        category: 'billing',
        nature: { whatHappened: 'Charged twice for one order.' },
        flags: [],
        regime: FCA_DISP,
        ownerAuthority: authority(by),
      }),
  };
}

const ids = (records: SyncRecord[], entity: string) => records.filter((r) => r.entity === entity).map((r) => r.id);
const statusOf = (results: MutationResult[]) => results.map((r) => r.status);

describe.each(DATABASE_KINDS)('complaints through sync on %s', (kind) => {
  const t = useTestServer(kind);
  const now = () => t.clock();

  it('an agent logs, goes beyond their authority, refers; the supervisor agrees, closes and reviews; the history holds every step', async () => {
    const { a1, supA } = t.world.people;
    const agent = syncClient(t, a1);
    const supervisor = syncClient(t, supA);
    const c = complaint(now);
    const big = option('refund', 20_000, 'Refund the charge and add £200 goodwill');
    const results = await agent.push(c.log(a1), c.make(a1, 'optionAdded', { option: big }));
    expect(statusOf(results)).toEqual(['applied', 'applied']);

    // £200 is beyond an agent's £50: the server refuses the agreement, whatever the client thought.
    const [agreed] = await agent.push(c.make(a1, 'optionAgreed', { optionId: 'refund', authority: authority(a1) }));
    expect(agreed).toMatchObject({ status: 'rejected' });
    expect(agreed!.reason).toMatch(/£200\.00.*£50\.00/);
    c.rewind(2);

    const [referred] = await agent.push(
      c.make(a1, 'referred', { to: handler(supA), toAuthority: authority(supA), reason: 'Redress beyond my authority', optionId: 'refund' }),
    );
    expect(referred).toMatchObject({ status: 'applied' });

    const pulled = await supervisor.pullAll();
    expect(ids(pulled.records, 'complaint')).toContain(c.id);
    const steps = await supervisor.push(
      c.make(supA, 'optionAgreed', { optionId: 'refund', authority: authority(supA) }),
      c.make(supA, 'closed', {
        authority: authority(supA),
        closure: { closedOn: '2026-03-02', outcome: 'upheld', redressPence: 20_000, summary: 'Refunded and apologised.', referralRightsGiven: true },
      }),
      c.make(supA, 'reviewed', {
        review: {
          rootCause: { id: 'system-fault', label: 'System fault or outage' },
          learningPoints: ['Duplicate payments are not caught before settlement'],
          preventiveActions: [{ description: 'Add a duplicate-payment check', owner: { name: 'Payments team' }, dueOn: '2026-04-30' }],
        },
      }),
    );
    expect(statusOf(steps)).toEqual(['applied', 'applied', 'applied']);

    const final = (await agent.pullAll()).records.find((r) => r.id === c.id)!;
    const events = (final.data as ComplaintRecord).events;
    expect(events.map((e) => e.type)).toEqual(['logged', 'optionAdded', 'referred', 'optionAgreed', 'closed', 'reviewed']);
    const replayed = replayComplaint(events);
    expect(replayed.ok && replayed.complaint).toMatchObject({ status: 'reviewed', owner: { id: supA.id }, closure: { outcome: 'upheld' } });
    expect(final.version).toBe(6);
    // Every write is in the audit log.
    const audited = await t.database.db.selectFrom('audit_log').select('action').where('record_id', '=', c.id).execute();
    expect(audited.map((a) => a.action)).toEqual(Array(6).fill('complaint.event'));
  });

  it('shows a complaint only to those it concerns: its people, their supervisors and managers', async () => {
    const { a1, a2, b1, supA, supB, manager, admin, otherManager } = t.world.people;
    const c = complaint(now);
    expect(statusOf(await syncClient(t, a1).push(c.log(a1)))).toEqual(['applied']);
    const sees = async (p: Person) => ids((await syncClient(t, p).pullAll()).records, 'complaint').includes(c.id);
    expect({
      a1: await sees(a1),
      a2: await sees(a2),
      b1: await sees(b1),
      supA: await sees(supA),
      supB: await sees(supB),
      manager: await sees(manager),
      admin: await sees(admin),
      otherManager: await sees(otherManager),
    }).toEqual({ a1: true, a2: false, b1: false, supA: true, supB: false, manager: true, admin: false, otherManager: false });

    // Adding to it is refused the same way as reading, without saying whether it exists.
    for (const outsider of [a2, supB, admin, otherManager]) {
      const [r] = await syncClient(t, outsider).push(c.make(outsider, 'noteAdded', { text: 'peeking' }, 2));
      expect(r).toMatchObject({ status: 'rejected', reason: 'there is no complaint with this id that you can see' });
      expect(r!.record).toBeUndefined();
    }
  });

  it('appends a note made on an older copy, but makes a decision made on one a conflict', async () => {
    const { a1, supA } = t.world.people;
    const c = complaint(now);
    await syncClient(t, a1).push(c.log(a1), c.make(a1, 'optionAdded', { option: option('apology', 0) }));
    // The supervisor's browser last saw the complaint with one event.
    const [note] = await syncClient(t, supA).push(c.make(supA, 'noteAdded', { text: 'Customer called again' }, 2));
    expect(note).toMatchObject({ status: 'applied', record: { version: 3 } });
    const [decision] = await syncClient(t, a1).push(c.make(a1, 'flagsSet', { flags: ['vulnerable'] }, 2));
    expect(decision).toMatchObject({ status: 'conflict', record: { version: 3 } });
    expect(decision!.reason).toMatch(/changed since you last saw it/);
  });

  it('a repeated event changes nothing; an event in someone else\'s name is refused', async () => {
    const { a1, a2 } = t.world.people;
    const c = complaint(now);
    const logged = c.log(a1);
    const client = syncClient(t, a1);
    await client.push(logged);
    const before = await t.database.db.selectFrom('records').select(['version', 'seq']).where('id', '=', c.id).executeTakeFirstOrThrow();
    // A second browser of the same person sends the same event again.
    const [again] = await syncClient(t, a1).push(logged);
    expect(again).toMatchObject({ status: 'applied', record: { version: 1 } });
    const after = await t.database.db.selectFrom('records').select(['version', 'seq']).where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(after).toEqual(before);

    const forged = c.make(a2, 'noteAdded', { text: 'in a2 name' });
    const [r] = await client.push(forged);
    expect(r).toMatchObject({ status: 'rejected' });
    expect(r!.reason).toMatch(/another person/);
  });

  it('an event dated ahead of the server is refused; a log made on out-of-date settings takes the current ones', async () => {
    const { a1 } = t.world.people;
    const ahead = complaint(() => new Date(t.clock().getTime() + 60 * 60_000));
    const [future] = await syncClient(t, a1).push(ahead.log(a1));
    expect(future).toMatchObject({ status: 'rejected' });
    expect(future!.reason).toMatch(/check the computer's clock/);

    const c = complaint(now);
    const stale = c.log(a1);
    (stale.args as { ownerAuthority: unknown }).ownerAuthority = { maxRedressPence: 999_999, categories: 'all', flags: ['highRisk'] };
    const [logged] = await syncClient(t, a1).push(stale);
    expect(logged).toMatchObject({ status: 'applied' });
    const events = (logged!.record!.data as ComplaintRecord).events;
    expect(events[0]).toMatchObject({ ownerAuthority: authority(a1) });
  });

  it('organisation settings: managers set them, everyone in the organisation pulls them, nobody else writes them', async () => {
    const { a1, supA, admin, manager, otherAgent } = t.world.people;
    const settings: OrgSettings = {
      ...DEFAULT_ORG_SETTINGS,
      nation: 'scotland',
      authority: {
        ...DEFAULT_AUTHORITY_POLICY,
        boundaries: { ...DEFAULT_AUTHORITY_POLICY.boundaries, agent: { maxRedressPence: 1_000, categories: 'all', flags: [] } },
      },
    };
    const put = (baseVersion: number, args: OrgSettings = settings): Unsent => ({ name: 'orgSettings.put', recordId: ORG_SETTINGS_ID, baseVersion, args });
    for (const p of [a1, supA, admin]) {
      const [r] = await syncClient(t, p).push(put(0));
      expect(r).toMatchObject({ status: 'rejected', reason: 'only managers can change the organisation settings' });
    }
    const [bad] = await syncClient(t, manager).push(put(0, { ...settings, defaultRegimeId: 'no-such-regime' }));
    expect(bad).toMatchObject({ status: 'rejected' });
    expect(bad!.reason).toMatch(/no regime "no-such-regime"/);
    const [ok] = await syncClient(t, manager).push(put(0));
    expect(ok).toMatchObject({ status: 'applied', record: { version: 1 } });
    const stored = ok!.record!.data as OrgSettings;
    expect(stored.authority).toMatchObject({ version: 2, setBy: { id: manager.id } });

    const agentsCopy = (await syncClient(t, a1).pullAll()).records.find((r) => r.entity === 'orgSettings');
    expect(agentsCopy?.data).toMatchObject({ nation: 'scotland' });
    expect((await syncClient(t, otherAgent).pullAll()).records.some((r) => r.entity === 'orgSettings')).toBe(false);

    // Categories are retired, never removed: old complaints name them.
    const [removal] = await syncClient(t, manager).push(put(1, { ...stored, categories: stored.categories.slice(1) }));
    expect(removal).toMatchObject({ status: 'rejected' });
    expect(removal!.reason).toMatch(/categories "service" were removed: retire them instead/);

    // The lowered agent limit applies at once: £20 is now beyond an agent.
    const c = complaint(now);
    const logged = c.log(a1);
    (logged.args as { ownerAuthority: unknown }).ownerAuthority = authority(a1, stored);
    const results = await syncClient(t, a1).push(
      logged,
      c.make(a1, 'optionAdded', { option: option('small', 2_000) }),
      c.make(a1, 'optionAgreed', { optionId: 'small', authority: authority(a1, stored) }),
    );
    expect(statusOf(results)).toEqual(['applied', 'applied', 'rejected']);
  });
});
