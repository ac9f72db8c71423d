/**
 * Reading and building actionflow graphs for the chapters that have the learner build one (3.01
 * and its exercise). Checks find actions by kind and by what they are about (the table a View
 * reads, the connection point a record arrives by), never by the names the learner typed; "Show me"
 * builds on the learner's own graph, adding only what is missing.
 */
import type { SandboxClient } from '$client/index';
import {
  ACTION_KINDS,
  freeId,
  freeName,
  type Action,
  type ActionKindName,
  type Actionflow,
  type ActionflowKind,
  type AnyAction,
  type Connection,
  type ConnectionType,
  type Mapping,
  type Parameter,
} from '$domain/actionflow';
import { expressionReferences } from '$domain/expression';
import { APPLICATION_ID } from './course';

/** The actions of `kind` in `flow`, in the order they were added. */
export function actionsOfKind<K extends ActionKindName>(flow: Actionflow, kind: K): Action<K>[] {
  return flow.actions.filter((a) => a.kind === kind) as unknown as Action<K>[];
}

/** The actionflow's Input (every actionflow has one). */
export function inputOf(flow: Actionflow): Action<'input'> | undefined {
  return actionsOfKind(flow, 'input')[0];
}

/** The first View reading the table `tableId`. */
export function viewOn(flow: Actionflow, tableId: string): Action<'view'> | undefined {
  return actionsOfKind(flow, 'view').find((v) => v.props.tableId === tableId);
}

/** Connections from `from`'s point `point` (any point when not given). */
export function connectionsFrom(flow: Actionflow, from: string, point?: string): Connection[] {
  return flow.connections.filter((c) => c.from === from && (point === undefined || c.point === point));
}

/** The first connection from `from`'s `point` to `to`. */
export function connectionBetween(flow: Actionflow, from: string, point: string, to: string): Connection | undefined {
  return flow.connections.find((c) => c.from === from && c.point === point && c.to === to);
}

/** The first action of `kind` that `from`'s `point` leads to, with the connection. */
export function targetOfKind<K extends ActionKindName>(
  flow: Actionflow,
  from: string,
  point: string,
  kind: K,
): { action: Action<K>; connection: Connection } | undefined {
  for (const connection of connectionsFrom(flow, from, point)) {
    const action = flow.actions.find((a) => a.id === connection.to && a.kind === kind);
    if (action) return { action: action as unknown as Action<K>, connection };
  }
  return undefined;
}

/** The mapping of a connection onto `target`, if any. */
export function mappingOnto(connection: Connection, target: string): Mapping | undefined {
  return connection.mappings.find((m) => m.target === target);
}

/** True when the expression reads `root.name` (false when it does not parse). */
export function reads(expression: string, root: string, name: string): boolean {
  try {
    return expressionReferences(expression).some((r) => r.root === root && r.name === name);
  } catch {
    return false;
  }
}

/** True when the mapping takes the record's attribute `attribute` (as is, or by an expression reading `in.<attribute>`). */
export function mapsAttribute(mapping: Mapping | undefined, attribute: string): boolean {
  if (!mapping) return false;
  return 'attribute' in mapping ? mapping.attribute === attribute : reads(mapping.expression, 'in', attribute);
}

/** A mapping's source, as the mapping window shows it. */
export function mappingSource(mapping: Mapping): string {
  return 'attribute' in mapping ? mapping.attribute : mapping.expression;
}

/** True when a View keeps the records whose `attribute` equals `in.<parameter>`. */
export function filtersOn(view: Action<'view'>, attribute: string, parameter: string): boolean {
  return view.props.filters.some((f) => f.attribute === attribute && reads(f.expression, 'in', parameter));
}

/** True when the action declares the input parameter `name`. */
export function declares(action: AnyAction, name: string): boolean {
  return action.inputs.some((p) => p.name === name);
}

// ---- Building, for "Show me" ----

/**
 * A draft of one of the learner's actionflows: "Show me" finds what is there, adds what is missing
 * and saves once, through the client, with the version it read (so nothing the learner saved
 * meanwhile is overwritten unseen).
 */
export class FlowDraft {
  private constructor(
    public flow: Actionflow,
    private readonly client: SandboxClient,
  ) {}

  /** The actionflow named `name`, created (of `kind`, in Actionflow Advanced) when there is none. */
  static async open(client: SandboxClient, name: string, kind: ActionflowKind): Promise<FlowDraft> {
    const existing = (await client.getRepository()).actionflows.find((a) => a.name === name);
    const saved = existing ? await client.getActionflow(existing.id) : await client.createActionflow({ applicationId: APPLICATION_ID, kind, name });
    if (saved.actionflow.kind !== kind) {
      throw new Error(`${name} is ${saved.actionflow.kind === 'apiEndpoint' ? 'an API end point' : 'a screen actionflow'}; this step needs ${kind === 'apiEndpoint' ? 'an API end point' : 'a screen actionflow'} of that name. Rename or delete it first.`);
    }
    return new FlowDraft(structuredClone(saved.actionflow), client);
  }

  /** The Input action. */
  input(): Action<'input'> {
    const input = inputOf(this.flow);
    if (!input) throw new Error(`${this.flow.name} has no Input action.`);
    return input;
  }

  /**
   * The first action of `kind` matching `match` (as it is: the caller puts right what it needs), or
   * a new one with the kind's defaults and `props`, named `name` (or "name 2"… when taken).
   */
  ensureAction<K extends ActionKindName>(
    kind: K,
    match: (a: Action<K>) => boolean,
    name: string,
    props: Partial<Action<K>['props']>,
    position: { x: number; y: number },
  ): Action<K> {
    const found = actionsOfKind(this.flow, kind).find(match);
    if (found) return found;
    const defaults = ACTION_KINDS[kind].defaults({ tables: [], screens: [], flowKind: this.flow.kind }) as Action<K>['props'];
    const action = {
      id: freeId('action', this.flow.actions.map((a) => a.id)),
      kind,
      name: freeName(name, this.flow),
      description: '',
      position,
      inputs: [],
      props: { ...defaults, ...props },
    } as unknown as Action<K>;
    this.flow.actions.push(action as AnyAction);
    return action;
  }

  /** The connection from `from`'s `point` to `to`, made when missing; its type (and list name) set. */
  ensureConnection(from: AnyAction, point: string, to: AnyAction, type: ConnectionType = 'driving', listName = ''): Connection {
    let connection = connectionBetween(this.flow, from.id, point, to.id);
    if (!connection) {
      connection = { id: freeId('connection', this.flow.connections.map((c) => c.id)), from: from.id, point, to: to.id, type, listName, mappings: [] };
      this.flow.connections.push(connection);
    }
    connection.type = type;
    if (type === 'lookup') connection.listName = listName;
    return connection;
  }

  /** Removes the connection from `from`'s `point` to `to`, if there is one. */
  disconnect(from: AnyAction, point: string, to: AnyAction): void {
    this.flow.connections = this.flow.connections.filter((c) => !(c.from === from.id && c.point === point && c.to === to.id));
  }

  /**
   * Maps onto `target` (replacing a mapping onto it), declaring the target's input parameter of
   * that name when the kind takes free inputs and it is not declared yet.
   */
  map(connection: Connection, mapping: Mapping, type: Parameter['type'] = 'String'): void {
    connection.mappings = [...connection.mappings.filter((m) => m.target !== mapping.target), mapping];
    const target = this.flow.actions.find((a) => a.id === connection.to);
    if (target && ACTION_KINDS[target.kind].freeInputs && !declares(target, mapping.target) && !fixedInput(target, mapping.target)) {
      target.inputs.push({ name: mapping.target, type });
    }
  }

  /** Saves the draft (the graph and its settings) with the version it was read at. */
  async save(): Promise<Actionflow> {
    const { actions, connections, version, name, description, exclusionGroup, validateBeforeRunning, allowRunWithValidationErrors, api } = this.flow;
    const saved = await this.client.saveActionflow(this.flow.id, {
      actions,
      connections,
      version,
      name,
      description,
      exclusionGroup,
      validateBeforeRunning,
      allowRunWithValidationErrors,
      ...(api ? { api } : {}),
    });
    this.flow = structuredClone(saved.actionflow);
    return saved.actionflow;
  }
}

const OUTPUT_FIXED = new Set(['body', 'headers', 'contentType', 'statusCode']);

function fixedInput(action: AnyAction, name: string): boolean {
  return action.kind === 'output' && OUTPUT_FIXED.has(name);
}

/** Where a new action goes: to the right of `after`, `row` rows down. */
export function besides(after: AnyAction, row = 0): { x: number; y: number } {
  return { x: after.position.x + 260, y: after.position.y + row * 180 };
}
