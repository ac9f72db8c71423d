/**
 * Values derived from some tables of an instance, kept in memory until a write to any of those
 * tables commits. Dexie fires `storagemutated` when a write transaction commits — in this page,
 * another tab or a worker — before any code awaiting that transaction runs, so a reader that comes
 * after a write never gets a value computed before it.
 *
 * The simulated server uses this for what every incoming API call needs and what rarely changes
 * (end points, table definitions, users' privileges, the signing key), so a call reads IndexedDB
 * only for its data.
 */
import Dexie, { type ObservabilitySet } from 'dexie';

/** Per `<database>/<table>`: a number that grows with every committed write to it. */
const generations = new Map<string, number>();
let writes = 0;
let listening = false;

/** `idb://<database>/<table>/<index>` → `<database>/<table>` (database names may hold slashes). */
function tableKey(part: string): string | null {
  if (!part.startsWith('idb://')) return null;
  const path = part.slice('idb://'.length);
  const lastSlash = path.lastIndexOf('/');
  return lastSlash > 0 ? path.slice(0, lastSlash) : null;
}

function onMutated(parts: ObservabilitySet): void {
  writes += 1;
  for (const part of Object.keys(parts)) {
    const key = tableKey(part);
    if (key) generations.set(key, writes);
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  Dexie.on('storagemutated', onMutated);
}

function stampOf(db: Dexie, tables: readonly string[]): string {
  return tables.map((t) => generations.get(`${db.name}/${t}`) ?? 0).join(',');
}

/**
 * A function that answers `load()`'s value, loading again only after a write to one of `tables`
 * of `db` has committed. Concurrent callers share one load; a failed load is not kept; a load that
 * a write overtook is answered to its callers but not kept for later ones. Call it outside
 * transactions: awaiting the shared load inside one would let Dexie commit that transaction early.
 */
export function cachedOf<T>(db: Dexie, tables: readonly string[], load: () => Promise<T>): () => Promise<T> {
  listen();
  let cached: { stamp: string; value: Promise<T> } | null = null;
  return () => {
    const stamp = stampOf(db, tables);
    if (cached?.stamp === stamp) return cached.value;
    // Loaded outside any transaction the caller is in, since other callers share the value.
    const value = Dexie.ignoreTransaction(load);
    const entry = { stamp, value };
    cached = entry;
    value.then(
      () => {
        if (cached === entry && stampOf(db, tables) !== stamp) cached = null;
      },
      () => {
        if (cached === entry) cached = null;
      },
    );
    return value;
  };
}

/**
 * One cache per database object and purpose: `cacheFor(db, 'endpoints', [...], load)` answers the
 * same cached function for the same `db` and name, so callers need not keep it themselves.
 */
const perDb = new WeakMap<Dexie, Map<string, () => Promise<unknown>>>();

export function cacheFor<T>(db: Dexie, name: string, tables: readonly string[], load: () => Promise<T>): () => Promise<T> {
  let named = perDb.get(db);
  if (!named) perDb.set(db, (named = new Map()));
  let fn = named.get(name) as (() => Promise<T>) | undefined;
  if (!fn) named.set(name, (fn = cachedOf(db, tables, load)));
  return fn;
}
