/**
 * What one call to the simulated server leaves behind: its request log entry and the audit entries
 * of the actionflows it ran (one per end point call or button run). Both are written together, in
 * one transaction, before the call's response goes back: IndexedDB runs transactions in the order
 * they were made, so any later read of the log or the trail sees them, and the caller does not wait
 * for the write itself. Each trail keeps its newest {@link AUDIT_TRAIL_LIMIT} / {@link REQUEST_LOG_LIMIT}
 * entries, dropping the oldest first and counting what it dropped in `meta`.
 */
import type { AuditEntry, RequestLogEntry } from '$domain/entities';
import { AUDIT_TRAIL_LIMIT, REQUEST_LOG_LIMIT } from '$domain/rules';
import type { InstanceDb } from '$instance/db';
import { isQuotaError, storageFullSentence } from '$instance/storage';
import type { ServerContext } from './context';

/** An audit entry as a resolver gives it; the journal stamps the time. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/** Collects the audit entries of one call. Never put a key or secret in an entry's `reason`. */
export interface CallJournal {
  audit(entry: AuditDraft): void;
}

/** A journal for one call, stamping entries with the context's clock; `entries` is what it holds. */
export function createJournal(ctx: ServerContext): CallJournal & { readonly entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    audit: (entry) => void entries.push({ ...entry, at: ctx.clock.now().toISOString() }),
  };
}

export { AUDIT_TRAIL_LIMIT, REQUEST_LOG_LIMIT };
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
 */
async function trim(db: InstanceDb, trail: Trail, newest: number): Promise<void> {
  await countDropped(db, trail, await db.table(trail).where('id').belowOrEqual(newest - LIMITS[trail]).delete());
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

function write(db: InstanceDb, logEntry: RequestLogEntry | null, audit: AuditEntry[]): Promise<void> {
  return db.transaction('rw', [db.requestLog, db.audit, db.meta], async () => {
    if (logEntry) await trim(db, 'requestLog', (await db.requestLog.add(logEntry)) as number);
    if (audit.length > 0) {
      const ids = await db.audit.bulkAdd(audit, { allKeys: true });
      await trim(db, 'audit', ids[ids.length - 1]!);
    }
  });
}

/**
 * Queues the write of a call's log entry and audit entries (one transaction; not waited for), each
 * trail kept to its limit. When the browser's storage is full, the older half of the trails is
 * dropped to make room and the write tried once more.
 */
export function writeCall(ctx: ServerContext, logEntry: RequestLogEntry | null, audit: AuditEntry[]): void {
  if (!logEntry && audit.length === 0) return;
  const { db } = ctx;
  write(db, logEntry, audit)
    .catch(async (err: unknown) => {
      if (!isQuotaError(err)) throw err;
      await halveTrails(db);
      await write(db, logEntry, audit);
    })
    .then(() => {
      if (logEntry) ctx.notifyChanged('requestLog');
      if (audit.length > 0) ctx.notifyChanged('audit');
    })
    .catch((err: unknown) =>
      console.error(
        isQuotaError(err)
          ? storageFullSentence(`the request log and audit entries of ${logEntry?.url ?? 'a call'}`)
          : `The request log and audit entries of ${logEntry?.url ?? 'a call'} could not be written.`,
        err,
      ),
    );
}
