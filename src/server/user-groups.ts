/**
 * User groups of the Full Repository: each holds users; roles hold groups. Names are unique ignoring
 * case; every user id must exist. Deleting a group takes it out of every role.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { jsonResponse } from './json-response';
import type { UserGroup } from '$domain/entities';
import { NotFoundError, ValidationError } from '$domain/errors';
import { sameName } from '$domain/rules';
import { SANDBOX_API, type ServerContext } from './context';
import { requireDesigner, requireSession } from './guards';
import { asObject, capitalise, nameAndDescription, onlyFields, stringListField, type JsonObject } from './input';
import { param, readJson, route } from './route';
import { transact } from './transact';

const FIELDS = ['name', 'description', 'userIds'] as const;

function notFound(id: string): NotFoundError {
  return new NotFoundError(`There is no user group with the id ${id}; it may have been deleted.`);
}

/** Checks and applies `body` to `base` inside the caller's transaction. */
async function applyChanges(ctx: ServerContext, base: UserGroup, body: JsonObject, what: string): Promise<UserGroup> {
  onlyFields(body, FIELDS, what);
  const { name, description } = nameAndDescription(body, base, what);
  const userIds = stringListField(body, 'userIds', 'users', what) ?? base.userIds;
  const clash = await ctx.db.userGroups.filter((g) => g.id !== base.id && sameName(g.name, name)).first();
  if (clash) throw new ValidationError(`A user group named ${clash.name} already exists; choose another name.`, 'name');
  const users = await ctx.db.users.bulkGet(userIds);
  const missing = userIds.find((_, i) => !users[i]);
  if (missing !== undefined) throw new ValidationError(`${capitalise(what)} cannot hold the user with id ${missing}, because there is no such user.`, 'userIds');
  return { ...base, name, description, userIds };
}

/** Handlers of `/sandbox/api/user-groups`. */
export function userGroupHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'get', `*${SANDBOX_API}/user-groups`, async ({ request }) => {
      await requireSession(ctx, request, 'read the user groups');
      return jsonResponse(await db.userGroups.toArray());
    }),

    route(ctx, 'post', `*${SANDBOX_API}/user-groups`, async ({ request }) => {
      await requireDesigner(ctx, request, 'create user groups');
      const body = asObject(await readJson(request, 'create a user group'), 'the new user group');
      const group = await transact(db, [db.userGroups, db.users], async () => {
        const base: UserGroup = { id: crypto.randomUUID(), name: '', description: '', userIds: [] };
        const created = await applyChanges(ctx, base, body, 'the new user group');
        await db.userGroups.add(created);
        return created;
      });
      return jsonResponse(group, { status: 201 });
    }),

    route(ctx, 'put', `*${SANDBOX_API}/user-groups/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'change user groups');
      const id = param(args, 'id');
      const body = await readJson(args.request, 'change a user group');
      const group = await transact(db, [db.userGroups, db.users], async () => {
        const base = await db.userGroups.get(id);
        if (!base) throw notFound(id);
        const what = `the user group ${base.name}`;
        const changed = await applyChanges(ctx, base, asObject(body, what), what);
        await db.userGroups.put(changed);
        return changed;
      });
      return jsonResponse(group);
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/user-groups/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'delete user groups');
      const id = param(args, 'id');
      await transact(db, [db.userGroups, db.roles], async () => {
        if (!(await db.userGroups.get(id))) throw notFound(id);
        await db.userGroups.delete(id);
        await db.roles
          .filter((r) => r.userGroupIds.includes(id))
          .modify((r) => {
            r.userGroupIds = r.userGroupIds.filter((g) => g !== id);
          });
      });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
