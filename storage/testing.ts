import { IDBFactory } from 'fake-indexeddb';
import type { ContactReference } from '../core/contact.ts';
import { uuidv7 } from '../core/ids.ts';
import type { SpotCheck } from '../core/spotCheck.ts';

/** A fresh, isolated IndexedDB for one test. */
export function freshIndexedDB(): void {
  globalThis.indexedDB = new IDBFactory();
}

export const sampleContact = (over: Partial<ContactReference> = {}): ContactReference => ({
  adapterId: 'request-tracker',
  crm: 'Request Tracker',
  url: 'http://rt.example/Ticket/Display.html?id=7',
  ticketId: '7',
  agent: 'alex',
  channel: 'email',
  source: 'adapter',
  capturedAt: '2026-11-01T10:00:00.000Z',
  ...over,
});

/** A stored-shape spot check with a fixed result, for storage tests that do not score. */
export function sampleSpotCheck(over: Partial<SpotCheck> = {}): SpotCheck {
  return {
    id: uuidv7(),
    checklistId: 'phone-contact',
    checklistVersion: 1,
    checklistTitle: 'Phone contact',
    contact: sampleContact(),
    evaluator: 'sam',
    agent: 'alex',
    answers: {},
    result: {
      score: 80,
      rawScore: 80,
      outcome: 'pass',
      autoFail: 'none',
      passMark: 80,
      answeredItems: 1,
      totalItems: 1,
      complete: true,
      sections: [],
      items: [],
    },
    status: 'submitted',
    actionIds: [],
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...over,
  };
}
