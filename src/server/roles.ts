/**
 * Roles of an application: each holds privileges from the catalogue and user groups. Names are unique
 * within the application, ignoring case.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { jsonResponse } from './json-response';
import type { Role } from '$domain/entities';
import { NotFoundError, ValidationError } from '$domain/errors';
import { sameName } from '$domain/rules';
import { checkPrivileges } from '$domain/repository-checks';
import { SANDBOX_API, type ServerContext } from './context';
import { requireDesigner, requireSession } from './guards';
import { asObject, capitalise, nameAndDescription, onlyFields, stringField, stringListField, type JsonObject } from './input';
import { param, readJson, route } from './route';
import { transact } from './transact';


function notFound(id: string): NotFoundError {
  return new NotFoundError(`There is no role with the id ${id}; it may have been deleted.`);
}

/** Checks and applies `body` to `base` inside the caller's transaction. */
async function applyChanges(ctx: ServerContext, base: Role, body: JsonObject, what: string, fields: readonly string[]): Promise<Role> {
  onlyFields(body, fields, what);
  const { name, description } = nameAndDescription(body, base, what);
  const privileges = stringListField(body, 'privileges', 'privileges', what) ?? base.privileges;
  checkPrivileges(privileges, what);
  const userGroupIds = stringListField(body, 'userGroupIds', 'user groups', what) ?? base.userGroupIds;
  const groups = await ctx.db.userGroups.bulkGet(userGroupIds);
  const missing = userGroupIds.find((_, i) => !groups[i]);
  if (missing !== undefined) {
    throw new ValidationError(`${capitalise(what)} cannot hold the user group with id ${missing}, because there is no such user group.`, 'userGroupIds');
  }
  const application = await ctx.db.applications.get(base.applicationId);
  if (!application) throw new ValidationError(`${capitalise(what)} names an application that does not exist.`, 'applicationId');
  const clash = await ctx.db.roles
    .where('applicationId')
    .equals(base.applicationId)
    .filter((r) => r.id !== base.id && sameName(r.name, name))
    .first();
  if (clash) throw new ValidationError(`The application ${application.name} already has a role named ${clash.name}; choose another name.`, 'name');
  return { ...base, name, description, privileges, userGroupIds };
}

/** Handlers of `/sandbox/api/roles`. */
export function roleHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  const tables = [db.roles, db.userGroups, db.applications];
  return [
    route(ctx, 'get', `*${SANDBOX_API}/roles`, async ({ request }) => {
      await requireSession(ctx, request, 'read the roles');
      return jsonResponse(await db.roles.toArray());
    }),

    route(ctx, 'post', `*${SANDBOX_API}/roles`, async ({ request }) => {
      await requireDesigner(ctx, request, 'create roles');
      const body = asObject(await readJson(request, 'create a role'), 'the new role');
      const applicationId = stringField(body, 'applicationId', 'application', 'the new role', true);
      const role = await transact(db, tables, async () => {
        const base: Role = { id: crypto.randomUUID(), applicationId, name: '', description: '', privileges: [], userGroupIds: [] };
        const created = await applyChanges(ctx, base, body, 'the new role', ['applicationId', 'name', 'description', 'privileges', 'userGroupIds']);
        await db.roles.add(created);
        return created;
      });
      return jsonResponse(role, { status: 201 });
    }),

    route(ctx, 'put', `*${SANDBOX_API}/roles/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'change roles');
      const id = param(args, 'id');
      const body = await readJson(args.request, 'change a role');
      const role = await transact(db, tables, async () => {
        const base = await db.roles.get(id);
        if (!base) throw notFound(id);
        const what = `the role ${base.name}`;
        const changed = await applyChanges(ctx, base, asObject(body, what), what, ['name', 'description', 'privileges', 'userGroupIds']);
        await db.roles.put(changed);
        return changed;
      });
      return jsonResponse(role);
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/roles/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'delete roles');
      const id = param(args, 'id');
      await transact(db, [db.roles], async () => {
        if (!(await db.roles.get(id))) throw notFound(id);
        await db.roles.delete(id);
      });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
