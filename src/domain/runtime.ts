/**
 * The actionflow runtime: walks an actionflow's graph from its input node, one action at a time,
 * following the connection of the port each action fires. Pure: data access, HTTP and time come in
 * through {@link RuntimeEnv}, so the same runtime runs in the browser and in node tests.
 */
import type { ActionNode, Actionflow, HttpNode, NamedExpression } from './actionflow';
import type { DataRecord } from './entities';
import { NotFoundError } from './errors';
import { evaluate, renderTemplate, type Clock, type ExpressionScope } from './expression';
import { USE_API_KEY } from './privileges';

/** The user an actionflow runs as ("system" for anonymous end point calls). */
export interface RunAs {
  userId: string | null;
  login: string;
  name: string;
  privileges: string[];
}

export interface HttpExchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResult {
  status: number;
  contentType: string;
  body: string;
}

/** What the runtime needs from the outside world. */
export interface RuntimeEnv {
  runAs: RunAs;
  clock: Clock;
  /**
   * Records of `table` whose attributes equal the given values; `latest` keeps the newest load only.
   * Throws {@link NotFoundError} when the application has no table of that name.
   */
  lookup(table: string, filters: { attribute: string; value: unknown }[], dataRange: 'all' | 'latest'): Promise<DataRecord[]>;
  /** Sends an HTTP action's request. */
  send(request: HttpExchange): Promise<HttpResult>;
  /** Aborted when the run must stop (its end point timed out): it ends before its next action. */
  signal?: AbortSignal;
  /** Screen field values, as `_form.X`. */
  form?: Record<string, unknown>;
}

export type RunResult =
  | { kind: 'output'; statusCode: number; contentType: string; body: unknown }
  | { kind: 'screen'; fields: Record<string, string> };

/** An actionflow failed at one action; the message is a sentence for the learner. */
export class ActionflowError extends Error {
  override name = 'ActionflowError';
  constructor(
    message: string,
    readonly nodeName: string,
    /** The privilege whose absence stopped the run, when that is why (e.g. Use API Key for a secret). */
    readonly missingPrivilege: string | null = null,
  ) {
    super(message);
  }
}

/** The input node's fixed parameters, always present. */
export const FIXED_INPUTS = ['body', 'headers', 'contentType', 'url'] as const;

const MAX_STEPS = 1_000;

type Step = { done: RunResult } | { port: 'out' | 'error' | 'empty'; record: Record<string, unknown> };

/**
 * Runs `actionflow` with `inputs` (query/body parameters, or screen fields) and resolves to what its
 * output node made. Throws {@link ActionflowError} when an action fails.
 */
export async function runActionflow(
  actionflow: Actionflow,
  inputs: Record<string, unknown>,
  env: RuntimeEnv,
): Promise<RunResult> {
  const input = actionflow.nodes.find((n) => n.kind === 'input');
  if (!input || input.kind !== 'input') {
    throw new ActionflowError(`The actionflow ${actionflow.name} has no input node, so it cannot start.`, actionflow.name);
  }
  let node: ActionNode = input;
  let record: Record<string, unknown> = {};
  for (let steps = 0; steps < MAX_STEPS; steps++) {
    if (env.signal?.aborted) {
      throw new ActionflowError(`The actionflow ${actionflow.name} was stopped before its action ${node.name}.`, node.name);
    }
    const step = await runNode(actionflow, node, record, inputs, env);
    if ('done' in step) return step.done;
    const next = actionflow.connections.find((c) => c.from === node.id && c.port === step.port);
    const target = next && actionflow.nodes.find((n) => n.id === next.to);
    if (!target) {
      throw new ActionflowError(
        `The action ${node.name} in ${actionflow.name} fired its ${step.port} output, but nothing is connected to it.`,
        node.name,
      );
    }
    node = target;
    record = step.record;
  }
  throw new ActionflowError(`The actionflow ${actionflow.name} ran more than ${MAX_STEPS} actions; its connections loop.`, actionflow.name);
}

async function runNode(
  actionflow: Actionflow,
  node: ActionNode,
  record: Record<string, unknown>,
  inputs: Record<string, unknown>,
  env: RuntimeEnv,
): Promise<Step> {
  const scope: ExpressionScope = { in: record, form: env.form ?? {}, context: { user: env.runAs.login } };
  const evalIn = (source: string, what: string) => guard(node, what, () => evaluate(source, scope, { clock: env.clock }));
  switch (node.kind) {
    case 'input': {
      const out: Record<string, unknown> = {};
      for (const name of FIXED_INPUTS) out[name] = inputs[name] ?? null;
      // An empty screen field counts as not given, so the parameter's default applies.
      for (const p of node.parameters) {
        const given = inputs[p.name];
        out[p.name] = given === undefined || given === null || given === '' ? (p.default ?? null) : given;
      }
      return { port: 'out', record: out };
    }
    case 'view': {
      const filters = [];
      for (const f of node.filters) filters.push({ attribute: f.attribute, value: await evalIn(f.expression, `the filter on ${f.attribute}`) });
      let found: DataRecord[];
      try {
        found = await env.lookup(node.table, filters, node.dataRange);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        throw new ActionflowError(`The view ${node.name} in ${actionflow.name} reads the table ${node.table}, which the application does not have.`, node.name);
      }
      if (node.cardinality === 'single') {
        return found[0] ? { port: 'out', record: { ...record, [node.as]: found[0] } } : { port: 'empty', record };
      }
      return { port: 'out', record: { ...record, [node.as]: found } };
    }
    case 'calculate': {
      const out = { ...record };
      for (const o of node.outputs) out[o.name] = await evalIn(o.expression, `the output attribute ${o.name}`);
      return { port: 'out', record: out };
    }
    case 'http':
      return runHttp(node, record, env);
    case 'output': {
      const body = await buildObject(node.body, evalIn);
      const code = node.statusCode.trim() === '' ? 200 : Number(await evalIn(node.statusCode, 'the status code'));
      if (!Number.isInteger(code) || code < 100 || code > 599) {
        throw new ActionflowError(`The output ${node.name} of ${actionflow.name} gave the status code ${code}, which is not between 100 and 599.`, node.name);
      }
      return { done: { kind: 'output', statusCode: code, contentType: node.contentType || 'application/json', body } };
    }
    case 'screenOutput': {
      const fields: Record<string, string> = {};
      for (const f of node.fields) {
        const value = await evalIn(f.expression, `the field ${f.field}`);
        fields[f.field] = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      }
      return { done: { kind: 'screen', fields } };
    }
  }
}

/** Builds a JSON object from named expressions; dotted names (`error.code`) make nested objects. */
async function buildObject(
  entries: NamedExpression[],
  evalIn: (source: string, what: string) => Promise<unknown>,
): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for (const e of entries) {
    const path = e.name.split('.');
    let target = body;
    for (const key of path.slice(0, -1)) {
      const inner = Object.hasOwn(target, key) ? target[key] : undefined;
      target = (inner && typeof inner === 'object' ? inner : (target[key] = {})) as Record<string, unknown>;
    }
    target[path[path.length - 1]!] = (await evalIn(e.expression, `the output ${e.name}`)) ?? null;
  }
  return body;
}

async function runHttp(node: HttpNode, record: Record<string, unknown>, env: RuntimeEnv): Promise<Step> {
  // A secret is handed out only to a user who holds Use API Key, and only while it is enabled.
  const datasource = (name: string): string => {
    const secret = node.secretKeys.find((s) => s.name === name);
    if (!secret) throw new ActionflowError(`The HTTP action ${node.name} has no secret key named ${name}.`, node.name);
    if (!secret.enabled) throw new ActionflowError(`The secret key ${name} of the HTTP action ${node.name} is disabled, so it cannot be used.`, node.name);
    if (!env.runAs.privileges.includes(USE_API_KEY)) {
      throw new ActionflowError(
        `The user ${env.runAs.login} needs the ${USE_API_KEY} privilege to use the secret key ${name} in the HTTP action ${node.name}; the call was not sent.`,
        node.name,
        USE_API_KEY,
      );
    }
    return secret.secret;
  };
  const scope: ExpressionScope = { in: record, form: env.form ?? {}, context: { user: env.runAs.login }, datasource };
  const url = await guard(node, 'its URL Template', () => renderTemplate(node.urlTemplate, scope, { clock: env.clock }));
  const headers: Record<string, string> = {};
  for (const h of node.headers) {
    const value = await guard(node, `the header ${h.name}`, () => evaluate(h.expression, scope, { clock: env.clock }));
    if (value !== null && value !== undefined) headers[h.name] = String(value);
  }
  const method = node.method === 'GET or POST' ? 'GET' : node.method;
  let result: HttpResult;
  try {
    result = await env.send({ method, url, headers });
  } catch (err) {
    // Shaped like the server's own error bodies, so an actionflow reads it the same way.
    const message = `The HTTP action ${node.name} could not reach ${url}: ${(err as Error).message}`;
    result = { status: 0, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unreachable', message } }) };
  }
  const port = result.status >= 200 && result.status < 300 ? 'out' : 'error';
  return { port, record: { ...record, status: result.status, contentType: result.contentType, body: result.body } };
}

async function guard<T>(node: ActionNode, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ActionflowError) throw err;
    throw new ActionflowError(`The action ${node.name} could not evaluate ${what}: ${(err as Error).message}`, node.name);
  }
}
