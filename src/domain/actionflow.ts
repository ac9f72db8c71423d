/**
 * Actionflows: screen actionflows (run from a screen button) and API end point actionflows (run by
 * calls to the incoming API). An actionflow is a graph of actions joined by connections; the runtime
 * (`runtime.ts`) walks it from the input node.
 */

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

/** An input parameter of the input node; `default` is used when the call does not give one. */
export interface InputParameter {
  name: string;
  default?: string;
}

/** Name + expression pair, used by calculate outputs, output bodies, headers and screen mappings. */
export interface NamedExpression {
  name: string;
  expression: string;
}

/** The input node: fixed parameters `body`, `headers`, `contentType`, `url`, plus these. */
export interface InputNode {
  id: string;
  kind: 'input';
  name: string;
  parameters: InputParameter[];
}

/** A view action that looks records up in a table. */
export interface ViewNode {
  id: string;
  kind: 'view';
  name: string;
  /** Table name, e.g. "Companies". */
  table: string;
  /** Records whose `attribute` equals the expression's value are kept (all filters must hold). */
  filters: { attribute: string; expression: string }[];
  dataRange: 'all' | 'latest';
  /** The attribute of the outgoing record that receives the result. */
  as: string;
  /** `single`: the first match (the `empty` port fires when there is none); `list`: all matches. */
  cardinality: 'single' | 'list';
}

/** A calculate action: adds output attributes computed by expressions. */
export interface CalculateNode {
  id: string;
  kind: 'calculate';
  name: string;
  outputs: (NamedExpression & { type: 'String' | 'Integer' | 'Decimal' | 'Boolean' })[];
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'GET or POST';

/** A secret of an HTTP action, referenced in expressions as `_datasource.<name>`. */
export interface SecretKey {
  name: string;
  enabled: boolean;
  /** The secret value. The server masks it as asterisks whenever it sends an actionflow out. */
  secret: string;
}

/** An HTTP action ("Call API"): outputs `out` (2xx) and `error` (otherwise), each with status, contentType, body. */
export interface HttpNode {
  id: string;
  kind: 'http';
  name: string;
  method: HttpMethod;
  urlTemplate: string;
  headers: NamedExpression[];
  secretKeys: SecretKey[];
  logTraffic: boolean;
}

/** The output node of an API end point: its expressions make the HTTP answer. */
export interface OutputNode {
  id: string;
  kind: 'output';
  name: string;
  /** Each becomes a top-level attribute of the JSON body. */
  body: NamedExpression[];
  /** Expression giving the status code; empty means 200. */
  statusCode: string;
  contentType: string;
}

/** The end of a screen actionflow: sets screen fields from expressions. */
export interface ScreenOutputNode {
  id: string;
  kind: 'screenOutput';
  name: string;
  fields: { field: string; expression: string }[];
}

export type ActionNode = InputNode | ViewNode | CalculateNode | HttpNode | OutputNode | ScreenOutputNode;
export type ActionNodeKind = ActionNode['kind'];

/** A connection from one node's port to another node. Ports: `out`, `error` (http), `empty` (view). */
export interface Connection {
  from: string;
  port: 'out' | 'error' | 'empty';
  to: string;
}

export interface Actionflow {
  id: string;
  applicationId: string;
  name: string;
  kind: 'screen' | 'apiEndpoint';
  description: string;
  /** Only for kind `apiEndpoint`. */
  api: ApiSettings | null;
  /** Free text, case-insensitive; empty means none. */
  exclusionGroup: string;
  nodes: ActionNode[];
  connections: Connection[];
}

/** The URL path of an end point: `/phixflow/api/1/action/<Application>/<Actionflow>/trigger`. */
export function endpointPath(applicationName: string, actionflowName: string): string {
  return `/phixflow/api/1/action/${encodeURIComponent(applicationName)}/${encodeURIComponent(actionflowName)}/trigger`;
}

/** The URL path by URL Alias: `/phixflow/api/2/<alias>`. */
export function aliasPath(alias: string): string {
  return `/phixflow/api/2/${encodeURIComponent(alias)}`;
}
