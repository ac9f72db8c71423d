/**
 * What the actionflow domain tests share: an in-memory DataAccess with the same semantics as the
 * instance's (src/server/runtime-env.ts), a run environment that records the HTTP requests it was
 * asked to send, and small builders of actions, connections and actionflows.
 */
import {
  DataWriteError,
  filterHolds,
  newActionflow,
  runActionflow,
  type ActionRunEnv,
  type Actionflow,
  type ActionflowKind,
  type AnyAction,
  type Connection,
  type DataAccess,
  type DesignRepository,
  type HttpExchange,
  type HttpResult,
  type Mapping,
  type Parameter,
  type RunOptions,
} from '$domain/actionflow';
import { RUN_ATTRIBUTE, type DataRecord, type Screen, type Table } from '$domain/entities';
import { createManualClock } from '$domain/expression';
import { USE_API_KEY } from '$domain/privileges';

export const APP = 'app-test';

export const COMPANIES: Table = {
  id: 'table-companies',
  applicationId: APP,
  name: 'Companies',
  store: 'companies',
  attributes: [
    { name: 'CompanyID', type: 'String', key: true },
    { name: 'CompanyName', type: 'String' },
    { name: 'Industry', type: 'String' },
    { name: 'Employees', type: 'Integer' },
    { name: 'OnboardedDate', type: 'Date' },
  ],
};

export const ORDERS: Table = {
  id: 'table-orders',
  applicationId: APP,
  name: 'Orders',
  store: 'orders',
  attributes: [
    { name: 'OrderID', type: 'String', key: true },
    { name: 'CompanyID', type: 'String' },
    { name: 'Total', type: 'Decimal' },
  ],
};

/** A transactional table with an analysis model: Status comes from `_context.Status`. */
export const IMPORTS: Table = {
  id: 'table-imports',
  applicationId: APP,
  name: 'Imports',
  store: 'additionalCompanies',
  transactional: true,
  attributes: [
    { name: 'CompanyID', type: 'String', key: true },
    { name: 'CompanyName', type: 'String' },
    { name: 'Status', type: 'String', expression: '_context.Status' },
    { name: 'Employees', type: 'Integer' },
  ],
};

export const CALL_SCREEN: Screen = {
  id: 'screen-call',
  applicationId: APP,
  name: 'Call',
  fields: [
    { name: 'Status', label: 'Status', type: 'String' },
    { name: 'Message', label: 'Message', type: 'String' },
    { name: 'Results', label: 'Results', type: 'MultiLineString' },
  ],
  buttons: [{ name: 'Go', label: 'Go', actionflowId: null }],
  grids: [],
};

export const REPOSITORY: DesignRepository = { tables: [COMPANIES, ORDERS, IMPORTS], screens: [CALL_SCREEN] };

export function companyRows(): DataRecord[] {
  return [
    { CompanyID: 'C1', CompanyName: 'Northwind', Industry: 'Logistics', Employees: 120, OnboardedDate: '2020-01-02' },
    { CompanyID: 'C2', CompanyName: 'Contoso', Industry: 'Retail', Employees: 40, OnboardedDate: '2021-05-06' },
    { CompanyID: 'C3', CompanyName: 'Fabrikam', Industry: 'Logistics', Employees: 7, OnboardedDate: '2022-09-10' },
  ];
}

export function orderRows(): DataRecord[] {
  return [
    { OrderID: 'O1', CompanyID: 'C1', Total: 10 },
    { OrderID: 'O2', CompanyID: 'C1', Total: 20 },
    { OrderID: 'O3', CompanyID: 'C2', Total: 30 },
  ];
}

/** Records by table store, and the latest analysis run of each table. */
export interface MemoryData extends DataAccess {
  rows: Record<string, DataRecord[]>;
  runs: Map<string, number>;
  writes: { tableId: string; mode: string; records: DataRecord[] }[];
}

/** An in-memory DataAccess over `tables`, with the instance's semantics (all-or-nothing writes, analysis runs). */
export function memoryData(rows: Record<string, DataRecord[]> = {}, tables: Table[] = REPOSITORY.tables): MemoryData {
  const byId = new Map(tables.map((t) => [t.id, t]));
  const data: MemoryData = {
    rows: { companies: companyRows(), orders: orderRows(), additionalCompanies: [], ...rows },
    runs: new Map(),
    writes: [],
    table: async (id) => byId.get(id),
    async read(tableId, filters, dataRange, limit) {
      const table = byId.get(tableId);
      if (!table) return [];
      const latest = data.runs.get(tableId) ?? 0;
      return (data.rows[table.store] ?? [])
        .filter((r) => filters.every((f) => f.value !== null && f.value !== undefined && filterHolds(r[f.attribute], f)))
        .filter((r) => dataRange === 'all' || (Number(r[RUN_ATTRIBUTE]) || 0) === latest)
        .slice(0, limit)
        .map((r) => ({ ...r }));
    },
    async write(tableId, mode, records) {
      const table = byId.get(tableId);
      if (!table) throw new DataWriteError(`there is no table with the id ${tableId}.`);
      const key = table.attributes.find((a) => a.key)!.name;
      const store = (data.rows[table.store] ??= []);
      const seen = new Set<unknown>();
      for (const r of records) {
        if (seen.has(r[key])) throw new DataWriteError(`two records to save into ${table.name} have the ${key} ${String(r[key])}.`);
        seen.add(r[key]);
      }
      const next = store.map((r) => ({ ...r }));
      for (const r of records) {
        const at = next.findIndex((x) => x[key] === r[key]);
        if (mode === 'insert' && at >= 0) throw new DataWriteError(`${table.name} already has a record with the ${key} ${String(r[key])}.`);
        if (mode === 'update' && at < 0) throw new DataWriteError(`${table.name} has no record with the ${key} ${String(r[key])} to update.`);
        if (at >= 0) next[at] = { ...next[at], ...r };
        else next.push({ ...r });
      }
      data.rows[table.store] = next;
      data.writes.push({ tableId, mode, records });
    },
    async runAnalysis(tableId, compute) {
      const table = byId.get(tableId);
      if (!table) throw new DataWriteError(`there is no table with the id ${tableId}.`);
      const store = data.rows[table.store] ?? [];
      const computed = new Map<number, DataRecord>();
      for (const [i, r] of store.entries()) if (!(Number(r[RUN_ATTRIBUTE]) > 0)) computed.set(i, await compute({ ...r }));
      const run = (data.runs.get(tableId) ?? 0) + 1;
      data.rows[table.store] = store.map((r, i) => (computed.has(i) ? { ...computed.get(i)!, [RUN_ATTRIBUTE]: run } : r));
      data.runs.set(tableId, run);
      return { run, processed: computed.size };
    },
  };
  return data;
}

export interface TestEnv extends Omit<ActionRunEnv, 'answer' | 'log'> {
  sent: HttpExchange[];
  refusals: { actionId: string; code: string; message: string }[];
  failures: { actionId: string; actionName: string; status: number }[];
  data: MemoryData;
}

/** A run environment: an API user with Use API Key, a manual clock, memory data, and HTTP answered by `reply`. */
export function testEnv(overrides: Partial<Omit<TestEnv, 'sent' | 'refusals' | 'failures'>> & { reply?: (r: HttpExchange) => HttpResult | Promise<HttpResult> } = {}): TestEnv {
  const { reply, ...rest } = overrides;
  const sent: HttpExchange[] = [];
  const refusals: TestEnv['refusals'] = [];
  const failures: TestEnv['failures'] = [];
  return {
    runAs: { userId: 'u-agent', login: 'apiagent', name: 'API Agent', privileges: [USE_API_KEY] },
    clock: createManualClock(),
    form: {},
    data: memoryData(),
    flowName: 'Test Flow',
    send: async (request) => {
      sent.push(request);
      return reply ? reply(request) : { status: 200, contentType: 'application/json', body: '{"ok":true}' };
    },
    onRefusal: (r) => void refusals.push(r),
    onHttpFailure: (f) => void failures.push(f),
    sent,
    refusals,
    failures,
    ...rest,
  };
}

let counter = 0;

/** An action of `kind` with the given props and declared inputs, at a free position. */
export function action<K extends AnyAction['kind']>(kind: K, id: string, name: string, props: Extract<AnyAction, { kind: K }>['props'], inputs: Parameter[] = []): Extract<AnyAction, { kind: K }> {
  counter += 1;
  return { id, kind, name, description: '', position: { x: counter * 10, y: 0 }, inputs, props } as Extract<AnyAction, { kind: K }>;
}

/** A connection; `mappings` as `{ target: attribute }` or full mappings. */
export function connect(id: string, from: string, to: string, mappings: Mapping[] | Record<string, string> = [], options: { point?: string; type?: 'driving' | 'lookup'; listName?: string } = {}): Connection {
  const list = Array.isArray(mappings) ? mappings : Object.entries(mappings).map(([target, attribute]) => ({ target, attribute }));
  return { id, from, to, point: options.point ?? 'out', type: options.type ?? 'driving', listName: options.listName ?? '', mappings: list };
}

/** Maps each name onto itself. */
export function same(...names: string[]): Mapping[] {
  return names.map((n) => ({ target: n, attribute: n }));
}

/** An actionflow of `kind` holding exactly these actions and connections. */
export function flowOf(kind: ActionflowKind, actions: AnyAction[], connections: Connection[], name = 'Test Flow'): Actionflow {
  return { ...newActionflow({ id: 'af-test', applicationId: APP, kind, name }), actions, connections };
}

/** Input parameters of type String (or as given). */
export function params(...names: (string | Parameter)[]): Parameter[] {
  return names.map((n) => (typeof n === 'string' ? { name: n, type: 'String' } : n));
}

/** Runs `flow` with `inputs` in `env`. */
export function run(flow: Actionflow, inputs: Record<string, unknown>, env: TestEnv = testEnv(), options: Partial<RunOptions> = {}) {
  return runActionflow(flow, { inputs, env, repository: REPOSITORY, ...options });
}

/** The first Output answer of a result. */
export function outputOf(result: Awaited<ReturnType<typeof run>>) {
  const answer = result.answers.find((a) => a.kind === 'output');
  if (!answer || answer.kind !== 'output') throw new Error(`No Output answered: ${JSON.stringify(result.answers)}`);
  return answer;
}

/** The first Screen output answer of a result. */
export function screenOf(result: Awaited<ReturnType<typeof run>>) {
  const answer = result.answers.find((a) => a.kind === 'screen');
  if (!answer || answer.kind !== 'screen') throw new Error(`No Screen output answered: ${JSON.stringify(result.answers)}`);
  return answer;
}

/** The error a run failed with (RunFailure's cause). */
export async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    const cause = (err as { error?: unknown }).error ?? err;
    return cause as Error;
  }
  throw new Error('The run did not fail.');
}
