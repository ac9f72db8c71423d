/**
 * Repeated failed logins slow down, per login: after {@link LOGIN_FAILURES_ALLOWED} failures in a
 * row, logging in as that login pauses for {@link LOGIN_PAUSE_MS}, doubling with each further
 * failure up to {@link LOGIN_PAUSE_MAX_MS}; a successful login clears the count. Logins nobody has
 * are counted the same way, so the pause tells nothing about which exist. Time is the context's
 * clock, so tests fast-forward instead of waiting. The counts live in memory, per server (one per
 * tab); a reload forgets them, which only an attacker who is the browser's owner could use.
 */
import { ApiError } from './errors';
import { LOGIN_FAILURES_ALLOWED, LOGIN_PAUSE_MAX_MS, LOGIN_PAUSE_MS } from '$domain/rules';
import type { ServerContext } from './context';

interface Failures {
  count: number;
  /** Epoch ms until which logging in is paused; 0 when it is not. */
  pausedUntil: number;
}

/** The most logins whose failures are remembered; the oldest are forgotten first. */
const MAX_REMEMBERED = 1_000;

const perContext = new WeakMap<ServerContext, Map<string, Failures>>();

function failuresOf(ctx: ServerContext): Map<string, Failures> {
  let map = perContext.get(ctx);
  if (!map) perContext.set(ctx, (map = new Map()));
  return map;
}

function secondsText(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Refuses with 429 `too_many_logins` while logging in as `login` is paused, saying when to try again. */
export function checkLoginPause(ctx: ServerContext, login: string): void {
  const entry = failuresOf(ctx).get(login.toLowerCase());
  const now = ctx.clock.now().getTime();
  if (!entry || entry.pausedUntil <= now) return;
  const wait = entry.pausedUntil - now;
  const at = new Date(entry.pausedUntil).toISOString().slice(11, 19);
  throw new ApiError(
    429,
    'too_many_logins',
    `Logging in as ${login} is paused after ${entry.count} failed attempts in a row: try again in ${secondsText(wait)} (after ${at} UTC).`,
    'password',
    { 'retry-after': String(Math.ceil(wait / 1000)) },
  );
}

/** Counts a failed login; from the allowed number on, each failure starts a longer pause. */
export function recordLoginFailure(ctx: ServerContext, login: string): void {
  const map = failuresOf(ctx);
  const key = login.toLowerCase();
  const entry = map.get(key) ?? { count: 0, pausedUntil: 0 };
  map.delete(key);
  entry.count += 1;
  if (entry.count >= LOGIN_FAILURES_ALLOWED) {
    const pause = Math.min(LOGIN_PAUSE_MS * 2 ** (entry.count - LOGIN_FAILURES_ALLOWED), LOGIN_PAUSE_MAX_MS);
    entry.pausedUntil = ctx.clock.now().getTime() + pause;
  }
  map.set(key, entry);
  if (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}

/** Forgets the failures of a login that succeeded. */
export function clearLoginFailures(ctx: ServerContext, login: string): void {
  failuresOf(ctx).delete(login.toLowerCase());
}
