/**
 * What one call to the simulated server leaves behind: its request log entry, the audit entries of
 * the actionflows it ran (one per end point call or button run) and their run records. They are
 * written together, in one transaction, before the call's response goes back: IndexedDB runs
 * transactions in the order they were made, so any later read of the log or the trail sees them,
 * and the caller does not wait for the write itself. What a run records after its call was answered
 * (an asynchronous end point call) is written on its own as soon as it is known.
 *
 * Each trail keeps its newest {@link AUDIT_TRAIL_LIMIT} / {@link REQUEST_LOG_LIMIT} entries,
 * dropping the oldest first and counting what it dropped in `meta`.
 */
import type { AuditEntry, RequestLogEntry } from '$domain/entities';
import type { Redactor } from '$domain/redaction';
import { AUDIT_TRAIL_LIMIT, REQUEST_LOG_LIMIT } from '$domain/rules';
import { RUNS_KEPT_PER_ACTIONFLOW, type RunRecord } from '$domain/runs';
import type { InstanceDb } from '$instance/db';
import { isQuotaError, storageFullSentence } from '$instance/storage';
import type { ServerContext } from './context';

export { AUDIT_TRAIL_LIMIT, REQUEST_LOG_LIMIT };

/** An audit entry as a resolver gives it; the journal stamps the time. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/** Collects the audit entries and run records of one call. Never put a key or secret in an entry's `reason`. */
export interface CallJournal {
  audit(entry: AuditDraft): void;
  run(record: RunRecord): void;
}

/**
 * A journal for one call, stamping entries with the context's clock. Once closed (the call was
 * answered), what it is given is written at once, its audit entries redacted by the call's redactor
 * (`close(redactor)`); a call whose redactor failed closes with null, and the entries' texts are then
 * left out rather than written unchecked. Closed with no argument (a run outside any call, in tests
 * and benchmarks), entries are written as they are.
 */
export function createJournal(ctx: ServerContext): CallJournal & {
  readonly entries: AuditEntry[];
  readonly runs: RunRecord[];
  close(redactor?: Redactor | null): void;
} {
  const entries: AuditEntry[] = [];
  const runs: RunRecord[] = [];
  let closed: { redactor: Redactor | null | undefined } | null = null;
  return {
    entries,
    runs,
    audit: (entry) => {
      const stamped = { ...entry, at: ctx.clock.now().toISOString() };
      if (!closed) entries.push(stamped);
      else if (closed.redactor === undefined) writeCall(ctx, null, [stamped], []);
      else writeCall(ctx, null, [closed.redactor ? closed.redactor.record(stamped) : { ...stamped, reason: null, endpoint: '' }], []);
    },
    run: (record) => {
      if (closed) writeCall(ctx, null, [], [record]);
      else runs.push(record);
    },
    close: (redactor) => void (closed = { redactor }),
  };
}

/** The `meta` rows that count the entries each trail has dropped. */
export const DROPPED_KEYS = { audit: 'auditDropped', requestLog: 'requestLogDropped' } as const;

type Trail = keyof typeof DROPPED_KEYS;
const LIMITS: Record<Trail, number> = { audit: AUDIT_TRAIL_LIMIT, requestLog: REQUEST_LOG_LIMIT };

/** Adds `count` to the number of entries `trail` has dropped. Inside a transaction over meta. */
async function countDropped(db: InstanceDb, trail: Trail, count: number): Promise<void> {
  if (count === 0) return;
  const key = DROPPED_KEYS[trail];
  const before = (await db.meta.get(key))?.value;
  await db.meta.put({ key, value: (typeof before === 'number' ? before : 0) + count });
}

/**
 * Keeps `trail` to its limit, its newest entry being `newest`: entries numbered `newest - limit` or
 * lower go (numbers grow with every entry, so this drops the oldest and keeps at most the limit).
 * Numbers start at 1 (an imported trail's too), so until a trail's numbers pass its limit there is
 * nothing to look for. The entries to drop are named by their keys rather than deleted as a range:
 * a range delete costs a count and a delete even when it finds nothing, and tells the change feed
 * that the whole trail changed, so whatever follows the trail read all of it again after every call.
 */
async function trim(db: InstanceDb, trail: Trail, newest: number): Promise<void> {
  const cutoff = newest - LIMITS[trail];
  if (cutoff < 1) return;
  const old = await db.table(trail).where('id').belowOrEqual(cutoff).primaryKeys();
  if (old.length === 0) return;
  await db.table(trail).bulkDelete(old);
  await countDropped(db, trail, old.length);
}

/** Drops the older half of both trails (a full quota leaves no other room to write in). */
async function halveTrails(db: InstanceDb): Promise<void> {
  await db.transaction('rw', [db.requestLog, db.audit, db.meta], async () => {
    for (const trail of ['audit', 'requestLog'] as const) {
      const keys = (await db.table(trail).toCollection().primaryKeys()) as number[];
      const old = keys.slice(0, Math.ceil(keys.length / 2));
      await db.table(trail).bulkDelete(old);
      await countDropped(db, trail, old.length);
    }
  });
}

function write(db: InstanceDb, logEntry: RequestLogEntry | null, audit: AuditEntry[], runs: RunRecord[]): Promise<void> {
  return db.transaction('rw', [db.requestLog, db.audit, db.meta, db.runs], async () => {
    if (logEntry) await trim(db, 'requestLog', (await db.requestLog.add(logEntry)) as number);
    if (audit.length > 0) {
      const ids = await db.audit.bulkAdd(audit, { allKeys: true });
      await trim(db, 'audit', ids[ids.length - 1]!);
    }
    if (runs.length > 0) {
      await db.runs.bulkPut(runs);
      // Keys only (no run, and so no trace, is read back): which runs to drop is a question of ids and times.
      for (const flowId of new Set(runs.map((r) => r.actionflowId))) {
        const ids = new Set(await db.runs.where('actionflowId').equals(flowId).primaryKeys());
        if (ids.size <= RUNS_KEPT_PER_ACTIONFLOW) continue;
        const oldestFirst = (await db.runs.orderBy('startedAt').primaryKeys()).filter((id) => ids.has(id));
        await db.runs.bulkDelete(oldestFirst.slice(0, oldestFirst.length - RUNS_KEPT_PER_ACTIONFLOW));
      }
    }
  });
}

/**
 * Queues the write of a call's log entry, audit entries and run records (one transaction; not
 * waited for), each trail kept to its limit. When the browser's storage is full, the older half of
 * the trails is dropped to make room and the write tried once more.
 */
export function writeCall(ctx: ServerContext, logEntry: RequestLogEntry | null, audit: AuditEntry[], runs: RunRecord[] = []): void {
  if (!logEntry && audit.length === 0 && runs.length === 0) return;
  const { db } = ctx;
  write(db, logEntry, audit, runs)
    .catch(async (err: unknown) => {
      if (!isQuotaError(err)) throw err;
      await halveTrails(db);
      await write(db, logEntry, audit, runs);
    })
    .catch((err: unknown) =>
      console.error(
        isQuotaError(err)
          ? storageFullSentence(`the request log, audit and run entries of ${logEntry?.url ?? 'a call'}`)
          : `The request log, audit and run entries of ${logEntry?.url ?? 'a call'} could not be written.`,
        err,
      ),
    );
}
