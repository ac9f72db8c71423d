/**
 * The request log: every call the simulated server answers, with every credential redacted (see
 * $domain/redaction). Reads of the log itself are not logged, so the log does not fill itself.
 */
import type { RequestLogEntry } from '$domain/entities';
import { createRedactor, type Redactor } from '$domain/redaction';
import { cacheFor } from '$instance/table-cache';
import type { ServerContext } from './context';
import { MAX_AUTHORIZATION_BYTES } from './auth';
import { SANDBOX_API, SESSION_HEADER } from './context';

const MAX_LOGGED_BODY = 4_096;
const UNLOGGED_PREFIX = `${SANDBOX_API}/request-log`;

function clip(text: string | null): string | null {
  if (text === null) return null;
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}… (${text.length} characters in all)` : text;
}

/** True when a request to `url` is recorded in the request log. */
export function isLogged(url: string): boolean {
  return !new URL(url).pathname.startsWith(UNLOGGED_PREFIX);
}

/** Every string held under a `secretKeys` list's `secret` in an actionflow, however deep. */
function actionSecrets(value: unknown, into: string[], depth = 0): void {
  if (depth > 32 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) actionSecrets(item, into, depth + 1);
    return;
  }
  for (const [name, inner] of Object.entries(value)) {
    if (name === 'secretKeys' && Array.isArray(inner)) {
      for (const key of inner) if (key && typeof (key as { secret?: unknown }).secret === 'string') into.push((key as { secret: string }).secret);
    } else {
      actionSecrets(inner, into, depth + 1);
    }
  }
}

/**
 * The instance's known secrets: keystore values, HTTP actions' secret keys and session ids, read
 * again only after one of those tables changes.
 */
export function knownSecrets(ctx: ServerContext): Promise<string[]> {
  const { db } = ctx;
  return cacheFor(db, 'redaction:secrets', ['keystore', 'actionflows', 'sessions'], () =>
    db.transaction('r', [db.keystore, db.actionflows, db.sessions], async () => {
      const secrets = (await db.keystore.toArray()).map((k) => k.secret);
      actionSecrets(await db.actionflows.toArray(), secrets);
      secrets.push(...((await db.sessions.toCollection().primaryKeys()) as string[]));
      return secrets;
    }),
  )();
}

/**
 * The redactor of one call: the instance's known secrets as they are after the call, plus the
 * credentials the request itself carried (a session it just ended, a key it sent).
 */
export async function redactorFor(ctx: ServerContext, request: Request): Promise<Redactor> {
  // A header too long to be a credential (refused unread) is left to the JWT pattern: matching a
  // 100 KB "secret" in every text would cost seconds.
  const own = [request.headers.get(SESSION_HEADER), request.headers.get('authorization')?.replace(/^\s*bearer\s+/i, '')]
    .map((v) => v?.trim() ?? '')
    .filter((v) => v !== '' && v.length <= MAX_AUTHORIZATION_BYTES);
  return createRedactor([...(await knownSecrets(ctx)), ...own]);
}

/**
 * The log entry of one answered request (see {@link isLogged} for which are), with every
 * credential in its URL, headers and bodies redacted before the bodies are clipped.
 */
export function requestLogEntry(
  ctx: ServerContext,
  request: Request,
  response: Response,
  startedAt: number,
  redactor: Redactor,
  bodies: { request: string | null; response: string | null },
): RequestLogEntry {
  return {
    at: ctx.clock.now().toISOString(),
    method: request.method,
    url: redactor.url(new URL(request.url)),
    status: response.status,
    durationMs: Math.max(0, Math.round((performance.now() - startedAt) * 10) / 10),
    requestHeaders: redactor.headers(request.headers),
    responseHeaders: redactor.headers(response.headers),
    requestBody: clip(redactor.body(bodies.request)),
    responseBody: clip(redactor.body(bodies.response)),
  };
}
