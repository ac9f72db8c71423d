/**
 * What an action kind is: one module per kind (./kinds/*.ts) gives its label, its connection points,
 * its parameters, its property defaults, how its properties are read from JSON, a pure `validate`
 * and how it runs. The registry (./kinds/index.ts) lists them; nothing else switches on kinds.
 */
import type { DataRecord, Screen, Table } from '../entities';
import type { Clock } from '../expression';
import { ExpressionError, expressionReferences, parseExpression, parseTemplate, templateReferences } from '../expression';
import type { ExpressionReference } from '../expression';
import type { RunAs } from './run/run-as';
import type { ActionOf, Actionflow, ActionflowKind, DataType, Parameter } from './model';
import type { Reader } from './reader';

/** Where a problem is: the whole actionflow, one action (and a field of it), or a connection (and a mapping). */
export type ProblemPlace =
  | { kind: 'flow'; field?: string }
  | { kind: 'action'; actionId: string; field?: string }
  | { kind: 'connection'; connectionId: string; target?: string };

/** One thing wrong with an actionflow, as a sentence that names where. */
export interface Problem {
  where: ProblemPlace;
  message: string;
}

/** What validation and the designer know of the application besides the actionflow itself. */
export interface DesignRepository {
  /** The application's tables. */
  tables: Table[];
  /** The application's screens. */
  screens: Screen[];
}

/** What a kind's `validate` and `produces` see. */
export interface KindContext {
  flow: Actionflow;
  repository: DesignRepository;
}

/** One record reaching an action: all its data, and the input parameters its connection mapped. */
export interface RunItem {
  /** Everything that flowed along so far (all data passes through each action). */
  record: Record<string, unknown>;
  /** The action's input parameters (what `in` is inside the action). */
  params: Record<string, unknown>;
  /** The parameters the connection that delivered it mapped (the others hold their default). */
  mapped: readonly string[];
}

/** What an Output or a Screen output answered. */
export type RunAnswer =
  | { kind: 'output'; actionId: string; statusCode: number; contentType: string; headers: Record<string, string>; body: unknown }
  | { kind: 'screen'; actionId: string; screenId: string; fields: Record<string, string> };

/** What an action sent for one item: per connection point, the attributes each record adds. */
export type ItemResult = Map<string, Record<string, unknown>[]>;

/** One condition of a look-up: the record's `attribute` compared with `value` by `operator`. */
export interface DataFilter {
  attribute: string;
  operator: '=' | '!=' | '<' | '<=' | '>' | '>=';
  value: unknown;
}

/**
 * Whether a record's value passes a filter. `=` and `!=` compare exactly; the ordering operators
 * compare two numbers, or two texts (so ISO dates order as dates), and nothing else passes them.
 */
export function filterHolds(actual: unknown, filter: DataFilter): boolean {
  const { operator, value } = filter;
  if (operator === '=') return actual === value;
  if (operator === '!=') return actual !== value;
  const comparable = (typeof actual === 'number' && typeof value === 'number') || (typeof actual === 'string' && typeof value === 'string');
  if (!comparable) return false;
  const a = actual as number | string;
  const b = value as number | string;
  switch (operator) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** How actions reach data; the server binds it to the instance, tests to memory. */
export interface DataAccess {
  /** The table with this id, or undefined. */
  table(tableId: string): Promise<Table | undefined>;
  /**
   * Records of the table that pass every filter (most are equalities); `latest` keeps those of
   * the table's latest analysis run. At most `limit` records.
   */
  read(tableId: string, filters: DataFilter[], dataRange: 'all' | 'latest', limit: number): Promise<DataRecord[]>;
  /**
   * Writes records in one transaction: `insert` refuses a key that exists, `update` one that does
   * not, `auto` inserts or updates. Throws {@link DataWriteError} naming the record; writes nothing then.
   */
  write(tableId: string, mode: 'insert' | 'update' | 'auto', records: DataRecord[]): Promise<void>;
  /**
   * Runs the table's analysis: `compute` makes each record not yet processed by a run; they are
   * stored as the table's next run, in one transaction. Resolves to the run's number and size.
   */
  runAnalysis(tableId: string, compute: (record: DataRecord) => Promise<DataRecord>): Promise<{ run: number; processed: number }>;
}

/** A write refused by the data (a key that exists, one that is missing); `message` is a sentence. */
export class DataWriteError extends Error {
  override name = 'DataWriteError';
}

/** What a request of an HTTP action is, and what came back. */
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

/** What a kind's `run` may use. */
export interface ActionRunEnv {
  runAs: RunAs;
  clock: Clock;
  /** Screen field values (`_form.X`). */
  form: Record<string, unknown>;
  data: DataAccess;
  send(request: HttpExchange): Promise<HttpResult>;
  /** Aborted when the run must stop. */
  signal?: AbortSignal;
  /** The actionflow being run (for sentences). */
  flowName: string;
  /** Called when an action refuses something the run goes on without (a secret kept back). */
  /** `privilege`: the privilege whose absence kept the request back (a secret needs Use API Key). */
  onRefusal?(refusal: { actionId: string; code: string; message: string; privilege?: string }): void;
  /** Where an Output or a Screen output gives its answer. */
  answer?(answer: RunAnswer): void;
  /** Where an action with Log Traffic on records what it sent and received. */
  log?(actionId: string, text: string): void;
  /** Told when an HTTP action's answer went to its `error` point. */
  onHttpFailure?(failure: { actionId: string; actionName: string; status: number }): void;
}

/** An action failed; the message is a sentence for the learner, `actionId` says which. */
export class ActionflowError extends Error {
  override name = 'ActionflowError';
  constructor(
    message: string,
    readonly actionId: string | null,
    /** The action's name, for older callers that show it. */
    readonly nodeName: string = '',
  ) {
    super(message);
  }
}

/** One registered kind of action. */
export interface ActionKind<K extends string = string, P = unknown> {
  kind: K;
  /** What the toolbar and sentences call it, e.g. "Calculate". */
  label: string;
  /** One sentence for the toolbar's tooltip. */
  description: string;
  /** The actionflows that may hold it. */
  flows: readonly ActionflowKind[];
  /** Whether the learner adds it from the toolbar (the Input comes with the actionflow). */
  addable: boolean;
  /** Whether the learner may declare input parameters of their own on it. */
  freeInputs: boolean;
  /** Its connection points, in order (`out`, `error`, a gateway's branches…). */
  points(props: P): string[];
  /** Its input parameters: fixed ones and those declared (see {@link declaredInputs}). */
  inputs(action: ActionOf<K, P>, ctx: KindContext): Parameter[];
  /** Properties of a new action of this kind. */
  defaults(ctx: { tables: Table[]; screens: Screen[]; flowKind: ActionflowKind }): P;
  /** Reads untrusted properties; throws ValidationError naming the field. */
  read(props: Reader): P;
  /** Problems of the action's properties (unknown table, expression errors, `in.X` not an input…). */
  validate(action: ActionOf<K, P>, ctx: KindContext): Problem[];
  /** The attributes each record it sends on `point` adds to those that pass through. */
  produces(action: ActionOf<K, P>, point: string, ctx: KindContext): Parameter[];
  /**
   * Whether the records it sends on a point carry the data that reached it along with what it adds
   * (true for every kind but Input, whose records start the flow).
   */
  passesThrough: boolean;
  /** Runs the action once per item (or once for the batch where the platform does so). */
  run(action: ActionOf<K, P>, items: RunItem[], env: ActionRunEnv): Promise<ItemResult[]>;
}

// ---- helpers the kinds share ----

/** The action's declared inputs after `fixed` (declared ones of the same name are dropped). */
export function declaredInputs(action: { inputs: Parameter[] }, fixed: readonly Parameter[] = []): Parameter[] {
  const names = new Set(fixed.map((p) => p.name.toLowerCase()));
  return [...fixed, ...action.inputs.filter((p) => !names.has(p.name.toLowerCase()))];
}

/** A problem at a field of an action. */
export function actionProblem(action: { id: string }, field: string | undefined, message: string): Problem {
  return { where: { kind: 'action', actionId: action.id, field }, message };
}

/** How an action is named in sentences: "the View action Find Company". */
export function describeAction(kindLabel: string, name: string): string {
  return `the ${kindLabel} action ${name}`;
}

/**
 * Problems of one expression of an action: its syntax (with the position), and every `in.X` that is
 * not one of the action's input parameters. Empty text is a problem only when `required`.
 */
export function expressionProblems(
  action: { id: string },
  what: string,
  field: string,
  source: string,
  inputs: readonly Parameter[],
  options: { required?: boolean; template?: boolean; roots?: readonly string[] } = {},
): Problem[] {
  if (source.trim() === '') return options.required ? [actionProblem(action, field, `${capitaliseFirst(what)} is empty; it needs an expression.`)] : [];
  let refs: ExpressionReference[];
  try {
    if (options.template) {
      parseTemplate(source);
      refs = templateReferences(source);
    } else {
      parseExpression(source);
      refs = expressionReferences(source);
    }
  } catch (err) {
    if (err instanceof ExpressionError) return [actionProblem(action, field, `${capitaliseFirst(what)}: ${err.message}`)];
    throw err;
  }
  return unknownInputProblems(action, what, field, refs, inputs, options.roots);
}

function unknownInputProblems(
  action: { id: string },
  what: string,
  field: string,
  refs: readonly ExpressionReference[],
  inputs: readonly Parameter[],
  roots: readonly string[] = ['in', '_form', '_context', '_user'],
): Problem[] {
  const problems: Problem[] = [];
  const names = new Set(inputs.map((p) => p.name));
  for (const ref of refs) {
    if (!roots.includes(ref.root) && ref.root !== '_datasource') {
      problems.push(actionProblem(action, field, `${capitaliseFirst(what)} uses ${ref.root}.${ref.name}, but ${ref.root} is not available there.`));
    } else if (ref.root === 'in' && !names.has(ref.name)) {
      const known = inputs.length ? `its input parameters are ${inputs.map((p) => p.name).join(', ')}` : 'it has no input parameters yet';
      problems.push(actionProblem(action, field, `${capitaliseFirst(what)} uses in.${ref.name}, which is not an input parameter of the action (${known}); map it on the incoming connection.`));
    }
  }
  return problems;
}

function capitaliseFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether a value of type `from` may be mapped onto a parameter of type `to` (text cannot go onto a date). */
export function canMap(from: DataType, to: DataType): boolean {
  if (from === to || from === 'Any' || to === 'Any') return true;
  if (from === 'List' || to === 'List') return false;
  const numbers: DataType[] = ['Integer', 'Decimal', 'Float'];
  if (numbers.includes(from) && numbers.includes(to)) return from === 'Integer' || to !== 'Integer';
  if (to === 'String' || to === 'Bigstring') return true;
  if (from === 'Date' && to === 'Datetime') return true;
  return false;
}

/**
 * A value made to fit an attribute type, or an error sentence: numbers from numeric text, booleans
 * from true/false, dates as ISO text. Null stays null.
 */
export function coerce(value: unknown, type: DataType): { ok: true; value: unknown } | { ok: false; why: string } {
  if (value === null || value === undefined) return { ok: true, value: null };
  switch (type) {
    case 'Any':
    case 'List':
      return { ok: true, value };
    case 'String':
    case 'Bigstring':
      if (typeof value === 'object') return { ok: true, value: JSON.stringify(value) };
      return { ok: true, value: String(value) };
    case 'Integer':
    case 'Decimal':
    case 'Float': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : typeof value === 'boolean' ? Number(value) : NaN;
      if (!Number.isFinite(n)) return { ok: false, why: `${describe(value)} is not a number` };
      if (type === 'Integer' && !Number.isInteger(n)) return { ok: false, why: `${describe(value)} is not a whole number` };
      return { ok: true, value: n };
    }
    case 'Boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return { ok: false, why: `${describe(value)} is not true or false` };
    case 'Date':
    case 'Datetime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return { ok: false, why: `${describe(value)} is not a date` };
      return { ok: true, value: type === 'Date' ? value.slice(0, 10) : value };
    }
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The roots of a record-level scope an action's expressions evaluate in. */
export function scopeOf(params: Record<string, unknown>, env: ActionRunEnv, extra: { result?: unknown; context?: Record<string, unknown> } = {}) {
  return {
    in: params,
    form: env.form,
    context: extra.context ?? {},
    result: extra.result,
    user: { username: env.runAs.login, name: env.runAs.name },
  };
}
