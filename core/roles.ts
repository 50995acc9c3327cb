import type { Role } from './account.ts';

/*
 * The role rules the extension needs to offer the right controls, shared with the server's
 * authorisation (server/authz.ts), which adds the organisation check and has the last word.
 */

/** Rule packs, custom site adapters and the adapter kill switch: who runs the organisation's set-up. */
export const configuresExtension = (role: Role | undefined): boolean => role === 'manager' || role === 'admin';

/** Procedure notices change how people work: a manager's to publish. */
export const publishesNotices = (role: Role | undefined): boolean => role === 'manager';
