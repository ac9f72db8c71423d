/** The audit trail: one entry per call to an end point and per actionflow run. */
import type { AuditEntry } from '$domain/entities';
import type { ServerContext } from './context';

/** Adds one audit entry, stamped with the context's clock. Never pass a key or secret in `reason`. */
export async function addAudit(ctx: ServerContext, entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
  await ctx.db.audit.add({ ...entry, at: ctx.clock.now().toISOString() });
  ctx.notifyChanged('audit');
}
