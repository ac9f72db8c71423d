/**
 * Runs an actionflow: one Input record starts it; each action runs once for the records that reached
 * it (in an order where every action comes after those that lead into it), and what it sends on a
 * connection point goes along the connections from that point — record by record on a driving
 * connection, gathered into one list on a lookup connection. Pure: data, HTTP and time come in
 * through the environment.
 */
import { evaluate, ExpressionError } from '../../expression';
import { FlowAttributes } from '../attributes';
import { ActionflowError, coerce, type ActionRunEnv, type DesignRepository, type ItemResult, type RunAnswer, type RunItem } from '../kind';
import { kindOf, type AnyAction } from '../kinds/index';
import type { Actionflow, Connection } from '../model';
import { TRACE_SAMPLE, TraceRecorder, type RunTrace } from './trace';

/** Most records one action may receive in one run. */
export const MAX_RECORDS_PER_ACTION = 10_000;

export interface RunOptions {
  /** The call's parameters (an end point) or the screen's fields (a screen actionflow). */
  inputs: Record<string, unknown>;
  env: Omit<ActionRunEnv, 'answer' | 'log'>;
  repository: DesignRepository;
  /** Record a trace (on by default). */
  trace?: boolean;
  /** Milliseconds since some start, for the trace's times (a monotonic clock). */
  elapsed?: () => number;
  /** Told which action is about to run. */
  onAction?: (action: AnyAction) => void;
}

export interface RunResult {
  answers: RunAnswer[];
  trace: RunTrace | null;
}

/** A run that failed: the error, and the trace up to it. */
export class RunFailure extends Error {
  override name = 'RunFailure';
  constructor(
    readonly error: unknown,
    readonly trace: RunTrace | null,
  ) {
    super(error instanceof Error ? error.message : String(error));
  }
}

/** The actions reachable from `start`, each after every action with a connection into it. */
function runOrder(flow: Actionflow, start: AnyAction): AnyAction[] {
  const byId = new Map(flow.actions.map((a) => [a.id, a]));
  const reach = new Set<string>();
  const stack = [start.id];
  while (stack.length) {
    const id = stack.pop()!;
    if (reach.has(id)) continue;
    reach.add(id);
    for (const c of flow.connections) if (c.from === id && byId.has(c.to)) stack.push(c.to);
  }
  const waiting = new Map<string, number>();
  for (const id of reach) waiting.set(id, 0);
  for (const c of flow.connections) if (reach.has(c.from) && reach.has(c.to)) waiting.set(c.to, waiting.get(c.to)! + 1);
  const ready = [start.id];
  const order: AnyAction[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(byId.get(id)!);
    for (const c of flow.connections) {
      if (c.from !== id || !reach.has(c.to)) continue;
      const left = waiting.get(c.to)! - 1;
      waiting.set(c.to, left);
      if (left === 0) ready.push(c.to);
    }
  }
  if (order.length < reach.size) {
    throw new ActionflowError(`The actionflow ${flow.name} has connections that form a loop, so it cannot run; the designer's problems list shows where.`, null, flow.name);
  }
  return order;
}

/** Runs `flow`; resolves to the answers its Outputs and Screen outputs gave, and the trace. */
export async function runActionflow(flow: Actionflow, options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const elapsed = options.elapsed ?? (() => Date.now() - started);
  const trace = options.trace === false ? null : new TraceRecorder(elapsed);
  const answers: RunAnswer[] = [];
  const env: ActionRunEnv = {
    ...options.env,
    answer: (a) => void answers.push(a),
    log: (actionId, text) => trace?.log(actionId, text),
  };
  const attributes = new FlowAttributes({ flow, repository: options.repository });
  let current: AnyAction | null = null;
  try {
    const input = flow.actions.find((a) => a.kind === 'input');
    if (!input) throw new ActionflowError(`The actionflow ${flow.name} has no Input action, so it cannot start.`, null, flow.name);
    const queues = new Map<string, RunItem[]>([[input.id, [{ record: {}, params: { ...options.inputs }, mapped: Object.keys(options.inputs) }]]]);
    const outgoing = new Map<string, Connection[]>();
    for (const c of flow.connections) outgoing.set(c.from, [...(outgoing.get(c.from) ?? []), c]);
    const byId = new Map(flow.actions.map((a) => [a.id, a]));

    for (const action of runOrder(flow, input)) {
      const items = queues.get(action.id);
      queues.delete(action.id);
      if (!items || items.length === 0) continue;
      if (env.signal?.aborted) throw new ActionflowError(`The actionflow ${flow.name} was stopped before its action ${action.name}.`, action.id, action.name);
      if (items.length > MAX_RECORDS_PER_ACTION) {
        throw new ActionflowError(`The action ${action.name} of ${flow.name} received ${items.length.toLocaleString('en')} records, more than the ${MAX_RECORDS_PER_ACTION.toLocaleString('en')} an action handles in one run.`, action.id, action.name);
      }
      current = action;
      options.onAction?.(action);
      // Only the first records are kept, so only they are gathered: a trace costs the same for 10 or 10,000.
      trace?.started(action, items.slice(0, TRACE_SAMPLE).map((i) => i.params), items.length);
      const kind = kindOf(action);
      const results: ItemResult[] = await kind.run(action as never, items, env);
      if (trace) for (const result of results) for (const [point, records] of result) for (const r of records) trace.sent(action.id, point, r);
      trace?.finished(action.id);
      current = null;

      for (const c of outgoing.get(action.id) ?? []) {
        const target = byId.get(c.to);
        if (!target) continue;
        const queue = queues.get(target.id) ?? [];
        queues.set(target.id, queue);
        let sent = 0;
        for (const [i, item] of items.entries()) {
          const emitted = results[i]?.get(c.point);
          if (!emitted) continue;
          const base = kind.passesThrough ? { ...item.record, ...item.params } : {};
          const records = c.type === 'lookup' ? [{ ...base, [c.listName]: emitted }] : emitted.map((e) => ({ ...base, ...e }));
          for (const record of records) {
            queue.push(await mapOnto(flow, c, byId.get(c.from)!, target, record, attributes, env));
            sent += 1;
          }
        }
        if (sent > 0) trace?.along(c.id, sent);
      }
    }
    return { answers, trace: trace?.result() ?? null };
  } catch (err) {
    if (current) trace?.finished(current.id, err instanceof Error ? err.message : String(err));
    throw new RunFailure(err, trace?.result() ?? null);
  }
}

/** The item a connection delivers to its target: the record, and the target's parameters mapped from it. */
async function mapOnto(
  flow: Actionflow,
  c: Connection,
  from: AnyAction,
  target: AnyAction,
  record: Record<string, unknown>,
  attributes: FlowAttributes,
  env: ActionRunEnv,
): Promise<RunItem> {
  const params: Record<string, unknown> = {};
  const mapped: string[] = [];
  const inputs = attributes.inputsOf(target);
  for (const p of inputs) {
    const fitted = p.default === undefined ? null : coerce(p.default, p.type);
    params[p.name] = fitted && fitted.ok ? fitted.value : null;
  }
  for (const m of c.mappings) {
    let value: unknown;
    if ('attribute' in m) value = Object.hasOwn(record, m.attribute) ? record[m.attribute] : null;
    else {
      try {
        value = await evaluate(m.expression, { in: record, form: env.form, user: { username: env.runAs.login, name: env.runAs.name } }, { clock: env.clock });
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        throw new ActionflowError(`The mapping onto ${m.target} of the connection from ${from.name} to ${target.name} could not be evaluated: ${err.message}`, target.id, target.name);
      }
    }
    const type = inputs.find((p) => p.name === m.target)?.type ?? 'Any';
    const fitted = coerce(value, type);
    if (!fitted.ok) {
      throw new ActionflowError(`The connection from ${from.name} to ${target.name} maps ${fitted.why} onto ${m.target}, which is of type ${type}.`, target.id, target.name);
    }
    params[m.target] = fitted.value;
    mapped.push(m.target);
  }
  void flow;
  return { record, params, mapped };
}
