/**
 * Builds an {@link InstanceSnapshot} (what lesson checks read) from the instance database: whole
 * ({@link takeSnapshot}), or incrementally ({@link SnapshotReader}: after a change only the tables
 * and rows the change feed names are read again). The audit trail is offered as queries over a
 * window (entries since a time: the chapter's start), never read whole.
 */
import type { AuditEntry, User } from '$domain/entities';
import type { RequestLogEntry } from '$domain/entities';
import { AuditWindow, auditTrailOf, SNAPSHOT_REQUEST_LOG, type InstanceSnapshot } from '$domain/snapshot';
import type { IndexableType, Table as DexieTable } from 'dexie';
import type { ChangedIds, InstanceChange } from './change-feed';
import type { InstanceDb, InstanceTableName } from './db';

/** The snapshot's lists and the instance tables they come from. */
export const SNAPSHOT_TABLES = {
  applications: 'applications',
  tables: 'appTables',
  screens: 'screens',
  actionflows: 'actionflows',
  roles: 'roles',
  userGroups: 'userGroups',
  users: 'users',
  keystore: 'keystore',
  apiKeys: 'apiKeys',
  sessions: 'sessions',
  companies: 'companies',
  additionalCompanies: 'additionalCompanies',
} as const satisfies Partial<Record<keyof InstanceSnapshot, InstanceTableName>>;

/**
 * The tables whose changes can change a check's verdict: the snapshot's lists and the audit trail.
 * The request log, which a snapshot also carries, is left out: it changes on every call, the
 * sandbox's own reads included, and a call a check can care about writes its audit entry in the
 * same transaction.
 */
export const CHECKED_TABLES: readonly InstanceTableName[] = [...Object.values(SNAPSHOT_TABLES), 'audit'];

type ListName = keyof typeof SNAPSHOT_TABLES;
const LISTS = Object.keys(SNAPSHOT_TABLES) as ListName[];

/** Users without their password hash and salt (checks never need them). */
function publicRow(list: ListName, row: unknown): unknown {
  if (list !== 'users') return row;
  const { passwordHash: _h, passwordSalt: _s, ...user } = row as User;
  return user;
}

/** The audit entries at or after `since` (all when null), oldest first. */
function auditWindow(db: InstanceDb, since: string | null): Promise<AuditEntry[]> {
  return since === null ? db.audit.toArray() : db.audit.where('at').aboveOrEqual(since).sortBy('id');
}

/** The latest {@link SNAPSHOT_REQUEST_LOG} request log entries, oldest first (a bounded read at any log size). */
async function latestRequests(db: InstanceDb): Promise<RequestLogEntry[]> {
  return (await db.requestLog.orderBy('id').reverse().limit(SNAPSHOT_REQUEST_LOG).toArray()).reverse();
}

/**
 * A consistent picture of the repository and trails, read whole in one transaction.
 * @param auditSince the audit window's start (ISO time); the whole trail when null
 */
export async function takeSnapshot(db: InstanceDb, currentSessionId: string | null = null, auditSince: string | null = null): Promise<InstanceSnapshot> {
  return db.transaction('r', [...LISTS.map((l) => db.table(SNAPSHOT_TABLES[l])), db.audit, db.requestLog], async () => {
    const lists = await Promise.all(LISTS.map((l) => db.table(SNAPSHOT_TABLES[l]).toArray()));
    const audit = await auditWindow(db, auditSince);
    const requestLog = await latestRequests(db);
    const snapshot = Object.fromEntries(LISTS.map((l, i) => [l, lists[i]!.map((row) => publicRow(l, row))]));
    return { ...snapshot, currentSessionId, audit: auditTrailOf(audit, auditSince), requestLog } as InstanceSnapshot;
  });
}

/** What a table's cached copy needs again: nothing, some rows, or everything. */
type Stale = Set<IndexableType> | 'all';

function addStale(current: Stale | undefined, ids: ChangedIds): Stale {
  if (ids === 'all' || current === 'all') return 'all';
  const set = current ?? new Set<IndexableType>();
  for (const id of ids) set.add(id);
  return set;
}

/** Sorts by primary key, as `toArray()` answers, so a snapshot's order never depends on history. */
function byKey<T>(rows: Map<IndexableType, T>): T[] {
  const keys = [...rows.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.map((k) => rows.get(k)!);
}

/**
 * Snapshots that cost what changed: the first read reads every list (and the audit window); after
 * that, {@link noteChange} (fed by the change feed) marks what is stale, and the next read reads
 * only those rows again, in one transaction. A replacement (reset, import) makes everything stale.
 * Unchanged lists are the same arrays as in the previous snapshot (checks only read them).
 */
export class SnapshotReader {
  readonly #db: InstanceDb;
  readonly #rows = new Map<ListName, Map<IndexableType, unknown>>();
  readonly #lists = new Map<ListName, unknown[]>();
  readonly #stale = new Map<ListName | 'audit', Stale>(LISTS.map((l) => [l, 'all']));
  #audit: { since: string | null; entries: Map<IndexableType, AuditEntry>; list: AuditEntry[] } | null = null;
  /** The latest requests, as last read (a bounded read), and whether the log changed since. */
  #requests: RequestLogEntry[] = [];
  #requestsStale = true;
  /** How many rows the reads have read, in all (tests and the benchmark look at it). */
  rowsRead = 0;

  constructor(db: InstanceDb) {
    this.#db = db;
  }

  /** Marks what `change` made stale. */
  noteChange(change: InstanceChange): void {
    if (change.kind === 'session') return;
    if (change.kind === 'replaced') {
      for (const l of LISTS) this.#stale.set(l, 'all');
      this.#audit = null;
      this.#requestsStale = true;
      return;
    }
    for (const l of LISTS) {
      const ids = change.tables.get(SNAPSHOT_TABLES[l]);
      if (ids) this.#stale.set(l, addStale(this.#stale.get(l), ids));
    }
    const audit = change.tables.get('audit');
    if (audit) this.#stale.set('audit', addStale(this.#stale.get('audit'), audit));
    if (change.tables.has('requestLog')) this.#requestsStale = true;
  }

  #queue: Promise<unknown> = Promise.resolve();

  /**
   * The snapshot now, with this session as the current one and the audit window from `auditSince`.
   * Reads run one at a time: a read that started while another was filling the cache waits for it.
   */
  read(currentSessionId: string | null, auditSince: string | null = null): Promise<InstanceSnapshot> {
    const next = this.#queue.then(
      () => this.#read(currentSessionId, auditSince),
      () => this.#read(currentSessionId, auditSince),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #read(currentSessionId: string | null, auditSince: string | null): Promise<InstanceSnapshot> {
    const db = this.#db;
    // Taken before reading: a change that commits meanwhile marks its rows stale again.
    const stale = new Map(this.#stale);
    this.#stale.clear();
    const auditStale = stale.get('audit');
    stale.delete('audit');
    if (this.#audit && this.#audit.since !== auditSince) this.#audit = null;
    const readAudit = this.#audit === null || auditStale !== undefined;
    const readRequests = this.#requestsStale;
    this.#requestsStale = false;
    const tables = [
      ...[...stale.keys()].map((l) => db.table(SNAPSHOT_TABLES[l as ListName])),
      ...(readAudit ? [db.audit] : []),
      ...(readRequests ? [db.requestLog] : []),
    ];
    try {
      if (tables.length > 0) {
        await db.transaction('r', tables, async () => {
          await Promise.all([...stale].map(([l, s]) => this.#readList(l as ListName, s)));
          if (readAudit) await this.#readAudit(auditSince, this.#audit ? auditStale : 'all');
          if (readRequests) {
            this.#requests = await latestRequests(db);
            this.rowsRead += this.#requests.length;
          }
        });
      }
    } catch (err) {
      // Nothing read is trusted: everything that was stale stays so.
      for (const [l, s] of stale) this.#stale.set(l, addStale(this.#stale.get(l), s === 'all' ? 'all' : [...s]));
      this.#stale.set('audit', 'all');
      this.#requestsStale = true;
      throw err;
    }
    const snapshot = Object.fromEntries(LISTS.map((l) => [l, this.#lists.get(l)!]));
    // The window is read already: offered as it is, naming where it starts.
    const audit = new AuditWindow(this.#audit!.list, auditSince);
    return { ...snapshot, currentSessionId, audit, requestLog: this.#requests } as unknown as InstanceSnapshot;
  }

  async #readList(list: ListName, stale: Stale): Promise<void> {
    const table: DexieTable = this.#db.table(SNAPSHOT_TABLES[list]);
    const keyPath = table.schema.primKey.keyPath as string;
    let rows = this.#rows.get(list);
    if (stale === 'all' || !rows) {
      const all = await table.toArray();
      this.rowsRead += all.length;
      rows = new Map(all.map((row) => [(row as Record<string, IndexableType>)[keyPath]!, publicRow(list, row)]));
      this.#rows.set(list, rows);
    } else {
      const ids = [...stale];
      const fresh = await table.bulkGet(ids);
      this.rowsRead += ids.length;
      ids.forEach((id, i) => {
        const row = fresh[i];
        if (row === undefined) rows!.delete(id);
        else rows!.set(id, publicRow(list, row));
      });
    }
    this.#lists.set(list, byKey(rows));
  }

  async #readAudit(since: string | null, stale: Stale | undefined): Promise<void> {
    if (stale === 'all' || stale === undefined || !this.#audit) {
      const list = await auditWindow(this.#db, since);
      this.rowsRead += list.length;
      this.#audit = { since, entries: new Map(list.map((e) => [e.id as number, e])), list };
      return;
    }
    const ids = [...stale];
    const fresh = await this.#db.audit.bulkGet(ids as number[]);
    this.rowsRead += ids.length;
    const { entries } = this.#audit;
    let appendOnly = true;
    let last: number = this.#audit.list.at(-1)?.id ?? -Infinity;
    ids.forEach((id, i) => {
      const entry = fresh[i];
      if (entry === undefined || (since !== null && entry.at < since)) {
        if (entries.delete(id)) appendOnly = false;
      } else {
        if (entries.has(id) || (entry.id as number) < last) appendOnly = false;
        entries.set(id, entry);
        last = entry.id as number;
      }
    });
    // New entries (the usual case: each call adds one) are appended; anything else re-sorts.
    this.#audit.list = appendOnly
      ? [...this.#audit.list, ...ids.map((id) => entries.get(id)).filter((e): e is AuditEntry => e !== undefined)]
      : byKey(entries);
  }
}
