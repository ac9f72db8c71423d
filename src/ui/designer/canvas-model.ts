/**
 * What the canvas draws, made from the draft: one node per action (its kind, name, connection
 * points, problem count, and the last run's counts), one edge per connection (mapped or not,
 * driving or lookup, the records that went along it). Pure apart from the types it names.
 */
import type { Edge, Node } from '@xyflow/svelte';
import { ACTION_KINDS, actionFocus, connectionFocus, kindOf, type Actionflow, type AnyAction, type Connection, type Problem, type RunTrace } from '$domain/actionflow';
import type { ActionTrace } from '$domain/actionflow';

export interface ActionNodeData extends Record<string, unknown> {
  flowId: string;
  action: AnyAction;
  kindLabel: string;
  points: string[];
  /** Whether connections may lead into it (all but the Input). */
  takesInput: boolean;
  problems: string[];
  trace: ActionTrace | null;
}

export interface ConnectionEdgeData extends Record<string, unknown> {
  flowId: string;
  connection: Connection;
  mapped: boolean;
  problems: string[];
  /** Records that went along it in the run shown, or null when no run is shown. */
  count: number | null;
  failedInto: boolean;
}

export type ActionNode = Node<ActionNodeData, 'action'>;
export type ConnectionEdge = Edge<ConnectionEdgeData, 'connection'>;

/** "HTTP action Call API", "Input action Input": how the canvas and the outline name an action. */
export function actionTitle(action: AnyAction): string {
  return `${ACTION_KINDS[action.kind].label} action ${action.name}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The nodes of `flow`, keeping what xyflow measured and selected on `previous`. */
export function nodesOf(flow: Actionflow, problems: readonly Problem[], trace: RunTrace | null, previous: readonly ActionNode[], selectedId: string | null): ActionNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return flow.actions.map((action) => {
    const own = problems.filter((p) => p.where.kind === 'action' && p.where.actionId === action.id).map((p) => p.message);
    const t = trace?.actions.find((x) => x.actionId === action.id) ?? null;
    const old = before.get(action.id);
    const title = actionTitle(action);
    const extra = [own.length ? plural(own.length, 'problem') : '', t?.error ? 'failed in the last run' : ''].filter(Boolean).join(', ');
    return {
      id: action.id,
      type: 'action',
      position: { ...action.position },
      measured: old?.measured,
      selected: action.id === selectedId,
      ariaRole: 'button',
      ariaLabel: extra ? `${title}, ${extra}` : title,
      domAttributes: { 'data-focus': actionFocus(flow.id, action.id) } as Record<string, string>,
      deletable: action.kind !== 'input',
      data: {
        flowId: flow.id,
        action,
        kindLabel: ACTION_KINDS[action.kind].label,
        points: kindOf(action).points(action.props as never),
        takesInput: action.kind !== 'input',
        problems: own,
        trace: t,
      },
    };
  });
}

/** "Input (out) → Find Company": how sentences name a connection. */
export function connectionTitle(flow: Actionflow, c: Connection): string {
  const name = (id: string) => flow.actions.find((a) => a.id === id)?.name ?? id;
  return `${name(c.from)} (${c.point}) → ${name(c.to)}`;
}

/** The edges of `flow`. */
export function edgesOf(flow: Actionflow, problems: readonly Problem[], trace: RunTrace | null, selectedId: string | null): ConnectionEdge[] {
  return flow.connections.map((c) => {
    const own = problems.filter((p) => p.where.kind === 'connection' && p.where.connectionId === c.id).map((p) => p.message);
    const count = trace ? (trace.connections[c.id] ?? 0) : null;
    const mapped = c.mappings.length > 0;
    const parts = [c.type === 'lookup' ? 'lookup' : 'driving', mapped ? plural(c.mappings.length, 'mapping') : 'not mapped'];
    if (own.length) parts.push(plural(own.length, 'problem'));
    if (count !== null) parts.push(`${plural(count, 'record')} in the last run`);
    return {
      id: c.id,
      type: 'connection',
      source: c.from,
      sourceHandle: c.point,
      target: c.to,
      targetHandle: 'in',
      selected: c.id === selectedId,
      ariaLabel: `Connection ${connectionTitle(flow, c)}, ${parts.join(', ')}`,
      domAttributes: { 'data-focus': connectionFocus(flow.id, c.id) } as Record<string, string>,
      data: { flowId: flow.id, connection: c, mapped, problems: own, count, failedInto: trace?.failedActionId === c.to },
    };
  });
}
