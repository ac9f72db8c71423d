/**
 * The request log: every call the simulated server answers, with the Authorization value redacted to
 * its first characters. Reads of the log itself are not logged, so the log does not fill itself.
 */
import type { RequestLogEntry } from '$domain/entities';
import type { ServerContext } from './context';
import { SANDBOX_API } from './context';

const MAX_LOGGED_BODY = 4_096;
const UNLOGGED_PREFIX = `${SANDBOX_API}/request-log`;
const SECRET_HEADERS = new Set(['authorization', 'x-sandbox-session', 'cookie']);

/** Shows the first characters of a credential, enough to tell two apart, never enough to use one. */
export function redactCredential(value: string): string {
  const trimmed = value.trim();
  const [scheme, rest] = /^bearer\s+/i.test(trimmed) ? [trimmed.slice(0, 7), trimmed.slice(7).trim()] : ['', trimmed];
  if (!rest) return scheme.trim();
  return `${scheme}${rest.slice(0, 6)}… (redacted)`;
}

/** The headers with credentials redacted. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? redactCredential(value) : value;
  });
  return out;
}

function clip(text: string | null): string | null {
  if (text === null) return null;
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}… (${text.length} characters in all)` : text;
}

/** True when a request to `url` is recorded in the request log. */
export function isLogged(url: string): boolean {
  return !new URL(url).pathname.startsWith(UNLOGGED_PREFIX);
}

/**
 * The log entry of one answered request (see {@link isLogged} for which are). The bodies must
 * already be free of secrets (the incoming API's bodies are the caller's
 * own data; repository bodies have their secret fields redacted).
 */
export function requestLogEntry(
  ctx: ServerContext,
  request: Request,
  response: Response,
  startedAt: number,
  bodies: { request: string | null; response: string | null },
): RequestLogEntry {
  const url = new URL(request.url);
  return {
    at: ctx.clock.now().toISOString(),
    method: request.method,
    url: url.pathname + url.search,
    status: response.status,
    durationMs: Math.max(0, Math.round((performance.now() - startedAt) * 10) / 10),
    requestHeaders: redactHeaders(request.headers),
    responseHeaders: Object.fromEntries(response.headers.entries()),
    requestBody: clip(bodies.request),
    responseBody: clip(bodies.response),
  };
}
