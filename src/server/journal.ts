/**
 * What one call to the simulated server leaves behind: its request log entry and the audit entries
 * of the actionflows it ran (one per end point call or button run). Both are written together, in
 * one transaction, before the call's response goes back: IndexedDB runs transactions in the order
 * they were made, so any later read of the log or the trail sees them, and the caller does not wait
 * for the write itself.
 */
import type { AuditEntry, RequestLogEntry } from '$domain/entities';
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

/** Queues the write of a call's log entry and audit entries (one transaction; not waited for). */
export function writeCall(ctx: ServerContext, logEntry: RequestLogEntry | null, audit: AuditEntry[]): void {
  if (!logEntry && audit.length === 0) return;
  const { db } = ctx;
  db.transaction('rw', [db.requestLog, db.audit], async () => {
    if (logEntry) await db.requestLog.add(logEntry);
    if (audit.length > 0) await db.audit.bulkAdd(audit);
  })
    .then(() => {
      if (logEntry) ctx.notifyChanged('requestLog');
      if (audit.length > 0) ctx.notifyChanged('audit');
    })
    .catch((err: unknown) => console.error(`The request log and audit entries of ${logEntry?.url ?? 'a call'} could not be written.`, err));
}
