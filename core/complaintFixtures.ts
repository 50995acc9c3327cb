import type { ContactReference } from './contact.ts';
import {
  type AuthorityPolicy,
  type Complaint,
  type ComplaintEvent,
  type ComplaintEventInput,
  type ComplaintEventType,
  type Handler,
  type Regime,
  authorityFor,
  DEFAULT_AUTHORITY_POLICY,
  FCA_DISP,
} from './complaint.ts';
import { type ComplaintResult, type ComplaintSettings, applyComplaintEvent } from './complaintLifecycle.ts';
import { uuidv7 } from './ids.ts';
import { localDateOf } from './isoDate.ts';

/*
 * Builders for complaint histories, for tests here and in the panel and server: people in each role,
 * a contact, and a History that numbers, times and applies events.
 */

const person = (n: number, name: string, role: Handler['role']): Handler => ({
  id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  name,
  role,
});

export const PEOPLE = {
  agent: person(1, 'Ash Agent', 'agent'),
  agent2: person(2, 'Bo Agent', 'agent'),
  supervisor: person(3, 'Cy Supervisor', 'supervisor'),
  supervisor2: person(4, 'Di Supervisor', 'supervisor'),
  manager: person(5, 'Eli Manager', 'manager'),
  admin: person(6, 'Fay Admin', 'admin'),
} as const;

export const CONTACT: ContactReference = {
  adapterId: 'rt',
  crm: 'Request Tracker',
  url: 'https://rt.example.test/Ticket/Display.html?id=42',
  ticketId: '42',
  channel: 'email',
  customerRef: 'cust-1001',
  subject: 'Refund not received',
  source: 'adapter',
  capturedAt: '2026-03-02T09:00:00Z',
};

/** The body of an event of a type: everything but the fields History fills in. */
export type EventBody<T extends ComplaintEventType> = Omit<Extract<ComplaintEventInput, { type: T }>, 'id' | 'complaintId' | 'seq' | 'at' | 'by' | 'type'>;

/**
 * A complaint's history under construction. `make` numbers and times an event (one minute after the
 * previous one unless `at` is given); `apply` records it or throws; `try` reports without throwing.
 */
export class History {
  readonly complaintId: string;
  readonly events: ComplaintEvent[] = [];
  state: Complaint | null = null;
  private clock: number;

  constructor(
    readonly policy: AuthorityPolicy = DEFAULT_AUTHORITY_POLICY,
    start = '2026-03-02T09:00:00Z',
  ) {
    this.clock = Date.parse(start);
    this.complaintId = uuidv7(this.clock);
  }

  get settings(): ComplaintSettings {
    return { authority: this.policy };
  }

  /** Today in the UK, by the history's clock. */
  get today(): string {
    return localDateOf(this.clock);
  }

  make<T extends ComplaintEventType>(type: T, by: Handler, body: EventBody<T>, at?: string): ComplaintEvent {
    if (at) this.clock = Date.parse(at);
    else if (this.events.length > 0) this.clock += 60_000;
    return {
      id: uuidv7(this.clock),
      complaintId: this.complaintId,
      seq: this.events.length + 1,
      at: new Date(this.clock).toISOString(),
      by,
      type,
      ...body,
    } as unknown as ComplaintEvent;
  }

  /** Apply without throwing; records the event when it is accepted. */
  try<T extends ComplaintEventType>(type: T, by: Handler, body: EventBody<T>, at?: string): ComplaintResult {
    const event = this.make(type, by, body, at);
    const result = applyComplaintEvent(this.state, event, by, this.settings);
    if (result.ok) {
      this.events.push(event);
      this.state = result.complaint;
    } else if (!at && this.events.length > 0) this.clock -= 60_000;
    return result;
  }

  apply<T extends ComplaintEventType>(type: T, by: Handler, body: EventBody<T>, at?: string): Complaint {
    const result = this.try(type, by, body, at);
    if (!result.ok) throw new Error(`${type} by ${by.name} was refused: ${result.error}`);
    return result.complaint;
  }

  /** The authority of a person under this history's policy. */
  authority(h: Handler) {
    return authorityFor(this.policy, h.role);
  }

  /** Log a complaint as `by`, received at the history's clock unless said otherwise. */
  log(by: Handler = PEOPLE.agent, overrides: Partial<EventBody<'logged'>> = {}, regime: Regime = FCA_DISP): Complaint {
    const at = new Date(this.clock).toISOString();
    return this.apply('logged', by, {
      reference: 'C-TEST-1',
      receivedAt: at,
      receivedVia: 'email',
      contact: CONTACT,
      category: 'billing',
      nature: { whatHappened: 'Charged twice for one order.' },
      flags: [],
      regime,
      ownerAuthority: this.authority(by),
      ...overrides,
    });
  }
}

export const option = (id: string, redressPence: number, summary = `Option ${id}`) => ({
  id,
  summary,
  customerAdvantages: 'Money back quickly',
  customerDisadvantages: '',
  organisationAdvantages: 'Keeps the customer',
  organisationDisadvantages: 'Costs money',
  redressPence,
  costPence: redressPence + 1_500,
});

export const closure = (closedOn: string, outcome: 'upheld' | 'partlyUpheld' | 'notUpheld' | 'withdrawn' = 'upheld', redressPence = 0) => ({
  closedOn,
  outcome,
  redressPence,
  summary: 'Refunded the duplicate charge and apologised.',
  referralRightsGiven: true,
});
