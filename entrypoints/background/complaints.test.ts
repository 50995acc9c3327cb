import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../core/account.ts';
import { CONTACT } from '../../core/complaintFixtures.ts';
import { type ComplaintView, messageMap } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import { openFloorwalkerDB } from '../../storage/db.ts';
import { freshIndexedDB } from '../../storage/testing.ts';
import { complaintHandlers } from './complaints.ts';

const ME = { id: '0190a1b2-c3d4-7e5f-8a6b-000000000001', name: 'Alex Agent', email: 'alex@example.com', role: 'agent', orgId: '0190a1b2-c3d4-7e5f-8a6b-000000000002', orgName: 'Org', teamIds: [] } as unknown as Me;
const NOW = new Date('2026-03-04T12:00:00Z');

function setup() {
  const db = openFloorwalkerDB();
  const handlers = complaintHandlers({ db: () => db, now: () => NOW, signedIn: async () => ME, changed: () => undefined });
  return async (name: string, body: unknown) => {
    const reply = await dispatch(messageMap, handlers, { name, body }, undefined);
    if (!reply?.ok) throw new Error(reply ? reply.error : `unhandled ${name}`);
    return reply.body as ComplaintView;
  };
}

const log = { category: 'billing', whatHappened: 'Charged twice.', contact: CONTACT };

beforeEach(() => freshIndexedDB());

describe('complaints:log', () => {
  it('starts the clocks now under the default regime when nothing else is said', async () => {
    const view = await setup()('complaints:log', log);
    expect(view.complaint.receivedAt).toBe(NOW.toISOString());
    expect(view.complaint.regime.id).toBe('fca-disp');
  });

  it('starts them when the complaint was received, under the regime chosen', async () => {
    const view = await setup()('complaints:log', { ...log, receivedAt: '2026-03-02T16:30:00.000Z', regimeId: 'ofcom' });
    expect(view.complaint.receivedAt).toBe('2026-03-02T16:30:00.000Z');
    expect(view.complaint.regime.id).toBe('ofcom');
    expect(view.complaint.reference).toMatch(/^C-20260302-/);
  });

  it.each([
    ['a regime the organisation does not have', { regimeId: 'made-up' }, 'There is no complaint regime "made-up" in your organisation\'s settings.'],
    ['a receipt in the future', { receivedAt: '2026-03-05T09:00:00.000Z' }, 'A complaint cannot have been received after the time it is logged.'],
  ])('refuses %s', async (_name, extra, message) => {
    await expect(setup()('complaints:log', { ...log, ...extra })).rejects.toThrow(message);
  });
});
