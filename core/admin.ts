import { Email, Password, Role } from './account.ts';
import { Uuid } from './spotCheck.ts';
import { z } from './z.ts';

/*
 * The admin API's bodies (server/routes/admin.ts): people and teams of the admin's own organisation.
 * Only the admin role may call it.
 */

const Name = z.string().check(z.trim(), z.minLength(1, 'a name is required'), z.maxLength(200));
const CrmNames = z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))).check(z.maxLength(20));

/** A user as the admin sees them (the roster entry plus email and state). */
export const AdminUser = z.strictObject({
  id: Uuid,
  email: z.string(),
  name: z.string(),
  role: Role,
  teamIds: z.array(Uuid),
  crmNames: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type AdminUser = z.infer<typeof AdminUser>;

export const UserList = z.strictObject({ users: z.array(AdminUser) });
export type UserList = z.infer<typeof UserList>;

export const CreateUserRequest = z.strictObject({
  email: Email,
  name: Name,
  role: Role,
  password: Password,
  teamIds: z._default(z.array(Uuid).check(z.maxLength(50)), []),
  crmNames: z._default(CrmNames, []),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreateTeamRequest = z.strictObject({ name: Name });
export type CreateTeamRequest = z.infer<typeof CreateTeamRequest>;

export const AddTeamMemberRequest = z.strictObject({ userId: Uuid });
export type AddTeamMemberRequest = z.infer<typeof AddTeamMemberRequest>;
