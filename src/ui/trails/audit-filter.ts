/** The audit trail's filters and the rule they apply. */
import type { AuditEntry, AuditOutcome } from '$domain/entities';
import type { AuditQuery } from '$client/index';

/** What the filter controls hold; an empty string means "any". */
export interface AuditFilterValues {
  runAs: string;
  actionflow: string;
  outcome: AuditOutcome | '';
}

export const NO_AUDIT_FILTERS: AuditFilterValues = { runAs: '', actionflow: '', outcome: '' };

/** True when the entry passes every filter that is set. */
export function matchesAuditFilters(entry: AuditEntry, f: AuditFilterValues): boolean {
  return (!f.runAs || entry.runAs === f.runAs) && (!f.actionflow || entry.actionflow === f.actionflow) && (!f.outcome || entry.outcome === f.outcome);
}

/** The query sent to GET /audit for these filters. */
export function auditQuery(f: AuditFilterValues, limit: number): AuditQuery {
  return {
    limit,
    ...(f.runAs ? { runAs: f.runAs } : {}),
    ...(f.actionflow ? { actionflow: f.actionflow } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
  };
}

/** True when any filter is set. */
export function isFiltered(f: AuditFilterValues): boolean {
  return f.runAs !== '' || f.actionflow !== '' || f.outcome !== '';
}
