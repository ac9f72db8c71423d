/** The audit trail: one entry per call to an end point and per actionflow run. */
import type { AuditEntry } from '$domain/entities';
import type { ServerContext } from './context';

/**
 * Adds one audit entry, stamped with the context's clock. Never pass a key or secret in `reason`.
 * The write is queued, not waited for: IndexedDB runs transactions in the order they were made, so
 * any later read of the trail sees the entry, and the call being audited is not held up by it.
 */
export function addAudit(ctx: ServerContext, entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
  ctx.db.audit
    .add({ ...entry, at: ctx.clock.now().toISOString() })
    .then(() => ctx.notifyChanged('audit'))
    .catch((err: unknown) => console.error(`The audit entry for ${entry.actionflow || entry.endpoint} could not be written.`, err));
  return Promise.resolve();
}
