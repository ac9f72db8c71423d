/**
 * The incoming API: calls to API end point actionflows, in the platform's three URL forms:
 *   /phixflow/api/1/action/<Application>/<Actionflow>/trigger
 *   /phixflow/api/1/action/<Actionflow>/trigger   (older form)
 *   /phixflow/api/2/<URL Alias>
 * Statuses and error codes follow DESIGN.md's contract; every call adds exactly one audit entry.
 */
import { HttpResponse, type HttpHandler } from 'msw';
import type { Actionflow } from '$domain/actionflow';
import { SYSTEM_USER } from '$domain/entities';
import { cacheFor } from '$instance/table-cache';
import { ActionflowError, runActionflow, type RunAs } from '$domain/runtime';
import { authenticateCall } from './auth';
import type { CallJournal } from './journal';
import type { ServerContext } from './context';
import { ApiError, describeError, errorResponse } from './errors';
import { tryAcquireGroup } from './exclusion-groups';
import { MAX_BODY_BYTES, route } from './route';
import { createRuntimeEnv } from './runtime-env';

const V1 = /^\/phixflow\/api\/1\/action\/(?:([^/]+)\/)?([^/]+)\/trigger\/?$/;
const V2 = /^\/phixflow\/api\/2\/([^/]+)\/?$/;

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

interface Endpoints {
  endpoints: Actionflow[];
  /** Application name → id (the first application of a name, as a look-up by name finds). */
  applicationIds: Map<string, string>;
}

/** The instance's API end points and application names, read again only after they change. */
function endpointsOf(ctx: ServerContext): Promise<Endpoints> {
  const { db } = ctx;
  return cacheFor(db, 'incoming-api:endpoints', ['actionflows', 'applications'], () =>
    db.transaction('r', [db.actionflows, db.applications], async () => ({
      endpoints: await db.actionflows.where('kind').equals('apiEndpoint').toArray(),
      applicationIds: new Map((await db.applications.toArray()).reverse().map((a) => [a.name, a.id])),
    })),
  )();
}

/** The end point a path names, or null. */
export async function findEndpoint(ctx: ServerContext, pathname: string): Promise<Actionflow | null> {
  const v1 = V1.exec(pathname);
  const v2 = v1 ? null : V2.exec(pathname);
  if (!v1 && !v2) return null;
  const { endpoints, applicationIds } = await endpointsOf(ctx);
  if (v1) {
    const appName = v1[1] === undefined ? null : decode(v1[1]);
    const flowName = decode(v1[2]!);
    if (flowName === null || (v1[1] !== undefined && appName === null)) return null;
    const candidates = endpoints.filter((a) => a.name === flowName);
    if (appName === null) return candidates[0] ?? null;
    const appId = applicationIds.get(appName);
    return (appId !== undefined && candidates.find((a) => a.applicationId === appId)) || null;
  }
  const alias = decode(v2![1]!);
  return (alias && endpoints.find((a) => a.api?.urlAlias && a.api.urlAlias.toLowerCase() === alias.toLowerCase())) || null;
}

/** The parameters of a call: query parameters, then the top-level fields of a JSON object body. */
async function readInputs(request: Request, url: URL, endpoint: string): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw bodyTooLarge(endpoint);
  const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
  if (new TextEncoder().encode(text).byteLength > MAX_BODY_BYTES) throw bodyTooLarge(endpoint);
  const contentType = request.headers.get('content-type') ?? '';
  const inputs: Record<string, unknown> = {
    body: text || null,
    headers: Object.fromEntries([...request.headers.entries()].filter(([name]) => name !== 'authorization')),
    contentType: contentType || null,
    url: url.pathname + url.search,
  };
  for (const [name, value] of url.searchParams) if (!(name in inputs)) inputs[name] = value;
  const isJson = contentType === '' || /json/i.test(contentType);
  if (text.trim() !== '' && isJson) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'invalid_body', `The call to the end point ${endpoint} sent a body that is not valid JSON.`);
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      for (const [name, value] of Object.entries(parsed)) if (!(name in inputs)) inputs[name] = value;
    }
  }
  return inputs;
}

function bodyTooLarge(endpoint: string): ApiError {
  return new ApiError(413, 'body_too_large', `The call to the end point ${endpoint} sent a body over 1 MiB, which is more than the end point accepts.`);
}

function timeoutOf(endpoint: Actionflow, url: URL): number {
  const override = Number(url.searchParams.get('timeout'));
  if (Number.isInteger(override) && override > 0) return override;
  return endpoint.api?.timeoutMs ?? 60_000;
}

/**
 * Runs the end point's actionflow, refusing with 504 when it outlives its timeout. A run that times
 * out is stopped (its sleeps and requests end, and it ends before its next action); `whenStopped`
 * settles once it has, which is when its exclusion group is free again.
 */
function runWithTimeout(ctx: ServerContext, endpoint: Actionflow, inputs: Record<string, unknown>, runAs: RunAs, timeoutMs: number) {
  const finished = new AbortController();
  const stop = new AbortController();
  const run = runActionflow(endpoint, inputs, createRuntimeEnv(ctx, runAs, {}, stop.signal));
  const timedOut = ctx.clock.sleep(timeoutMs, finished.signal).then((): never => {
    stop.abort();
    throw new ApiError(504, 'timeout', `The end point ${endpoint.name} did not finish within its timeout of ${timeoutMs} ms.`);
  });
  const result = Promise.race([run, timedOut]).finally(() => finished.abort());
  const whenStopped = run.then(
    () => {},
    () => {},
  );
  return { result, whenStopped };
}

async function answer(ctx: ServerContext, journal: CallJournal, request: Request, url: URL): Promise<Response> {
  const endpoint = await findEndpoint(ctx, url.pathname);
  let runAs: RunAs = { userId: null, login: SYSTEM_USER.login, name: SYSTEM_USER.name, privileges: [] };
  const label = endpoint?.name ?? url.pathname;
  const audit = (status: number, code: string | null, reason: string | null) =>
    journal.audit({
      runAs: runAs.login,
      runAsName: runAs.name,
      actionflow: endpoint?.name ?? '',
      endpoint: url.pathname,
      outcome: status < 400 ? 'success' : status >= 500 ? 'error' : 'refused',
      status,
      code,
      reason,
    });
  try {
    if (!endpoint || !endpoint.api) {
      throw new ApiError(404, 'unknown_endpoint', `There is no API end point at ${url.pathname}; check the application name, the actionflow name or the URL Alias.`);
    }
    // A call that presents a key is held to it even where anonymous calls are allowed: a bad key is
    // refused rather than quietly ignored, and a good one runs the call as its user.
    if (!endpoint.api.allowAnonymousConnections || request.headers.has('authorization')) {
      runAs = await authenticateCall(ctx, request, endpoint.name);
    }
    const inputs = await readInputs(request, url, endpoint.name);
    const lease = await tryAcquireGroup(endpoint.exclusionGroup);
    if (!lease) {
      throw new ApiError(409, 'exclusion_group_busy', `The end point ${endpoint.name} did not run: another actionflow of the exclusion group ${endpoint.exclusionGroup} is running.`);
    }
    const run = runWithTimeout(ctx, endpoint, inputs, runAs, timeoutOf(endpoint, url));
    // The group stays taken until the run has really ended, even after a 504 was answered.
    void run.whenStopped.then(() => lease.release());
    const result = await run.result;
    if (result.kind !== 'output') {
      throw new ActionflowError(`The end point ${endpoint.name} ended without reaching an output node.`, endpoint.name);
    }
    const body = result.body as { error?: { code?: unknown; message?: unknown } } | null;
    const code = result.statusCode >= 400 && typeof body?.error?.code === 'string' ? body.error.code : null;
    const reason = result.statusCode >= 400 && typeof body?.error?.message === 'string' ? body.error.message : null;
    audit(result.statusCode, code, reason);
    return HttpResponse.json(result.body as never, { status: result.statusCode, headers: { 'content-type': result.contentType } });
  } catch (err) {
    const failure =
      err instanceof ActionflowError
        ? new ApiError(500, 'actionflow_error', `The end point ${label} failed: ${err.message}`)
        : err;
    const { status, code, message } = describeError(failure);
    audit(status, code, message);
    return errorResponse(failure);
  }
}

/** Handlers of the incoming API (a catch-all under /phixflow/api/ so unknown paths get 404 JSON). */
export function incomingApiHandlers(ctx: ServerContext): HttpHandler[] {
  return [route(ctx, 'all', '*/phixflow/api/*', ({ request, url, journal }) => answer(ctx, journal, request, url))];
}
