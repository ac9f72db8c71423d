/**
 * `validateActionflow`: every problem of an actionflow, each a sentence naming where it is. A save
 * keeps an actionflow with problems (the designer shows them); a run refuses one unless it allows
 * running with validation errors.
 */
import { expressionReferences, ExpressionError, parseExpression } from '../expression';
import { FlowAttributes } from './attributes';
import { canMap, type DesignRepository, type KindContext, type Problem } from './kind';
import { kindOf, type AnyAction } from './kinds/index';
import type { Actionflow, Connection } from './model';

/** How sentences call an action: "the View action Find Company". */
export function actionLabel(action: AnyAction): string {
  const label = kindOf(action).label;
  return action.kind === 'input' || action.kind === 'output' ? `the ${label} ${action.name}` : `the ${label} action ${action.name}`;
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every problem of `flow`, in a stable order: the actionflow, then its actions, then its connections. */
export function validateActionflow(flow: Actionflow, repository: DesignRepository): Problem[] {
  const ctx: KindContext = { flow, repository };
  const problems: Problem[] = [];
  const byId = new Map(flow.actions.map((a) => [a.id, a]));
  const flowWord = flow.kind === 'apiEndpoint' ? 'end point' : 'actionflow';

  const inputs = flow.actions.filter((a) => a.kind === 'input');
  if (inputs.length === 0) problems.push({ where: { kind: 'flow' }, message: `The ${flowWord} ${flow.name} has no Input action, so it has nowhere to start.` });
  if (inputs.length > 1) {
    for (const extra of inputs.slice(1)) {
      problems.push({ where: { kind: 'action', actionId: extra.id }, message: `The ${flowWord} ${flow.name} has ${inputs.length} Input actions; it starts at one, so remove ${extra.name}.` });
    }
  }
  if (flow.kind === 'apiEndpoint' && !flow.actions.some((a) => a.kind === 'output')) {
    problems.push({ where: { kind: 'flow' }, message: `The end point ${flow.name} has no Output action, so its calls cannot be answered.` });
  }

  const names = new Map<string, AnyAction>();
  const attributes = new FlowAttributes(ctx);
  const reached = reachableFrom(flow, inputs[0]?.id);
  for (const action of flow.actions) {
    const kind = kindOf(action);
    const label = actionLabel(action);
    const key = action.name.trim().toLowerCase();
    const clash = names.get(key);
    if (clash) problems.push({ where: { kind: 'action', actionId: action.id, field: 'name' }, message: `${cap(label)} has the same name as another action; action names must be unique.` });
    else names.set(key, action);
    if (!kind.flows.includes(flow.kind)) {
      const why = action.kind === 'output' ? 'an Output answers an end point; a screen actionflow ends in a Screen output' : 'a Screen output fills a screen, and an end point answers with an Output';
      problems.push({ where: { kind: 'action', actionId: action.id }, message: `${cap(label)} cannot be part of ${flow.kind === 'apiEndpoint' ? 'an end point' : 'a screen actionflow'}: ${why}.` });
    }
    if (action.kind !== 'input') {
      if (!flow.connections.some((c) => c.to === action.id)) {
        problems.push({ where: { kind: 'action', actionId: action.id }, message: `${cap(label)} is not connected: no connection leads into it, so it never runs.` });
      } else if (inputs.length > 0 && !reached.has(action.id)) {
        problems.push({ where: { kind: 'action', actionId: action.id }, message: `${cap(label)} cannot be reached from the Input ${inputs[0]!.name}, so it never runs.` });
      }
    }
    problems.push(...kind.validate(action as never, ctx));
  }

  for (const connection of flow.connections) problems.push(...connectionProblems(connection, byId, attributes));
  problems.push(...cycleProblems(flow, byId));
  return problems;
}

function connectionProblems(c: Connection, byId: Map<string, AnyAction>, attributes: FlowAttributes): Problem[] {
  const from = byId.get(c.from);
  const to = byId.get(c.to);
  const at = (target?: string): Problem['where'] => ({ kind: 'connection', connectionId: c.id, target });
  if (!from || !to) return [{ where: at(), message: `A connection (${c.id}) joins an action that is not in the actionflow.` }];
  const name = `the connection from ${from.name} (${c.point}) to ${to.name}`;
  const problems: Problem[] = [];
  const points = kindOf(from).points(from.props as never);
  if (!points.includes(c.point)) {
    const has = points.length ? `its connection points are ${points.join(', ')}` : 'it has no connection points';
    problems.push({ where: at(), message: `${cap(name)} leaves from ${c.point}, which ${actionLabel(from)} does not have (${has}).` });
  }
  if (to.kind === 'input') problems.push({ where: at(), message: `${cap(name)} leads into the Input ${to.name}; nothing connects into an Input.` });
  const targets = attributes.inputsOf(to);
  const delivered = attributes.deliveredBy(c);
  const mapped = new Set<string>();
  for (const m of c.mappings) {
    mapped.add(m.target);
    const target = targets.find((p) => p.name === m.target);
    if (!target) {
      problems.push({ where: at(m.target), message: `${cap(name)} maps onto ${m.target}, which is not an input parameter of ${actionLabel(to)}.` });
      continue;
    }
    if ('attribute' in m) {
      const source = delivered.find((p) => p.name === m.attribute);
      if (!source) problems.push({ where: at(m.target), message: `${cap(name)} maps ${m.attribute} onto ${m.target}, but no record on this connection has an attribute ${m.attribute}.` });
      else if (!canMap(source.type, target.type)) {
        problems.push({ where: at(m.target), message: `${cap(name)} maps ${m.attribute} (${source.type}) onto ${m.target} (${target.type}); a ${source.type} value cannot go onto a ${target.type} parameter.` });
      }
    } else {
      problems.push(...mappingExpressionProblems(name, m.target, m.expression, delivered.map((p) => p.name), at(m.target)));
    }
  }
  // A declared parameter without a default must be filled by every connection that reaches the action.
  for (const p of to.inputs) {
    if (p.default === undefined && !mapped.has(p.name) && targets.some((t) => t.name === p.name)) {
      problems.push({ where: at(p.name), message: `${cap(name)} does not map ${actionLabel(to)}'s input parameter ${p.name}, which has no default; map an attribute onto it.` });
    }
  }
  return problems;
}

function mappingExpressionProblems(name: string, target: string, source: string, delivered: string[], where: Problem['where']): Problem[] {
  if (source.trim() === '') return [{ where, message: `${cap(name)} maps an empty expression onto ${target}.` }];
  try {
    parseExpression(source);
  } catch (err) {
    if (err instanceof ExpressionError) return [{ where, message: `The mapping onto ${target} of ${name}: ${err.message}` }];
    throw err;
  }
  return expressionReferences(source)
    .filter((r) => r.root === 'in' && !delivered.includes(r.name))
    .map((r) => ({ where, message: `The mapping onto ${target} of ${name} uses in.${r.name}, but no record on this connection has an attribute ${r.name}.` }));
}

/** The actions reachable from `start` along connections. */
function reachableFrom(flow: Actionflow, start: string | undefined): Set<string> {
  const seen = new Set<string>();
  if (!start) return seen;
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const c of flow.connections) if (c.from === id) stack.push(c.to);
  }
  return seen;
}

/** One problem per connection that closes a loop (records would go round for ever). */
function cycleProblems(flow: Actionflow, byId: Map<string, AnyAction>): Problem[] {
  const problems: Problem[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const out = new Map<string, Connection[]>();
  for (const c of flow.connections) out.set(c.from, [...(out.get(c.from) ?? []), c]);
  for (const action of flow.actions) {
    if (state.has(action.id)) continue;
    // Iterative depth-first search: graphs may be long chains.
    const stack: { id: string; next: number }[] = [{ id: action.id, next: 0 }];
    state.set(action.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = out.get(top.id) ?? [];
      if (top.next >= edges.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const edge = edges[top.next++]!;
      const seen = state.get(edge.to);
      if (seen === 'open') {
        const from = byId.get(edge.from)?.name ?? edge.from;
        const to = byId.get(edge.to)?.name ?? edge.to;
        problems.push({ where: { kind: 'connection', connectionId: edge.id }, message: `The connection from ${from} to ${to} closes a loop: records would go round it for ever. Remove it or lead it elsewhere.` });
      } else if (!seen && byId.has(edge.to)) {
        state.set(edge.to, 'open');
        stack.push({ id: edge.to, next: 0 });
      }
    }
  }
  return problems;
}
