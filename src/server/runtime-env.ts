/** Binds the pure actionflow runtime to an instance: table look-ups in Dexie, HTTP through ctx.fetch. */
import type { DataRecord } from '$domain/entities';
import type { HttpExchange, HttpResult, RunAs, RuntimeEnv } from '$domain/runtime';
import type { ServerContext } from './context';

const MAX_LOOKUP_ROWS = 10_000;

/** A runtime environment running as `runAs`, with `form` as the screen's field values. */
export function createRuntimeEnv(ctx: ServerContext, runAs: RunAs, form: Record<string, unknown> = {}): RuntimeEnv {
  return {
    runAs,
    clock: ctx.clock,
    form,
    lookup: (table, filters) => lookup(ctx, table, filters),
    send: (request) => send(ctx, request),
  };
}

async function lookup(ctx: ServerContext, tableName: string, filters: { attribute: string; value: unknown }[]): Promise<DataRecord[]> {
  const table = await ctx.db.appTables.where('name').equals(tableName).first();
  if (!table) throw new Error(`there is no table named ${tableName}`);
  const store = ctx.db.table<DataRecord, string>(table.store);
  const indexed = new Set([store.schema.primKey.name, ...store.schema.indexes.map((i) => i.name)]);
  const [first, ...rest] = filters;
  const matches = (r: DataRecord) => rest.every((f) => r[f.attribute] === f.value);
  if (!first) return store.limit(MAX_LOOKUP_ROWS).toArray();
  if (first.value === null || first.value === undefined) return [];
  if (indexed.has(first.attribute)) {
    return store.where(first.attribute).equals(first.value as string).filter(matches).limit(MAX_LOOKUP_ROWS).toArray();
  }
  return store.filter((r) => r[first.attribute] === first.value && matches(r)).limit(MAX_LOOKUP_ROWS).toArray();
}

async function send(ctx: ServerContext, request: HttpExchange): Promise<HttpResult> {
  const url = new URL(request.url, ctx.origin).toString();
  const response = await ctx.fetch(url, { method: request.method, headers: request.headers, body: request.body });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
  };
}
