/** Making new actionflows, actions and connections, with ids free in their actionflow. Pure. */
import type { Screen, Table } from '../entities';
import { ACTION_KINDS, OTHERWISE, type ActionKindName, type AnyAction } from './kinds/index';
import { DEFAULT_TIMEOUT_MS, type Actionflow, type ActionflowKind, type Connection, type Position } from './model';

/** The first id `<prefix>-<n>` not used by `taken`. */
export function freeId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${prefix}-${n}`)) return `${prefix}-${n}`;
}

/** A name like `base` not used by another action ("View", "View 2"…). */
export function freeName(base: string, flow: Pick<Actionflow, 'actions'>): string {
  const used = new Set(flow.actions.map((a) => a.name.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/** A new action of `kind` for `flow`, with the kind's default properties. */
export function newAction(
  kind: ActionKindName,
  name: string,
  position: Position,
  flow: Pick<Actionflow, 'actions' | 'kind'>,
  repository: { tables: Table[]; screens: Screen[] },
): AnyAction {
  const definition = ACTION_KINDS[kind];
  return {
    id: freeId('action', flow.actions.map((a) => a.id)),
    kind,
    name,
    description: '',
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    inputs: [],
    props: definition.defaults({ ...repository, flowKind: flow.kind }),
  } as AnyAction;
}

/** A new driving connection from `from`'s `point` to `to`, with no mappings yet. */
export function newConnection(flow: Pick<Actionflow, 'connections' | 'actions'>, from: string, point: string, to: string): Connection {
  const source = flow.actions.find((a) => a.id === from);
  return {
    id: freeId('connection', flow.connections.map((c) => c.id)),
    from,
    point,
    to,
    type: 'driving',
    listName: (source?.name ?? 'Records').replace(/[^A-Za-z0-9_]/g, '') || 'Records',
    mappings: [],
  };
}

/**
 * A new actionflow: a screen actionflow starts with its Input; an API end point also gets its
 * Output and the connection between them (its Input has the fixed parameters body, headers,
 * contentType and url).
 */
export function newActionflow(options: { id: string; applicationId: string; kind: ActionflowKind; name: string; description?: string }): Actionflow {
  const input: AnyAction = { id: 'action-1', kind: 'input', name: 'Input', description: '', position: { x: 0, y: 0 }, inputs: [], props: { parameters: [] } };
  const actions: AnyAction[] = [input];
  const connections: Connection[] = [];
  if (options.kind === 'apiEndpoint') {
    actions.push({ id: 'action-2', kind: 'output', name: 'Output', description: '', position: { x: 480, y: 0 }, inputs: [], props: {} });
    // Connected from the start, so a new end point answers (an empty body) before anything is added.
    connections.push({ id: 'connection-1', from: 'action-1', point: 'out', to: 'action-2', type: 'driving', listName: '', mappings: [] });
  }
  return {
    id: options.id,
    applicationId: options.applicationId,
    kind: options.kind,
    name: options.name,
    description: options.description ?? '',
    exclusionGroup: '',
    validateBeforeRunning: true,
    allowRunWithValidationErrors: false,
    api:
      options.kind === 'apiEndpoint'
        ? { urlAlias: '', apiMode: 'synchronous', allowAnonymousConnections: true, timeoutMs: DEFAULT_TIMEOUT_MS.synchronous, logRequest: false, logResponse: false }
        : null,
    version: 1,
    actions,
    connections,
  };
}

export { OTHERWISE };
