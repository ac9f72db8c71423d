/**
 * The incoming API: calls to API end point actionflows, in the platform's three URL forms:
 *   /phixflow/api/1/action/<Application>/<Actionflow>/trigger
 *   /phixflow/api/1/action/<Actionflow>/trigger   (older form)
 *   /phixflow/api/2/<URL Alias>
 * Statuses and error codes follow DESIGN.md's contract; every call adds exactly one audit entry.
 */
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import { DEFAULT_TIMEOUT_MS, type Actionflow, type RunAs } from '$domain/actionflow';
import { SYSTEM_USER } from '$domain/entities';
import { TIMEOUT_MAX_MS } from '$domain/rules';
import { cacheFor } from '$instance/table-cache';
import { authenticateCall } from './auth';
import type { CallJournal } from './journal';
import type { ServerContext } from './context';
import { ApiError, describeError, errorResponse } from './errors';
import { MAX_BODY_BYTES, route } from './route';
import { orchestratorOf, type RunOutcome } from './runs/orchestrator';

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
  if (Number.isInteger(override) && override > 0) return Math.min(override, TIMEOUT_MAX_MS);
  return endpoint.api?.timeoutMs ?? DEFAULT_TIMEOUT_MS.synchronous;
}

/** The path an asynchronous call's process is polled at. */
export function processPath(processId: string): string {
  return `/phixflow/api/1/process/${encodeURIComponent(processId)}`;
}

/** The HTTP answer of a run's outcome (the DESIGN contract's statuses and codes). */
function answerOf(endpoint: Actionflow, outcome: RunOutcome): Response {
  switch (outcome.status) {
    case 'refused':
      return errorResponse(new ApiError(outcome.code === 'exclusion_group_busy' ? 409 : 500, outcome.code, outcome.message));
    case 'timedOut':
      return errorResponse(new ApiError(504, 'timeout', outcome.message));
    case 'stopped':
    case 'failed':
      return errorResponse(new ApiError(500, 'actionflow_error', `The end point ${endpoint.name} failed: ${outcome.message}`));
    case 'succeeded': {
      const output = outcome.answers.find((a) => a.kind === 'output');
      if (!output || output.kind !== 'output') {
        return errorResponse(new ApiError(500, 'actionflow_error', `The end point ${endpoint.name} failed: it ended without reaching an Output action.`));
      }
      return jsonResponse(output.body as never, { status: output.statusCode, headers: { ...output.headers, 'content-type': output.contentType } });
    }
  }
}

async function answer(ctx: ServerContext, journal: CallJournal, request: Request, url: URL): Promise<Response> {
  if (PROCESS.test(url.pathname)) return pollProcess(ctx, request, url);
  const endpoint = await findEndpoint(ctx, url.pathname);
  let runAs: RunAs = { userId: null, login: SYSTEM_USER.login, name: SYSTEM_USER.name, privileges: [] };
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
    const asynchronous = endpoint.api.apiMode === 'asynchronous';
    const timeoutMs = timeoutOf(endpoint, url);
    const run = await orchestratorOf(ctx).start({
      flow: endpoint,
      runAs,
      inputs,
      origin: { kind: 'endpoint', label: url.pathname },
      // An asynchronous call waits its Timeout for the answer, then gives a process id; the run goes on.
      timeoutMs: asynchronous ? TIMEOUT_MAX_MS : timeoutMs,
      journal,
    });
    if (!asynchronous || run.runId === null) return answerOf(endpoint, await run.outcome);
    const waited = new AbortController();
    const early = await Promise.race([run.outcome, ctx.clock.sleep(timeoutMs, waited.signal).then(() => null)]);
    waited.abort();
    if (early) return answerOf(endpoint, early);
    remember(run.runId, runAs.userId);
    return jsonResponse(
      { processId: run.runId, status: 'running', poll: processPath(run.runId), message: `The end point ${endpoint.name} is still running; poll ${processPath(run.runId)} for its answer.` },
      { status: 202, headers: { location: processPath(run.runId) } },
    );
  } catch (err) {
    const { status, code, message } = describeError(err);
    journal.audit({
      runAs: runAs.login,
      runAsName: runAs.name,
      actionflow: endpoint?.name ?? '',
      endpoint: url.pathname,
      outcome: status < 400 ? 'success' : status >= 500 ? 'error' : 'refused',
      status,
      code,
      reason: message,
    });
    return errorResponse(err);
  }
}

const PROCESS = /^\/phixflow\/api\/1\/process\/([^/]+)\/?$/;
/** Who started each asynchronous process (null: an anonymous call), so only they may poll it. */
const owners = new Map<string, string | null>();
/** Processes remembered for polling; the oldest are forgotten first. */
const MAX_PROCESSES = 1_000;

function remember(processId: string, userId: string | null): void {
  owners.set(processId, userId);
  if (owners.size > MAX_PROCESSES) owners.delete(owners.keys().next().value!);
}

/**
 * GET /phixflow/api/1/process/<id>: the state of an asynchronous call. While it runs: 202 with
 * `status: running`; when done: the end point's answer itself (status, content type and body), or
 * its error. A process started with an API key can be polled only with a key of the same user.
 */
async function pollProcess(ctx: ServerContext, request: Request, url: URL): Promise<Response> {
  const id = decodeURIComponent(PROCESS.exec(url.pathname)![1]!);
  const unknown = () => errorResponse(new ApiError(404, 'unknown_process', `There is no process ${id}; it may have ended long ago or been started in another browser tab.`));
  if (!owners.has(id)) return unknown();
  const owner = owners.get(id)!;
  if (owner !== null) {
    const caller = await authenticateCall(ctx, request, `process ${id}`);
    if (caller.userId !== owner) return unknown();
  }
  const running = orchestratorOf(ctx).running.get(id);
  if (running) {
    return jsonResponse({ processId: id, status: 'running', startedAt: running.startedAt, action: running.actionName, sleepingUntil: running.sleepingUntil }, { status: 202 });
  }
  const record = await ctx.db.runs.get(id);
  if (!record) return jsonResponse({ processId: id, status: 'running' }, { status: 202 });
  if (record.status === 'succeeded' && record.answer) {
    return jsonResponse(record.answer.body as never, { status: record.answer.statusCode, headers: { 'content-type': record.answer.contentType } });
  }
  const code = record.status === 'timedOut' ? 'timeout' : 'actionflow_error';
  return errorResponse(new ApiError(record.status === 'timedOut' ? 504 : 500, code, record.message ?? `The process ${id} ended without an answer.`));
}

/** Handlers of the incoming API (a catch-all under /phixflow/api/ so unknown paths get 404 JSON). */
export function incomingApiHandlers(ctx: ServerContext): HttpHandler[] {
  return [route(ctx, 'all', '*/phixflow/api/*', ({ request, url, journal }) => answer(ctx, journal, request, url))];
}
