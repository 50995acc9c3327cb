import { describe, expect, it } from 'vitest';
import { CARD_MASK } from '../core/guards.ts';
import { pickContact } from './pick.ts';

const candidate = (extra: Record<string, unknown>) => ({
  adapterId: 'custom-casework',
  crm: 'Casework',
  url: 'https://crm.example.com/cases/4111111111111111',
  ticketId: '4111111111111111',
  source: 'adapter',
  capturedAt: '2026-03-02T09:00:00.000Z',
  ...extra,
});

describe('pickContact', () => {
  it('masks card data in the words read off the page, never in the ids that identify the contact', () => {
    const picked = pickContact([
      candidate({ subject: 'Card 4111 1111 1111 1111 exp 12/27 cvv 123', customerRef: '5500-0000-0000-0004', agent: 'Sam', queue: 'Payments' }),
    ]);
    expect(picked).toMatchObject({
      ticketId: '4111111111111111',
      url: 'https://crm.example.com/cases/4111111111111111',
      customerRef: CARD_MASK,
      agent: 'Sam',
      queue: 'Payments',
    });
    expect(picked!.subject).toContain(CARD_MASK);
    expect(picked!.subject).not.toMatch(/4111|cvv 123/);
  });

  it('skips a candidate that does not fit and takes the next', () => {
    expect(pickContact([{ adapterId: 'broken' }, candidate({ subject: 'Refund' })])?.subject).toBe('Refund');
    expect(pickContact('nonsense')).toBeNull();
  });
});
