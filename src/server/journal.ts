/**
 * What one call to the simulated server leaves behind: its request log entry, the audit entries of
 * the actionflows it ran (one per end point call or button run) and their run records. They are
 * written together, in one transaction, before the call's response goes back: IndexedDB runs
 * transactions in the order they were made, so any later read of the log or the trail sees them,
 * and the caller does not wait for the write itself. What a run records after its call was answered
 * (an asynchronous end point call) is written on its own as soon as it is known.
 */
import type { AuditEntry, RequestLogEntry } from '$domain/entities';
import { RUNS_KEPT_PER_ACTIONFLOW, type RunRecord } from '$domain/runs';
import type { ServerContext } from './context';

/** An audit entry as a resolver gives it; the journal stamps the time. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/** Collects the audit entries and run records of one call. Never put a key or secret in an entry's `reason`. */
export interface CallJournal {
  audit(entry: AuditDraft): void;
  run(record: RunRecord): void;
}

/** A journal for one call, stamping entries with the context's clock. */
export function createJournal(ctx: ServerContext): CallJournal & { readonly entries: AuditEntry[]; readonly runs: RunRecord[]; close(): void } {
  const entries: AuditEntry[] = [];
  const runs: RunRecord[] = [];
  let closed = false;
  return {
    entries,
    runs,
    audit: (entry) => {
      const stamped = { ...entry, at: ctx.clock.now().toISOString() };
      if (closed) writeCall(ctx, null, [stamped], []);
      else entries.push(stamped);
    },
    run: (record) => {
      if (closed) writeCall(ctx, null, [], [record]);
      else runs.push(record);
    },
    close: () => void (closed = true),
  };
}

/** Queues the write of a call's log entry, audit entries and run records (one transaction; not waited for). */
export function writeCall(ctx: ServerContext, logEntry: RequestLogEntry | null, audit: AuditEntry[], runs: RunRecord[] = []): void {
  if (!logEntry && audit.length === 0 && runs.length === 0) return;
  const { db } = ctx;
  db.transaction('rw', [db.requestLog, db.audit, db.runs], async () => {
    if (logEntry) await db.requestLog.add(logEntry);
    if (audit.length > 0) await db.audit.bulkAdd(audit);
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
  })
    .then(() => {
      if (logEntry) ctx.notifyChanged('requestLog');
      if (audit.length > 0) ctx.notifyChanged('audit');
      if (runs.length > 0) ctx.notifyChanged('runs');
    })
    .catch((err: unknown) => console.error(`The request log, audit and run entries of ${logEntry?.url ?? 'a call'} could not be written.`, err));
}
