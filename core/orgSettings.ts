import { UkNation, holidayCalendar } from './bankHolidays.ts';
import type { ClockOptions } from './complaintClocks.ts';
import {
  AuthorityPolicy,
  ComplaintCategories,
  DEFAULT_AUTHORITY_POLICY,
  DEFAULT_COMPLAINT_CATEGORIES,
  DEFAULT_ROOT_CAUSES,
  FCA_DISP,
  Regime,
  RootCauseExtension,
  type RootCauseTaxonomy,
  Slug,
  extendRootCauses,
  findRegime,
} from './complaint.ts';
import type { ComplaintSettings } from './complaintLifecycle.ts';
import { z } from './z.ts';

/**
 * The organisation's complaint settings, written by managers and distributed to every extension by
 * pull (one sync record, id "complaints"). Everything has a default, so a new organisation works
 * before anyone has set anything.
 */
export const OrgSettings = z.strictObject({
  /** Whose bank holidays count as non-business days. */
  nation: UkNation,
  /** The organisation's close of business, "HH:MM" UK time, for periods that end then. */
  closeOfBusiness: z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, for example 17:00')),
  /** The regime a new complaint gets unless its handler chooses another. */
  defaultRegimeId: Slug,
  /** The organisation's own regimes, beside the built-in ones. */
  customRegimes: z.array(Regime).check(z.maxLength(50)),
  categories: ComplaintCategories,
  rootCauses: RootCauseExtension,
  authority: AuthorityPolicy,
  /** Days before a deadline its owner is reminded. */
  remindDaysBefore: z.int().check(z.gte(0), z.lte(30)),
  /** Complaints from the same customer (or in the same category) within this many days count as repeats. */
  repeatWindowDays: z.int().check(z.gte(1), z.lte(366)),
});
export type OrgSettings = z.infer<typeof OrgSettings>;

export const ORG_SETTINGS_ID = 'complaints';

export const DEFAULT_ORG_SETTINGS: OrgSettings = {
  nation: 'englandAndWales',
  closeOfBusiness: '17:00',
  defaultRegimeId: FCA_DISP.id,
  customRegimes: [],
  categories: [...DEFAULT_COMPLAINT_CATEGORIES],
  rootCauses: { added: [], retired: [] },
  authority: DEFAULT_AUTHORITY_POLICY,
  remindDaysBefore: 2,
  repeatWindowDays: 90,
};

/** Problems that the schema alone cannot see: a default regime that does not exist, clashing root causes. */
export function orgSettingsProblems(settings: OrgSettings): string[] {
  const problems: string[] = [];
  if (!findRegime(settings.defaultRegimeId, settings.customRegimes)) {
    problems.push(`defaultRegimeId: there is no regime "${settings.defaultRegimeId}"`);
  }
  const clash = settings.customRegimes.find((r) => r.builtIn || findRegime(r.id) !== undefined);
  if (clash) problems.push(`customRegimes: "${clash.id}" is a built-in regime's id, or claims to be built in`);
  const roots = extendRootCauses(DEFAULT_ROOT_CAUSES, settings.rootCauses);
  if (!roots.ok) problems.push(`rootCauses: ${roots.error}`);
  return problems;
}

export function rootCausesOf(settings: OrgSettings): RootCauseTaxonomy {
  const roots = extendRootCauses(DEFAULT_ROOT_CAUSES, settings.rootCauses);
  return roots.ok ? roots.taxonomy : DEFAULT_ROOT_CAUSES;
}

export function defaultRegime(settings: OrgSettings): Regime {
  return findRegime(settings.defaultRegimeId, settings.customRegimes) ?? FCA_DISP;
}

/** What the complaint state machine checks new events against. */
export function complaintSettings(settings: OrgSettings): ComplaintSettings {
  return {
    authority: settings.authority,
    categories: settings.categories,
    rootCauses: rootCausesOf(settings),
    regimes: settings.customRegimes,
  };
}

/** How the organisation's clocks count: its nation's bank holidays and its close of business. */
export function clockOptions(settings: OrgSettings): ClockOptions {
  return { calendar: holidayCalendar(settings.nation), closeOfBusiness: settings.closeOfBusiness };
}
