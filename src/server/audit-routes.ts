/** Reading the audit trail and the request log, newest first, and what each keeps (see ./journal.ts). */
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import type { AuditEntry, AuditOutcome } from '$domain/entities';
import { ValidationError } from '$domain/errors';
import { requireSession } from './guards';
import { SANDBOX_API, type ServerContext } from './context';
import { AUDIT_TRAIL_LIMIT, DROPPED_KEYS, REQUEST_LOG_LIMIT } from './journal';
import { route } from './route';

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1_000;
const OUTCOMES: readonly AuditOutcome[] = ['success', 'refused', 'error'];

function limitOf(url: URL, what: string): number {
  const raw = url.searchParams.get('limit');
  if (raw === null || raw === '') return DEFAULT_LIMIT;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > MAX_LIMIT) {
    throw new ValidationError(`The limit of ${what} must be a whole number from 1 to ${MAX_LIMIT}, not ${JSON.stringify(raw)}.`, 'limit');
  }
  return value;
}

/** Handlers of `/sandbox/api/audit` and `/sandbox/api/request-log`. */
export function auditRouteHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  const dropped = async (key: string) => {
    const value = (await db.meta.get(key))?.value;
    return typeof value === 'number' ? value : 0;
  };
  return [
    route(ctx, 'get', `*${SANDBOX_API}/audit`, async ({ request, url }) => {
      await requireSession(ctx, request, 'read the audit trail');
      const limit = limitOf(url, 'the audit trail');
      const runAs = url.searchParams.get('runAs') || null;
      const actionflow = url.searchParams.get('actionflow') || null;
      const outcome = url.searchParams.get('outcome') || null;
      if (outcome !== null && !OUTCOMES.includes(outcome as AuditOutcome)) {
        throw new ValidationError(`The outcome filter of the audit trail must be one of ${OUTCOMES.join(', ')}.`, 'outcome');
      }
      const keep = (e: AuditEntry) =>
        (runAs === null || e.runAs.toLowerCase() === runAs.toLowerCase()) &&
        (actionflow === null || e.actionflow === actionflow) &&
        (outcome === null || e.outcome === outcome);
      const entries = await db.audit.orderBy('id').reverse().filter(keep).limit(limit).toArray();
      return jsonResponse(entries);
    }),

    route(ctx, 'get', `*${SANDBOX_API}/audit/retention`, async ({ request }) => {
      await requireSession(ctx, request, 'read the audit trail');
      return jsonResponse({ limit: AUDIT_TRAIL_LIMIT, dropped: await dropped(DROPPED_KEYS.audit) });
    }),

    route(ctx, 'get', `*${SANDBOX_API}/request-log/retention`, async ({ request }) => {
      await requireSession(ctx, request, 'read the request log');
      return jsonResponse({ limit: REQUEST_LOG_LIMIT, dropped: await dropped(DROPPED_KEYS.requestLog) });
    }),

    route(ctx, 'get', `*${SANDBOX_API}/request-log`, async ({ request, url }) => {
      await requireSession(ctx, request, 'read the request log');
      const limit = limitOf(url, 'the request log');
      return jsonResponse(await db.requestLog.orderBy('id').reverse().limit(limit).toArray());
    }),
  ];
}
