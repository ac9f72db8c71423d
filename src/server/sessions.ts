/**
 * Sessions of the sandbox UI: log in with login and password, read the current session, log out.
 * A session keeps the privileges its user held at login; a later group or role change reaches it only
 * after logging in again, as on the real platform.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { jsonResponse } from './json-response';
import type { Session, User } from '$domain/entities';
import { ConflictError } from '$domain/errors';
import { hashPassword, newSalt, verifyPassword } from '$domain/password';
import { privilegesOf } from '$domain/privileges';
import { PEPPER_ALIAS } from '$domain/rules';
import { SANDBOX_API, SESSION_HEADER, type ServerContext } from './context';
import { ApiError } from './errors';
import { lookupSession, notLoggedInMessage } from './guards';
import { checkLoginPause, clearLoginFailures, recordLoginFailure } from './login-throttle';
import { asObject, stringField } from './input';
import { readJson, route } from './route';
import { toPublicUser } from './views';
import { transact } from './transact';

const PATH = `*${SANDBOX_API}/session`;

/** The keystore's pepper; every password hash depends on it. */
export async function readPepper(ctx: ServerContext): Promise<string> {
  const pepper = await ctx.db.keystore.get(PEPPER_ALIAS);
  if (!pepper) {
    throw new ConflictError(`The keystore has no ${PEPPER_ALIAS} alias, so no password can be checked; reset the instance to restore it.`);
  }
  return pepper.secret;
}

function sessionBody(session: Session, user: User) {
  return { sessionId: session.id, user: toPublicUser(user), privileges: session.privileges };
}

/** The user whose login is `login`, compared without case, as logging in compares it. */
function findUserByLogin(ctx: ServerContext, login: string): Promise<User | undefined> {
  return ctx.db.users.filter((u) => u.login.toLowerCase() === login.toLowerCase()).first();
}

/**
 * Opens a session for `user` with the privileges their groups and roles give now, ending the
 * session `replaced` (a switch user's old one) in the same transaction.
 */
async function openSession(ctx: ServerContext, user: User, replaced?: string | null): Promise<Session> {
  return transact(ctx.db, [ctx.db.sessions, ctx.db.users, ctx.db.userGroups, ctx.db.roles], async () => {
    const [users, userGroups, roles] = await Promise.all([ctx.db.users.toArray(), ctx.db.userGroups.toArray(), ctx.db.roles.toArray()]);
    const created: Session = {
      id: crypto.randomUUID(),
      userId: user.id,
      createdAt: ctx.clock.now().toISOString(),
      lastSeenAt: ctx.clock.now().toISOString(),
      privileges: privilegesOf(user.id, { users, userGroups, roles }),
    };
    await ctx.db.sessions.add(created);
    if (replaced) await ctx.db.sessions.delete(replaced);
    return created;
  });
}

/**
 * Opens a session for the enabled user `login` without a password, returning its id (null when
 * there is no such enabled user). Not an HTTP route: only the page that has just seeded a fresh
 * instance calls it, to start the learner logged in as the trainee as logging in with the training
 * password would (the same session, made without the password hash's cost).
 */
export async function openSessionWithoutPassword(ctx: ServerContext, login: string): Promise<string | null> {
  const user = await findUserByLogin(ctx, login);
  if (!user?.enabled) return null;
  return (await openSession(ctx, user)).id;
}

const INVALID_CREDENTIALS = 'The login or password is not right; check both and try again.';

/** Handlers of `/sandbox/api/session`. */
export function sessionHandlers(ctx: ServerContext): HttpHandler[] {
  return [
    route(ctx, 'post', PATH, async ({ request }) => {
      const body = asObject(await readJson(request, 'log in'), 'a login');
      const login = stringField(body, 'login', 'login', 'a login', true).trim();
      const password = stringField(body, 'password', 'password', 'a login', true);
      checkLoginPause(ctx, login);
      const pepper = await readPepper(ctx);
      const user = login ? await findUserByLogin(ctx, login) : undefined;
      // An unknown login still costs one hash, so timing does not tell which logins exist.
      const matches = user
        ? await verifyPassword(password, user.passwordSalt, pepper, user.passwordHash)
        : (await hashPassword(password, newSalt(), pepper), false);
      if (!user || !matches) {
        if (login) recordLoginFailure(ctx, login);
        throw new ApiError(401, 'invalid_credentials', INVALID_CREDENTIALS);
      }
      clearLoginFailures(ctx, login);
      if (!user.enabled) {
        throw new ApiError(403, 'user_disabled', `The user ${user.login} is disabled, so they cannot log in until a designer enables them.`);
      }
      // A login from a page that had a session (switch user) replaces it: the old one ends here.
      const session = await openSession(ctx, user, request.headers.get(SESSION_HEADER));
      return jsonResponse(sessionBody(session, user), { status: 201 });
    }),

    route(ctx, 'get', PATH, async ({ request }) => {
      const found = await lookupSession(ctx, request);
      if (found.kind !== 'live') {
        throw new ApiError(401, 'not_logged_in', found.kind === 'expired' ? notLoggedInMessage(found, 'continue') : 'There is no session: log in to continue.');
      }
      return jsonResponse(sessionBody(found.caller.session, found.caller.user));
    }),

    route(ctx, 'delete', PATH, async ({ request }) => {
      const id = request.headers.get(SESSION_HEADER)?.trim();
      if (id && (await ctx.db.sessions.get(id))) {
        await transact(ctx.db, [ctx.db.sessions], () => ctx.db.sessions.delete(id));
      }
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
