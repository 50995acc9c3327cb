import { z } from './z.ts';
import { Uuid } from './spotCheck.ts';

/** What each role may do is decided on the server (server/authz); these are the names. */
export const Role = z.enum(['agent', 'supervisor', 'manager', 'admin']);
export type Role = z.infer<typeof Role>;

export const Email = z.string().check(z.trim(), z.toLowerCase(), z.email('enter an email address'), z.maxLength(254));
/** Long enough to resist guessing; the server hashes it with scrypt and never stores or logs it. */
export const Password = z.string().check(
  z.minLength(10, 'a password needs at least 10 characters'),
  z.maxLength(200),
);

export const LoginRequest = z.strictObject({ email: Email, password: z.string().check(z.minLength(1), z.maxLength(200)) });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** The signed-in user as the server describes them. */
export const Me = z.strictObject({
  id: Uuid,
  orgId: Uuid,
  orgName: z.string(),
  name: z.string(),
  email: z.string(),
  role: Role,
  teamIds: z.array(Uuid),
});
export type Me = z.infer<typeof Me>;

export const LoginResponse = z.strictObject({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: Me,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/**
 * A colleague as everyone in the organisation sees them: enough to pick the agent a spot check is
 * about. `crmNames` are the names the person goes by in the CRMs (an RT user name, a Zendesk
 * display name) so the panel can match the agent it reads off the page.
 */
export const RosterEntry = z.strictObject({
  id: Uuid,
  name: z.string(),
  role: Role,
  teamIds: z.array(Uuid),
  crmNames: z.array(z.string()),
});
export type RosterEntry = z.infer<typeof RosterEntry>;

export const Team = z.strictObject({ id: Uuid, name: z.string() });
export type Team = z.infer<typeof Team>;

/** The roster member a CRM agent name refers to, matched case-insensitively on name or CRM names. */
export function matchRoster(roster: readonly RosterEntry[], crmAgent: string | undefined): RosterEntry | undefined {
  const wanted = crmAgent?.trim().toLowerCase();
  if (!wanted) return undefined;
  return roster.find((r) => r.name.toLowerCase() === wanted || r.crmNames.some((n) => n.toLowerCase() === wanted));
}
