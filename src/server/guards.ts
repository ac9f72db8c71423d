/**
 * Who is calling the repository API: the session named in the `x-sandbox-session` header, and the
 * rules "reads need a session" and "changes need a designer".
 */
import type { Session, User } from '$domain/entities';
import { PermissionError } from '$domain/errors';
import type { ServerContext } from './context';
import { SESSION_HEADER } from './context';

/** A live session and its user (enabled, still in the repository). */
export interface SessionCaller {
  session: Session;
  user: User;
}

/** The session the request names, or null when there is none or it has ended. */
export async function findSession(ctx: ServerContext, request: Request): Promise<SessionCaller | null> {
  const id = request.headers.get(SESSION_HEADER)?.trim();
  if (!id) return null;
  const session = await ctx.db.sessions.get(id);
  if (!session) return null;
  const user = await ctx.db.users.get(session.userId);
  if (!user || !user.enabled) return null;
  return { session, user };
}

/**
 * The caller's session; refuses with 401 `not_logged_in` when there is none.
 * @param action what the caller tried, as a verb phrase ("read the keystore").
 */
export async function requireSession(ctx: ServerContext, request: Request, action: string): Promise<SessionCaller> {
  const caller = await findSession(ctx, request);
  if (!caller) throw new PermissionError(`You need to log in to ${action}.`, false);
  return caller;
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
