/**
 * Binds actions to the instance: table reads and writes in Dexie (a Save's records in one
 * transaction, an analysis run with its run number), HTTP through ctx.fetch, and a clock whose
 * sleeps end at once when the run is stopped.
 */
import { RUN_ATTRIBUTE, type DataRecord, type Table } from '$domain/entities';
import type { Clock } from '$domain/expression';
import { DataWriteError, filterHolds, type DataAccess, type DataFilter, type HttpExchange, type HttpResult } from '$domain/actionflow';
import { cacheFor } from '$instance/table-cache';
import type { ServerContext } from './context';

const MAX_LOOKUP_ROWS = 10_000;

/** `clock`, whose sleeps fail as soon as `signal` aborts, so a stopped run does not sleep on. */
export function stoppableClock(clock: Clock, signal: AbortSignal, onSleep?: (until: Date | null) => void): Clock {
  return {
    now: () => clock.now(),
    sleep: (ms, own) =>
      new Promise<void>((resolve, reject) => {
        const stop = () => {
          onSleep?.(null);
          reject(new Error('the run was stopped'));
        };
        if (signal.aborted) return stop();
        signal.addEventListener('abort', stop, { once: true });
        onSleep?.(new Date(clock.now().getTime() + ms));
        // The clock drops the sleep (frees its timer) when either signal aborts.
        void clock.sleep(ms, own ? AbortSignal.any([signal, own]) : signal).then(() => {
          signal.removeEventListener('abort', stop);
          onSleep?.(null);
          resolve();
        });
      }),
  };
}

/** The instance's tables by id, read again only after they change. */
export function tablesById(ctx: ServerContext): Promise<Map<string, Table>> {
  const { db } = ctx;
  return cacheFor(db, 'runtime:tables', ['appTables'], async () => new Map((await db.appTables.toArray()).map((t) => [t.id, t])))();
}

const runKey = (tableId: string) => `tableRun:${tableId}`;

/** The table's latest analysis run (0: none yet). */
async function latestRun(ctx: ServerContext, tableId: string): Promise<number> {
  const entry = await ctx.db.meta.get(runKey(tableId));
  return typeof entry?.value === 'number' ? entry.value : 0;
}

/** Data access for actions, over the instance. */
export function instanceData(ctx: ServerContext): DataAccess {
  const { db } = ctx;
  return {
    table: async (id) => (await tablesById(ctx)).get(id),
    async read(tableId, filters, dataRange, limit) {
      const table = (await tablesById(ctx)).get(tableId);
      if (!table) return [];
      // For the latest run, read every match first: the limit applies to the run's records.
      const rows = await lookup(ctx, table, filters, dataRange === 'latest' ? MAX_LOOKUP_ROWS : Math.min(limit, MAX_LOOKUP_ROWS));
      if (dataRange !== 'latest') return rows;
      const run = await latestRun(ctx, tableId);
      return rows.filter((r) => (Number(r[RUN_ATTRIBUTE]) || 0) === run).slice(0, limit);
    },
    async write(tableId, mode, records) {
      if (records.length === 0) return;
      const table = (await tablesById(ctx)).get(tableId);
      if (!table) throw new DataWriteError(`there is no table with the id ${tableId}.`);
      const key = table.attributes.find((a) => a.key)?.name ?? db.table(table.store).schema.primKey.name;
      const store = db.table<DataRecord, string>(table.store);
      const seen = new Set<unknown>();
      for (const r of records) {
        if (seen.has(r[key])) throw new DataWriteError(`two records to save into ${table.name} have the ${key} ${String(r[key])}.`);
        seen.add(r[key]);
      }
      await db.transaction('rw', store, async () => {
        const existing = await store.bulkGet(records.map((r) => r[key] as string));
        const rows = records.map((r, i) => {
          const before = existing[i];
          if (mode === 'insert' && before) throw new DataWriteError(`${table.name} already has a record with the ${key} ${String(r[key])}, and Type Insert always adds a new one; use Update or Auto to change it.`);
          if (mode === 'update' && !before) throw new DataWriteError(`${table.name} has no record with the ${key} ${String(r[key])} to update; use Insert or Auto to add it.`);
          return before ? { ...before, ...r } : r;
        });
        await store.bulkPut(rows);
      });
    },
    async runAnalysis(tableId, compute) {
      const table = (await tablesById(ctx)).get(tableId);
      if (!table) throw new DataWriteError(`there is no table with the id ${tableId}.`);
      const store = db.table<DataRecord, string>(table.store);
      const pending = (await store.toArray()).filter((r) => !(Number(r[RUN_ATTRIBUTE]) > 0));
      const computed: DataRecord[] = [];
      for (const record of pending) computed.push(await compute(record));
      const run = await db.transaction('rw', [store, db.meta], async () => {
        const next = (await latestRun(ctx, tableId)) + 1;
        await store.bulkPut(computed.map((r) => ({ ...r, [RUN_ATTRIBUTE]: next })));
        await db.meta.put({ key: runKey(tableId), value: next });
        return next;
      });
      return { run, processed: computed.length };
    },
  };
}

async function lookup(ctx: ServerContext, table: Table, filters: DataFilter[], limit: number): Promise<DataRecord[]> {
  const store = ctx.db.table<DataRecord, string>(table.store);
  const indexed = new Set([store.schema.primKey.name, ...store.schema.indexes.map((i) => i.name)]);
  // An equality filter picks the rows to read (by index when it can); the others are checked on them.
  const firstAt = filters.findIndex((f) => f.operator === '=');
  const first = filters[firstAt];
  const rest = filters.filter((_, i) => i !== firstAt);
  const matches = (r: DataRecord) => rest.every((f) => filterHolds(r[f.attribute], f));
  if (!first) return rest.length > 0 ? store.filter(matches).limit(limit).toArray() : store.limit(limit).toArray();
  if (first.value === null || first.value === undefined) return [];
  if (indexed.has(first.attribute)) {
    const primary = first.attribute === store.schema.primKey.name;
    // With more filters to check, read every match of the first: the limit applies to what passes them all.
    const rows = await readEqual(ctx, table.store, primary ? null : first.attribute, first.value as IDBValidKey, rest.length > 0 ? MAX_LOOKUP_ROWS : limit);
    return rest.length > 0 ? rows.filter(matches).slice(0, limit) : rows;
  }
  return store.filter((r) => r[first.attribute] === first.value && matches(r)).limit(limit).toArray();
}

/**
 * The rows of `storeName` whose `index` (null: the primary key) equals `value`, read with one
 * IndexedDB getAll. Look-ups are what every end point call does, and a bare read request costs a
 * fraction of Dexie's transaction and promise machinery; writes always go through Dexie so that its
 * change events (and the caches built on them) see them.
 */
async function readEqual(ctx: ServerContext, storeName: string, index: string | null, value: IDBValidKey, limit: number): Promise<DataRecord[]> {
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
    const request = (index === null ? objectStore : objectStore.index(index)).getAll(range, limit);
    request.onsuccess = () => resolve(request.result as DataRecord[]);
    request.onerror = () => reject(request.error ?? new Error(`reading ${storeName} failed`));
  });
}

/** Sends an HTTP action's request through the page's fetch (so the service worker answers our own URLs). */
export async function sendHttp(ctx: ServerContext, request: HttpExchange, signal?: AbortSignal): Promise<HttpResult> {
  const url = new URL(request.url, ctx.origin).toString();
  const response = await ctx.fetch(url, { method: request.method, headers: request.headers, body: request.body, signal });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}
