/**
 * The typed change feed: what changed in the instance, as one {@link InstanceChange} per committed
 * write transaction, read from Dexie's `storagemutated` events. Dexie fires them for this page's own
 * writes, for other connections in it, and (through a BroadcastChannel) for other tabs' writes, so
 * every tab hears the same changes from the same source; nobody has to announce anything.
 *
 * One change more does not come from the database: this tab's own session (the client's session
 * store, per tab) changed — a login, a log out, a session the server said is over.
 */
import Dexie, { cmp, type IndexableType, type ObservabilitySet } from 'dexie';
import type { InstanceTableName } from './db';
import { DEFAULT_DB_NAME } from './db';

/** A table the feed names: an instance table or the lesson progress. */
export type FeedTable = InstanceTableName | 'progress';

/** The keys of the rows written or deleted, or 'all' (a clear, a range of keys). */
export type ChangedIds = readonly IndexableType[] | 'all';

/** One committed write: the tables it touched, each with the ids it touched. */
export interface RowsChange {
  kind: 'rows';
  tables: ReadonlyMap<FeedTable, ChangedIds>;
}

/** The whole instance was replaced (reset or import): anything read before is stale. */
export interface ReplacedChange {
  kind: 'replaced';
  tables: ReadonlyMap<FeedTable, ChangedIds>;
}

/** This tab's own session changed (login, log out, or the server said it ended). */
export interface SessionChange {
  kind: 'session';
}

export type InstanceChange = RowsChange | ReplacedChange | SessionChange;

/** The meta row every instance replacement rewrites (in its transaction): how the feed tells one. */
export const REPLACEMENT_META_KEY = 'replacement';

/** True when `change` may have changed `table` (a replacement or a session change counts for all). */
export function touches(change: InstanceChange, table: FeedTable): boolean {
  return change.kind !== 'rows' || change.tables.has(table);
}

/** The ids of `table` that `change` touched: none, some, or 'all'. */
export function idsOf(change: InstanceChange, table: FeedTable): ChangedIds {
  if (change.kind === 'session') return table === 'sessions' ? 'all' : [];
  if (change.kind === 'replaced') return 'all';
  return change.tables.get(table) ?? [];
}

/** A node of Dexie's RangeSet (an interval tree of keys). */
interface RangeNode {
  from?: IndexableType;
  to?: IndexableType;
  d?: number;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The keys a RangeSet holds, or 'all' when it holds a range; [] when empty. */
export function keysOfRangeSet(set: unknown): ChangedIds {
  const keys: IndexableType[] = [];
  const walk = (node: RangeNode | null | undefined): boolean => {
    if (!node || !node.d) return true;
    if (!walk(node.l)) return false;
    if (node.from === undefined) return true;
    if (cmp(node.from, node.to) !== 0) return false;
    keys.push(node.from);
    return walk(node.r);
  };
  return walk(set as RangeNode) ? keys : 'all';
}

/**
 * The change an ObservabilitySet of `dbName` describes, or null when it touched none of its rows.
 * Parts are `idb://<database>/<table>/<index>`; the primary key's part (empty index name) names
 * the rows.
 */
export function changeOf(parts: ObservabilitySet, dbName: string): RowsChange | ReplacedChange | null {
  const prefix = `idb://${dbName}/`;
  const tables = new Map<FeedTable, ChangedIds>();
  let replaced = false;
  for (const [part, set] of Object.entries(parts)) {
    if (!part.startsWith(prefix) || !part.endsWith('/')) continue;
    const table = part.slice(prefix.length, -1);
    if (table.includes('/')) continue;
    const ids = keysOfRangeSet(set);
    if (ids !== 'all' && ids.length === 0) continue;
    tables.set(table as FeedTable, ids);
    if (table === 'meta' && (ids === 'all' || ids.includes(REPLACEMENT_META_KEY))) replaced = true;
  }
  if (tables.size === 0) return null;
  return replaced ? { kind: 'replaced', tables } : { kind: 'rows', tables };
}

export type InstanceChangeListener = (change: InstanceChange) => void;

const listeners = new Map<string, Set<InstanceChangeListener>>();
let listening = false;

/** Calls every listener of `dbName` with `change` (a copy of the set: a listener may stop listening). */
function tell(dbName: string, change: InstanceChange): void {
  for (const listener of [...(listeners.get(dbName) ?? [])]) listener(change);
}

function listen(): void {
  if (listening) return;
  listening = true;
  Dexie.on('storagemutated', (parts) => {
    for (const dbName of listeners.keys()) {
      const change = changeOf(parts, dbName);
      if (change) tell(dbName, change);
    }
  });
}

/**
 * Calls `listener` with every change to the database `dbName` (the instance's by default),
 * whichever connection or tab made it; returns the function that stops listening.
 */
export function onInstanceChange(listener: InstanceChangeListener, dbName: string = DEFAULT_DB_NAME): () => void {
  listen();
  let set = listeners.get(dbName);
  if (!set) listeners.set(dbName, (set = new Set()));
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

/** Says this tab's own session changed (the client calls it; no database write tells it). */
export function announceSessionChange(dbName: string = DEFAULT_DB_NAME): void {
  tell(dbName, { kind: 'session' });
}

/**
 * Says the runs going on in this page changed (one started or ended, reached another action, or
 * began or ended a sleep): the orchestrator keeps running runs in memory, so no database write
 * tells it. Heard as a change of the `runs` table, as a finished run's record is.
 */
export function announceRunsChange(dbName: string = DEFAULT_DB_NAME): void {
  tell(dbName, { kind: 'rows', tables: new Map([['runs', 'all']]) });
}
