/**
 * Users of the Full Repository: list, create, change, delete. Passwords are stored only as a hash with
 * a fresh salt and the keystore's pepperkey; the hash and salt never leave the server.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { jsonResponse } from './json-response';
import type { User } from '$domain/entities';
import { ConflictError, NotFoundError, ValidationError } from '$domain/errors';
import { hashPassword, newSalt } from '$domain/password';
import { checkLogin, checkPassword, checkPersonName as checkName } from '$domain/repository-checks';
import { SANDBOX_API, type ServerContext } from './context';
import { requireDesigner, requireSession } from './guards';
import { asObject, booleanField, onlyFields, stringField, type JsonObject } from './input';
import { param, readJson, route } from './route';
import { readPepper } from './sessions';
import { toPublicUser } from './views';
import { transact } from './transact';

const FIELDS = ['login', 'firstName', 'surname', 'password', 'enabled', 'designer'] as const;

async function checkLoginFree(ctx: ServerContext, login: string, exceptId: string | null): Promise<void> {
  const lower = login.toLowerCase();
  const clash = await ctx.db.users.filter((u) => u.id !== exceptId && u.login.toLowerCase() === lower).first();
  if (clash) throw new ValidationError(`A user with the login ${clash.login} already exists; choose another login.`, 'login');
}

async function hashed(ctx: ServerContext, password: string): Promise<Pick<User, 'passwordHash' | 'passwordSalt'>> {
  const pepper = await readPepper(ctx);
  const passwordSalt = newSalt();
  return { passwordSalt, passwordHash: await hashPassword(password, passwordSalt, pepper) };
}

function readNewUser(body: JsonObject) {
  const what = 'the new user';
  onlyFields(body, FIELDS, what);
  const login = (stringField(body, 'login', 'login', what) ?? '').trim();
  checkLogin(login, what);
  const firstName = stringField(body, 'firstName', 'first name', what) ?? '';
  checkName(firstName, 'firstName', what);
  const surname = stringField(body, 'surname', 'surname', what) ?? '';
  checkName(surname, 'surname', what);
  const password = stringField(body, 'password', 'password', what) ?? '';
  checkPassword(password, what);
  const enabled = booleanField(body, 'enabled', 'Enabled', what) ?? true;
  const designer = booleanField(body, 'designer', 'Designer', what) ?? false;
  return { login, firstName: firstName.trim(), surname: surname.trim(), password, enabled, designer };
}

/** Handlers of `/sandbox/api/users`. */
export function userHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'get', `*${SANDBOX_API}/users`, async ({ request }) => {
      await requireSession(ctx, request, 'read the users');
      const users = await db.users.toArray();
      return jsonResponse(users.map(toPublicUser));
    }),

    route(ctx, 'post', `*${SANDBOX_API}/users`, async ({ request }) => {
      await requireDesigner(ctx, request, 'create users');
      const input = readNewUser(asObject(await readJson(request, 'create a user'), 'the new user'));
      // Hashing is WebCrypto work, which must not run inside a Dexie transaction.
      const secret = await hashed(ctx, input.password);
      const user: User = {
        id: crypto.randomUUID(),
        login: input.login,
        firstName: input.firstName,
        surname: input.surname,
        enabled: input.enabled,
        designer: input.designer,
        ...secret,
      };
      await transact(db, [db.users], async () => {
        await checkLoginFree(ctx, user.login, null);
        await db.users.add(user);
      });
      return jsonResponse(toPublicUser(user), { status: 201 });
    }),

    route(ctx, 'put', `*${SANDBOX_API}/users/:id`, async (args) => {
      const { request } = args;
      const caller = await requireDesigner(ctx, request, 'change users');
      const id = param(args, 'id');
      const before = await db.users.get(id);
      if (!before) throw new NotFoundError(`There is no user with the id ${id}; it may have been deleted.`);
      const what = `the user ${before.login}`;
      const body = asObject(await readJson(request, `change ${what}`), what);
      onlyFields(body, FIELDS, what);
      const login = stringField(body, 'login', 'login', what)?.trim() ?? before.login;
      checkLogin(login, what);
      const firstName = stringField(body, 'firstName', 'first name', what) ?? before.firstName;
      checkName(firstName, 'firstName', what);
      const surname = stringField(body, 'surname', 'surname', what) ?? before.surname;
      checkName(surname, 'surname', what);
      const password = stringField(body, 'password', 'password', what) ?? '';
      if (password !== '') checkPassword(password, what);
      const enabled = booleanField(body, 'enabled', 'Enabled', what) ?? before.enabled;
      const designer = booleanField(body, 'designer', 'Designer', what) ?? before.designer;
      const secret = password !== '' ? await hashed(ctx, password) : null;

      const after = await transact(db, [db.users, db.sessions], async () => {
        const current = await db.users.get(id);
        if (!current) throw new NotFoundError(`There is no user with the id ${id}; it may have been deleted.`);
        await checkLoginFree(ctx, login, id);
        const changed: User = {
          ...current,
          login,
          firstName: firstName.trim(),
          surname: surname.trim(),
          enabled,
          designer,
          ...(secret ?? {}),
        };
        await db.users.put(changed);
        // A disabled user is logged out everywhere at once; a new password ends every session of
        // the user but the one that set it (someone who knew the old password is shut out).
        if (!enabled) await db.sessions.where('userId').equals(id).delete();
        else if (secret) await db.sessions.where('userId').equals(id).filter((s) => s.id !== caller.session.id).delete();
        return changed;
      });
      return jsonResponse(toPublicUser(after));
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/users/:id`, async (args) => {
      const caller = await requireDesigner(ctx, args.request, 'delete users');
      const id = param(args, 'id');
      if (caller.user.id === id) {
        throw new ConflictError(`The user ${caller.user.login} is the one logged in, and cannot delete themself; log in as another designer first.`);
      }
      await transact(db, [db.users, db.userGroups, db.sessions, db.apiKeys], async () => {
        const user = await db.users.get(id);
        if (!user) throw new NotFoundError(`There is no user with the id ${id}; it may have been deleted already.`);
        await db.users.delete(id);
        await db.userGroups
          .filter((g) => g.userIds.includes(id))
          .modify((g) => {
            g.userIds = g.userIds.filter((u) => u !== id);
          });
        await db.sessions.where('userId').equals(id).delete();
        const now = ctx.clock.now().toISOString();
        await db.apiKeys
          .where('userId')
          .equals(id)
          .modify((k) => {
            k.revokedAt ??= now;
          });
      });
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
