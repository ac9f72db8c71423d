/**
 * `route()` builds every handler of the simulated server, so that each one maps errors through
 * `errorResponse` and records the call in the request log and its audit entries (with every
 * credential redacted, see $domain/redaction).
 */
import { http, type HttpHandler } from 'msw';
import { SESSION_HEADER, type ServerContext } from './context';
import { ApiError, errorResponse } from './errors';
import type { RequestLogEntry } from '$domain/entities';
import { REDACTED, type Redactor } from '$domain/redaction';
import { createJournal, writeCall, type CallJournal } from './journal';
import { bodyTextOf, keepText, knownText } from './json-response';
import { isLogged, redactorFor, requestLogEntry } from './request-log';

export type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'all';

export interface RouteArgs {
  request: Request;
  params: Record<string, string | readonly string[] | undefined>;
  url: URL;
  ctx: ServerContext;
  /** Where the resolver records the audit entries of what it ran. */
  journal: CallJournal;
}

export type RouteResolver = (args: RouteArgs) => Promise<Response> | Response;

/** The largest body any route accepts (the incoming API's contract: over 1 MiB → 413). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Wraps a resolver so that its errors are mapped and its call recorded: the request log entry and
 * the audit entries the resolver gave its journal, both with every credential redacted, queued
 * before the response goes back (see ./journal.ts).
 */
export function logged(ctx: ServerContext, resolver: RouteResolver) {
  return async ({ request, params }: { request: Request; params: RouteArgs['params'] }): Promise<Response> => {
    const startedAt = performance.now();
    const logging = isLogged(request.url);
    const requestBody = logging && request.body ? await request.clone().text().catch(() => null) : null;
    const journal = createJournal(ctx);
    let response: Response;
    try {
      response = await resolver({ request, params, url: new URL(request.url), ctx, journal });
    } catch (err) {
      response = errorResponse(err);
    }
    if (response.status === 401) response = await withChallenge(request, response);
    let logEntry: RequestLogEntry | null = null;
    let redactor: Redactor | null = null;
    try {
      redactor = await redactorFor(ctx, request);
      if (logging) {
        const responseBody = await bodyTextOf(response);
        logEntry = requestLogEntry(ctx, request, response, startedAt, redactor, { request: requestBody, response: responseBody });
      }
    } catch {
      // The log is a convenience: a failure to build its entry must not change the answer.
    }
    // From here to close() nothing waits, so an entry a run adds meanwhile is written, not lost. An
    // audit entry that could not be redacted is not written in clear: it says so instead.
    const redact = redactor;
    const audit = journal.entries.map((entry) =>
      redact ? redact.record(entry) : { ...entry, endpoint: REDACTED, reason: 'The details of this entry could not be checked for credentials, so they were left out.' },
    );
    writeCall(ctx, logEntry, audit, journal.runs);
    // What a run records from now on (an asynchronous call answered early) is written on its own,
    // its audit entries redacted as this call's were.
    journal.close(redactor);
    return response;
  };
}

/** The realm of the incoming API's challenge. */
export const API_REALM = 'PhixFlow API';
/** The realm and scheme of the sandbox API's challenge (its credential is the session header). */
export const SANDBOX_REALM = 'Actionflow Sandbox';

/**
 * The `WWW-Authenticate` challenge a 401 carries (RFC 9110 requires one): `Bearer` for the incoming
 * API, with `error="invalid_token"` when a key was sent but refused (RFC 6750); a `Session` scheme
 * naming the session header for the sandbox API.
 */
export function challengeFor(pathname: string, code: string | null): string {
  if (pathname.startsWith('/phixflow/api/')) {
    return code === 'missing_api_key' || code === null ? `Bearer realm="${API_REALM}"` : `Bearer realm="${API_REALM}", error="invalid_token"`;
  }
  return `Session realm="${SANDBOX_REALM}", header="${SESSION_HEADER}"`;
}

/** `response` with a `WWW-Authenticate` challenge, unless it has one already. */
async function withChallenge(request: Request, response: Response): Promise<Response> {
  if (response.headers.has('www-authenticate')) return response;
  let code: string | null = null;
  const text = knownText(response);
  try {
    const body = JSON.parse(text ?? (await response.clone().text())) as { error?: { code?: unknown } };
    code = typeof body.error?.code === 'string' ? body.error.code : null;
  } catch {
    // Not a JSON error body: the challenge goes without an error code.
  }
  const headers = new Headers(response.headers);
  headers.set('www-authenticate', challengeFor(new URL(request.url).pathname, code));
  const challenged = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  return text === undefined ? challenged : keepText(challenged, text);
}

/** A handler for `method` + `path` (use `*`-prefixed paths so they match in browser and node). */
export function route(ctx: ServerContext, method: RouteMethod, path: string, resolver: RouteResolver): HttpHandler {
  return http[method](path, logged(ctx, resolver));
}

/** Reads a JSON body of at most {@link MAX_BODY_BYTES}; refuses malformed JSON with a sentence. */
export async function readJson(request: Request, what: string): Promise<unknown> {
  const text = await request.text();
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) {
    throw new ApiError(413, 'body_too_large', `The request to ${what} has a body over 1 MiB, which is more than the server accepts.`);
  }
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_body', `The request to ${what} has a body that is not valid JSON.`);
  }
}

/** A route parameter as one string. */
export function param(args: RouteArgs, name: string): string {
  const value = args.params[name];
  return Array.isArray(value) ? value.join('/') : String(value ?? '');
}
