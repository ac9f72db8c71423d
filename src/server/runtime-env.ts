/** Binds the pure actionflow runtime to an instance: table look-ups in Dexie, HTTP through ctx.fetch. */
import type { DataRecord, Table } from '$domain/entities';
import type { Clock } from '$domain/expression';
import { NotFoundError } from '$domain/errors';
import { cacheFor } from '$instance/table-cache';
import type { HttpExchange, HttpResult, RunAs, RuntimeEnv } from '$domain/runtime';
import type { ServerContext } from './context';

const MAX_LOOKUP_ROWS = 10_000;

/**
 * A runtime environment running as `runAs`, with `form` as the screen's field values. When `signal`
 * aborts, the run's sleeps and HTTP requests end at once and it stops before its next action.
 */
export function createRuntimeEnv(ctx: ServerContext, runAs: RunAs, form: Record<string, unknown> = {}, signal?: AbortSignal): RuntimeEnv {
  return {
    runAs,
    clock: signal ? stoppableClock(ctx.clock, signal) : ctx.clock,
    form,
    lookup: (table, filters) => lookup(ctx, table, filters),
    send: (request) => send(ctx, request, signal),
    signal,
  };
}

/** `clock`, whose sleeps fail as soon as `signal` aborts, so a stopped run does not sleep on. */
function stoppableClock(clock: Clock, signal: AbortSignal): Clock {
  return {
    now: () => clock.now(),
    sleep: (ms, own) =>
      new Promise<void>((resolve, reject) => {
        const stop = () => reject(new Error('the run was stopped'));
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop, { once: true });
        // The clock drops the sleep (frees its timer) when either signal aborts.
        void clock.sleep(ms, own ? AbortSignal.any([signal, own]) : signal).then(() => {
          signal.removeEventListener('abort', stop);
          resolve();
        });
      }),
  };
}

/** The instance's tables by name (the first of a name), read again only after they change. */
function tablesOf(ctx: ServerContext): Promise<Map<string, Table>> {
  const { db } = ctx;
  return cacheFor(db, 'runtime:tables', ['appTables'], async () => {
    const tables = await db.appTables.toArray();
    return new Map(tables.reverse().map((t) => [t.name, t]));
  })();
}

async function lookup(ctx: ServerContext, tableName: string, filters: { attribute: string; value: unknown }[]): Promise<DataRecord[]> {
  const table = (await tablesOf(ctx)).get(tableName);
  if (!table) throw new NotFoundError(`There is no table named ${tableName}.`);
  const store = ctx.db.table<DataRecord, string>(table.store);
  const indexed = new Set([store.schema.primKey.name, ...store.schema.indexes.map((i) => i.name)]);
  const [first, ...rest] = filters;
  const matches = (r: DataRecord) => rest.every((f) => r[f.attribute] === f.value);
  if (!first) return store.limit(MAX_LOOKUP_ROWS).toArray();
  if (first.value === null || first.value === undefined) return [];
  if (indexed.has(first.attribute)) {
    const primary = first.attribute === store.schema.primKey.name;
    const rows = await readEqual(ctx, table.store, primary ? null : first.attribute, first.value as IDBValidKey);
    return rest.length > 0 ? rows.filter(matches).slice(0, MAX_LOOKUP_ROWS) : rows;
  }
  return store.filter((r) => r[first.attribute] === first.value && matches(r)).limit(MAX_LOOKUP_ROWS).toArray();
}

/**
 * The rows of `storeName` whose `index` (null: the primary key) equals `value`, at most
 * {@link MAX_LOOKUP_ROWS}, read with one IndexedDB getAll. Look-ups are what every end point call
 * does, and a bare read request costs a fraction of Dexie's transaction and promise machinery;
 * writes always go through Dexie so that its change events (and the caches built on them) see them.
 */
async function readEqual(ctx: ServerContext, storeName: string, index: string | null, value: IDBValidKey): Promise<DataRecord[]> {
  if (!ctx.db.isOpen()) await ctx.db.open();
  const idb = ctx.db.backendDB();
  return new Promise((resolve, reject) => {
    let range: IDBKeyRange;
    try {
      range = IDBKeyRange.only(value);
    } catch {
      resolve([]); // Not a valid key (an object, a boolean…): no row can match it.
      return;
    }
    const objectStore = idb.transaction(storeName, 'readonly').objectStore(storeName);
    const request = (index === null ? objectStore : objectStore.index(index)).getAll(range, MAX_LOOKUP_ROWS);
    request.onsuccess = () => resolve(request.result as DataRecord[]);
    request.onerror = () => reject(request.error ?? new Error(`reading ${storeName} failed`));
  });
}

async function send(ctx: ServerContext, request: HttpExchange, signal?: AbortSignal): Promise<HttpResult> {
  const url = new URL(request.url, ctx.origin).toString();
  const response = await ctx.fetch(url, { method: request.method, headers: request.headers, body: request.body, signal });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}
