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

const sameList = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameFocus = (a: Node | Edge, b: Node | Edge) => a.domAttributes?.['data-focus'] === b.domAttributes?.['data-focus'];

/** `previous` when every one of `next` is its element at the same place, else `next`. */
function kept<T>(previous: readonly T[], next: T[]): T[] {
  return sameList(previous, next) ? (previous as T[]) : next;
}

/** Whether `a` and `b` draw the same action node (the action itself compared by identity). */
function sameNode(a: ActionNode, b: ActionNode): boolean {
  const [x, y] = [a.data, b.data];
  return a.position.x === b.position.x && a.position.y === b.position.y && a.selected === b.selected && a.ariaLabel === b.ariaLabel && a.deletable === b.deletable && sameFocus(a, b)
    && x.flowId === y.flowId && x.action === y.action && x.kindLabel === y.kindLabel && x.takesInput === y.takesInput && x.trace === y.trace
    && sameList(x.points, y.points) && sameList(x.problems, y.problems);
}

/** Whether `a` and `b` draw the same connection edge (the connection compared by identity). */
function sameEdge(a: ConnectionEdge, b: ConnectionEdge): boolean {
  const [x, y] = [a.data!, b.data!];
  return a.source === b.source && a.sourceHandle === b.sourceHandle && a.target === b.target && a.selected === b.selected && a.ariaLabel === b.ariaLabel && sameFocus(a, b)
    && x.flowId === y.flowId && x.connection === y.connection && x.mapped === y.mapped && x.count === y.count && x.failedInto === y.failedInto && sameList(x.problems, y.problems);
}

/**
 * The nodes of `flow`, keeping what xyflow measured on `previous`. A node that would be drawn as
 * it is keeps its object, and `previous` itself comes back when no node changed: a refresh of the
 * repository (as while the Company Data is seeded) recomputes the problems, and handing xyflow new
 * nodes each time made it take them in again, losing a click under way.
 */
export function nodesOf(flow: Actionflow, problems: readonly Problem[], trace: RunTrace | null, previous: readonly ActionNode[], selectedId: string | null): ActionNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return kept(previous, flow.actions.map((action): ActionNode => {
    const own = problems.filter((p) => p.where.kind === 'action' && p.where.actionId === action.id).map((p) => p.message);
    const t = trace?.actions.find((x) => x.actionId === action.id) ?? null;
    const old = before.get(action.id);
    const title = actionTitle(action);
    const extra = [own.length ? plural(own.length, 'problem') : '', t?.error ? 'failed in the last run' : ''].filter(Boolean).join(', ');
    const node: ActionNode = {
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
    return old && sameNode(old, node) ? old : node;
  }));
}

/** "Input (out) → Find Company": how sentences name a connection. */
export function connectionTitle(flow: Actionflow, c: Connection): string {
  const name = (id: string) => flow.actions.find((a) => a.id === id)?.name ?? id;
  return `${name(c.from)} (${c.point}) → ${name(c.to)}`;
}

/** The edges of `flow`; like {@link nodesOf}, an edge drawn as it was keeps its object from `previous`. */
export function edgesOf(flow: Actionflow, problems: readonly Problem[], trace: RunTrace | null, selectedId: string | null, previous: readonly ConnectionEdge[] = []): ConnectionEdge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  return kept(previous, flow.connections.map((c): ConnectionEdge => {
    const own = problems.filter((p) => p.where.kind === 'connection' && p.where.connectionId === c.id).map((p) => p.message);
    const count = trace ? (trace.connections[c.id] ?? 0) : null;
    const mapped = c.mappings.length > 0;
    const parts = [c.type === 'lookup' ? 'lookup' : 'driving', mapped ? plural(c.mappings.length, 'mapping') : 'not mapped'];
    if (own.length) parts.push(plural(own.length, 'problem'));
    if (count !== null) parts.push(`${plural(count, 'record')} in the last run`);
    const edge: ConnectionEdge = {
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
    const old = before.get(c.id);
    return old && sameEdge(old, edge) ? old : edge;
  }));
}
