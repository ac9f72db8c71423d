/**
 * Actionflows as data: screen actionflows (run from a screen button) and API end point actionflows
 * (run by calls to the incoming API). An actionflow is a graph: actions, each of a registered kind
 * (./kinds) with its properties and a position on the canvas, and connections from an action's
 * connection point to another action, each carrying the mappings that fill the target's input
 * parameters. The runtime (./run) sends records along the connections.
 */
import type { AttributeType } from '../entities';

export type ApiMode = 'synchronous' | 'asynchronous';

/** Settings of an API end point actionflow, as in its Basic Settings / API / Logging sections. */
export interface ApiSettings {
  urlAlias: string;
  apiMode: ApiMode;
  allowAnonymousConnections: boolean;
  /** Timeout in milliseconds (platform default: 60 000 synchronous, 500 asynchronous). */
  timeoutMs: number;
  logRequest: boolean;
  logResponse: boolean;
}

export const DEFAULT_TIMEOUT_MS: Record<ApiMode, number> = { synchronous: 60_000, asynchronous: 500 };

/**
 * What a parameter or attribute holds inside an actionflow: one of the platform's attribute types,
 * `List` (the records a lookup connection gathers) or `Any` (JSON of any shape, headers).
 */
export type DataType = AttributeType | 'List' | 'Any';

/** An input parameter of an action (or a parameter an Input action emits). */
export interface Parameter {
  name: string;
  type: DataType;
  /** Text used when nothing is mapped onto it (or the call leaves it out); absent means null. */
  default?: string;
}

/** Name + expression pair: HTTP headers. */
export interface NamedExpression {
  name: string;
  expression: string;
}

/** An attribute an action computes: Calculate's Output Attributes, JSON's and HTTP's outputs. */
export interface ComputedAttribute {
  name: string;
  type: AttributeType;
  expression: string;
}

/** Where an action sits on the canvas, in canvas units. */
export interface Position {
  x: number;
  y: number;
}

/**
 * One action. `kind` names its module in ./kinds; `props` is that kind's properties; `inputs` are
 * the parameters the learner declared (a kind may add fixed ones of its own).
 */
export interface ActionOf<K extends string, P> {
  id: string;
  kind: K;
  name: string;
  description: string;
  position: Position;
  inputs: Parameter[];
  props: P;
}

/**
 * How a connection delivers records. `driving`: each record the source sends runs the target once.
 * `lookup` (dotted on the canvas): the records the source sends for one record it received are
 * gathered into one list attribute (named by the connection) of a single record.
 */
export type ConnectionType = 'driving' | 'lookup';

/** Fills one input parameter of the target: from an attribute of the record, or an expression over it (`in`). */
export type Mapping = { target: string; attribute: string } | { target: string; expression: string };

/** A connection from `from`'s connection point `point` to `to`. */
export interface Connection {
  id: string;
  from: string;
  point: string;
  to: string;
  type: ConnectionType;
  /** For a lookup: the name of the list attribute the target receives. */
  listName: string;
  mappings: Mapping[];
}

/** The parts of an actionflow its Basic Settings change (the graph aside). */
export interface ActionflowSettings {
  name: string;
  description: string;
  /** Free text, case-insensitive; empty means none. */
  exclusionGroup: string;
  /** The platform's "Validate before running": a run with validation problems is refused. */
  validateBeforeRunning: boolean;
  /** The platform's "Allow to Run with Validation Errors": runs anyway, the problems listed. */
  allowRunWithValidationErrors: boolean;
  /** Only for kind `apiEndpoint`. */
  api: ApiSettings | null;
}

export type ActionflowKind = 'screen' | 'apiEndpoint';

/** The graph of an actionflow: what the designer edits and one PUT replaces. */
export interface ActionflowGraph {
  actions: AnyAction[];
  connections: Connection[];
}

export interface Actionflow extends ActionflowSettings, ActionflowGraph {
  id: string;
  applicationId: string;
  kind: ActionflowKind;
  /** Grows by one with every saved change; a save that names an older version is refused. */
  version: number;
}

// Filled in by ./kinds/index.ts, which knows every kind; declared here so the model has no cycle.
import type { AnyAction } from './kinds/index';
export type { AnyAction } from './kinds/index';

/** The URL path of an end point: `/phixflow/api/1/action/<Application>/<Actionflow>/trigger`. */
export function endpointPath(applicationName: string, actionflowName: string): string {
  return `/phixflow/api/1/action/${encodeURIComponent(applicationName)}/${encodeURIComponent(actionflowName)}/trigger`;
}

/** The URL path by URL Alias: `/phixflow/api/2/<alias>`. */
export function aliasPath(alias: string): string {
  return `/phixflow/api/2/${encodeURIComponent(alias)}`;
}
