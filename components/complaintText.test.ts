import { describe, expect, it } from 'vitest';
import { holidayCalendar } from '../core/bankHolidays.ts';
import { FCA_DISP, FCA_PAYMENT_SERVICES } from '../core/complaint.ts';
import { type ClockOptions, clockStatus, regimeDeadlines } from '../core/complaintClocks.ts';
import { clockCountdown, formatDay, formatWhen, parsePounds, penceToField } from './complaintText.ts';

describe('parsePounds', () => {
  it.each([
    ['12.50', 1250],
    ['12.5', 1250],
    ['12', 1200],
    ['£12.05', 1205],
    ['£ 0.99', 99],
    ['.5', 50],
    ['12.', 1200],
    ['1,234.56', 123456],
    ['1,000,000', 100_000_000],
    ['0.10', 10],
    ['  7  ', 700],
    ['', 0],
    ['10000000.00', 1_000_000_000],
    // Floating point would make 0.29 * 100 = 28.999999999999996 and 1.005 is refused, not rounded.
    ['0.29', 29],
    ['4.35', 435],
  ])('"%s" is %i pence', (text, pence) => {
    expect(parsePounds(text)).toEqual({ ok: true, pence });
  });

  it.each([
    ['-5', /negative/],
    ['12.505', /two figures/],
    ['1.005', /two figures/],
    ['12,34', /not an amount/],
    ['abc', /not an amount/],
    ['12.50p', /not an amount/],
    ['.', /not an amount/],
    ['1e3', /not an amount/],
    ['10000000.01', /£10,000,000/],
    ['123456789', /£10,000,000/],
  ])('refuses "%s"', (text, why) => {
    const result = parsePounds(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(why);
  });

  it('gives pence back as a field value', () => {
    expect(penceToField(1250)).toBe('12.50');
    expect(penceToField(0)).toBe('');
  });
});

describe('clockCountdown', () => {
  const options: ClockOptions = { calendar: holidayCalendar('englandAndWales') };
  // Received Monday 2 March 2026.
  const [window, finalResponse] = regimeDeadlines(FCA_DISP, '2026-03-02T09:00:00Z', options);
  const [, fifteen] = regimeDeadlines(FCA_PAYMENT_SERVICES, '2026-03-02T09:00:00Z', options);
  const at = (iso: string) => new Date(iso);

  it('counts business-day periods in business days', () => {
    // 15 business days after Mon 2 March: Mon 23 March. On Wed 4 March, 13 business days are left.
    expect(clockCountdown(clockStatus(fifteen!, at('2026-03-04T12:00:00Z'), options))).toBe('due in 13 business days');
    expect(clockCountdown(clockStatus(fifteen!, at('2026-03-20T12:00:00Z'), options))).toBe('due in 1 business day');
    expect(clockCountdown(clockStatus(fifteen!, at('2026-03-23T12:00:00Z'), options))).toBe('due today');
  });

  it('counts week periods in days, and says how late an overdue one is', () => {
    // 8 weeks after Mon 2 March: Mon 27 April.
    expect(clockCountdown(clockStatus(finalResponse!, at('2026-04-25T12:00:00Z'), options))).toBe('due in 2 days');
    expect(clockCountdown(clockStatus(finalResponse!, at('2026-04-30T12:00:00Z'), options))).toBe('overdue by 3 days');
    expect(clockCountdown(clockStatus(finalResponse!, at('2026-04-28T12:00:00Z'), options))).toBe('overdue by 1 day');
  });

  it('met, met late and a window that passed', () => {
    expect(clockCountdown(clockStatus(finalResponse!, at('2026-05-10T12:00:00Z'), options, '2026-03-10'))).toBe('met on Tue 10 Mar 2026');
    expect(clockCountdown(clockStatus(finalResponse!, at('2026-05-10T12:00:00Z'), options, '2026-05-01'))).toBe('met late, on Fri 1 May 2026');
    expect(clockCountdown(clockStatus(window!, at('2026-03-03T12:00:00Z'), options))).toBe('closes in 2 business days');
    expect(clockCountdown(clockStatus(window!, at('2026-03-10T12:00:00Z'), options))).toBe(`passed on ${formatDay('2026-03-05')}`);
  });
});

describe('dates', () => {
  it('a day with its weekday, and an instant in UK time (summer time too)', () => {
    expect(formatDay('2026-03-02')).toBe('Mon 2 Mar 2026');
    expect(formatDay('not a day')).toBe('not a day');
    expect(formatWhen('2026-01-15T09:05:00Z')).toBe('15 Jan 2026, 09:05');
    expect(formatWhen('2026-06-30T23:30:00Z')).toBe('1 Jul 2026, 00:30');
  });
});
