/**
 * Who is calling the repository API: the session named in the `x-sandbox-session` header, and the
 * rules "reads need a session" and "changes need a designer". A session ends after
 * {@link SESSION_IDLE_LIMIT_MS} without a request; the next request with it is told so.
 */
import type { Session, User } from '$domain/entities';
import { PermissionError } from '$domain/errors';
import { SESSION_IDLE_LIMIT_MS } from '$domain/rules';
import type { ServerContext } from './context';
import { SESSION_HEADER } from './context';
import { transact } from './transact';

/** A live session and its user (enabled, still in the repository). */
export interface SessionCaller {
  session: Session;
  user: User;
}

/** What a request's session header led to. */
export type SessionLookup = { kind: 'live'; caller: SessionCaller } | { kind: 'none' } | { kind: 'expired' };

/** How often a live session's last use is written down (not on every request: it would be a write each). */
const TOUCH_EVERY_MS = 60_000;

/** The time a session was last used. */
export function lastSeen(session: Session): number {
  return Date.parse(session.lastSeenAt ?? session.createdAt);
}

/**
 * Looks up the session the request names: live (and its last use noted), none (no header, unknown,
 * logged out, or its user is gone or disabled), or expired (unused for too long, and now ended).
 */
export async function lookupSession(ctx: ServerContext, request: Request): Promise<SessionLookup> {
  const id = request.headers.get(SESSION_HEADER)?.trim();
  if (!id) return { kind: 'none' };
  const session = await ctx.db.sessions.get(id);
  if (!session) return { kind: 'none' };
  const now = ctx.clock.now().getTime();
  if (now - lastSeen(session) > SESSION_IDLE_LIMIT_MS) {
    await transact(ctx.db, [ctx.db.sessions], () => ctx.db.sessions.delete(id));
    return { kind: 'expired' };
  }
  const user = await ctx.db.users.get(session.userId);
  if (!user || !user.enabled) return { kind: 'none' };
  if (now - lastSeen(session) >= TOUCH_EVERY_MS) {
    const lastSeenAt = new Date(now).toISOString();
    await transact(ctx.db, [ctx.db.sessions], () => ctx.db.sessions.update(id, { lastSeenAt }));
    session.lastSeenAt = lastSeenAt;
  }
  return { kind: 'live', caller: { session, user } };
}

/** The session the request names, or null when there is none or it has ended. */
export async function findSession(ctx: ServerContext, request: Request): Promise<SessionCaller | null> {
  const found = await lookupSession(ctx, request);
  return found.kind === 'live' ? found.caller : null;
}

/** The sentence of a refusal for want of a session, saying why when the session expired. */
export function notLoggedInMessage(found: SessionLookup, action: string): string {
  return found.kind === 'expired'
    ? `Your session ended after ${SESSION_IDLE_LIMIT_MS / 60_000} minutes without activity: log in again to ${action}.`
    : `You need to log in to ${action}.`;
}

/**
 * The caller's session; refuses with 401 `not_logged_in` when there is none.
 * @param action what the caller tried, as a verb phrase ("read the keystore").
 */
export async function requireSession(ctx: ServerContext, request: Request, action: string): Promise<SessionCaller> {
  const found = await lookupSession(ctx, request);
  if (found.kind !== 'live') throw new PermissionError(notLoggedInMessage(found, action), false);
  return found.caller;
}

/**
 * The caller's session when its user has design rights; 401 without a session, 403 without them.
 * @param action what the caller tried, as a verb phrase ("change users").
 */
export async function requireDesigner(ctx: ServerContext, request: Request, action: string): Promise<SessionCaller> {
  const caller = await requireSession(ctx, request, action);
  if (!caller.user.designer) {
    throw new PermissionError(`The user ${caller.user.login} has no design rights, so they cannot ${action}.`);
  }
  return caller;
}
