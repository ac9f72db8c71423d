/**
 * Durability and growth: the trails stay within their retention (oldest dropped first, counted),
 * instructor operations and progress are written durably, and a full quota is answered with a
 * sentence instead of a failure.
 */
import type { DBCore, DBCoreTable, Middleware } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_TRAIL_LIMIT, REQUEST_LOG_LIMIT } from '$domain/rules';
import { idsOf, onInstanceChange, type ChangedIds } from '$instance/change-feed';
import { InstanceDb } from '$instance/db';
import { resetInstance } from '$instance/reset';
import { saveProgress } from '$lessons/progress';
import { startTestServer, type TestServer } from '../support/instance';
import { ENDPOINT_URL, as, expectError, login } from './helpers';

let t: TestServer;
let session: string;

beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

const entry = (i: number) => ({ id: i, at: '2025-01-01T00:00:00.000Z', runAs: 'system', runAsName: 'System', actionflow: 'x', endpoint: '/x', outcome: 'success' as const, status: 200, code: null, reason: null });
const call = (i: number) => ({ id: i, at: '2025-01-01T00:00:00.000Z', method: 'GET', url: '/old', status: 200, durationMs: 1, requestHeaders: {}, responseHeaders: {}, requestBody: null, responseBody: null });

/** Waits until queued trail writes have committed. */
const settled = () => t.db.transaction('rw', [t.db.requestLog, t.db.audit, t.db.meta], () => undefined);

describe('the trails keep their newest entries', () => {
  it('drop the oldest first once full, count what they dropped, and say so', async () => {
    await t.db.requestLog.clear();
    await t.db.requestLog.bulkAdd(Array.from({ length: REQUEST_LOG_LIMIT - 1 }, (_, i) => call(i + 1)));
    await t.db.audit.bulkAdd(Array.from({ length: AUDIT_TRAIL_LIMIT - 1 }, (_, i) => entry(i + 1)));
    for (let i = 0; i < 3; i++) await t.call(ENDPOINT_URL);
    await settled();
    expect(await t.db.requestLog.count()).toBe(REQUEST_LOG_LIMIT);
    expect(await t.db.audit.count()).toBe(AUDIT_TRAIL_LIMIT);
    // The oldest went: ids 1 and 2 of the log (3 calls, room for 1), ids 1 and 2 of the trail.
    expect(await t.db.requestLog.get(1)).toBeUndefined();
    expect(await t.db.requestLog.get(3)).toBeDefined();
    expect(await t.db.audit.get(2)).toBeUndefined();
    expect(await t.db.audit.get(3)).toBeDefined();
    expect((await as(t, session).get('/request-log/retention')).body).toEqual({ limit: REQUEST_LOG_LIMIT, dropped: 2 });
    expect((await as(t, session).get('/audit/retention')).body).toEqual({ limit: AUDIT_TRAIL_LIMIT, dropped: 2 });
    // The retention reads themselves: the audit one is logged, the request log's is not.
    await settled();
    expect((await as(t, session).get('/request-log/retention')).body.dropped).toBe(3);
  });

  it('tell the change feed the entries a call added and dropped, not that the whole trail changed', async () => {
    await t.db.requestLog.clear();
    await t.db.requestLog.bulkAdd(Array.from({ length: REQUEST_LOG_LIMIT }, (_, i) => call(i + 1)));
    await settled();
    const heard: { requestLog: ChangedIds[]; audit: ChangedIds[] } = { requestLog: [], audit: [] };
    const stop = onInstanceChange((change) => {
      for (const trail of ['requestLog', 'audit'] as const) {
        const ids = idsOf(change, trail);
        if (ids === 'all' || ids.length > 0) heard[trail].push(ids);
      }
    }, t.db.name);
    await t.call(ENDPOINT_URL);
    await settled();
    stop();
    // The full log dropped its oldest entry for the new one; the audit trail, far from full, only grew.
    expect(heard.requestLog).toEqual([[1, REQUEST_LOG_LIMIT + 1]]);
    const newest = (await t.db.audit.orderBy('id').last())!.id;
    expect(heard.audit).toEqual([[newest]]);
    expect(await t.db.requestLog.count()).toBe(REQUEST_LOG_LIMIT);
  });

  it('start again from nothing dropped after a reset', async () => {
    await t.db.meta.put({ key: 'auditDropped', value: 12 });
    await as(t, session).post('/instance/reset');
    const fresh = await login(t);
    expect((await as(t, fresh).get('/audit/retention')).body.dropped).toBe(0);
    expectError(await as(t, null).get('/audit/retention'), 401, 'not_logged_in');
  });
});

/** A middleware that records the durability of every write transaction. */
function recordDurability(into: string[]): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    create: (down) => ({
      ...down,
      transaction: (stores, mode, options) => {
        if (mode === 'readwrite') into.push(options?.durability ?? 'default');
        return down.transaction(stores, mode, options);
      },
    }),
  };
}

describe('durable writes', () => {
  it('a reset and saved progress commit with strict durability; the trails with relaxed', async () => {
    const db = new InstanceDb(`durability-${crypto.randomUUID()}`);
    const strict: string[] = [];
    const relaxed: string[] = [];
    db.durable.use(recordDurability(strict));
    db.use(recordDurability(relaxed));
    try {
      await resetInstance(db);
      await saveProgress(db, 'add-authentication', {
        chapterId: 'add-authentication',
        currentStep: 0,
        steps: [],
        startedAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-01T00:00:00.000Z',
        finishedAt: null,
      });
      expect(strict).toEqual(['strict', 'strict']);
      await db.audit.add(entry(1));
      expect(relaxed).toEqual(['relaxed']);
    } finally {
      db.close();
    }
  });
});

/** A middleware that refuses writes to `table` as a full quota would, `times` times. */
function quotaFull(table: string, times = Infinity): Middleware<DBCore> {
  let left = times;
  return {
    stack: 'dbcore',
    create: (down) => ({
      ...down,
      table: (name) => {
        const inner: DBCoreTable = down.table(name);
        if (name !== table) return inner;
        return {
          ...inner,
          mutate: (req) => {
            if (left <= 0) return inner.mutate(req);
            left -= 1;
            return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
          },
        };
      },
    }),
  };
}

async function reopenWith(middleware: Middleware<DBCore>) {
  t.db.close();
  t.db.use(middleware);
  await t.db.open();
}

describe('a full quota', () => {
  it('answers a change with 507 and a sentence saying what to do, changing nothing', async () => {
    await reopenWith(quotaFull('keystore'));
    const before = await t.db.keystore.toArray();
    const message = expectError(await as(t, session).put('/keystore/my-alias', { secret: 'some-secret-value' }), 507, 'storage_full');
    expect(message).toMatch(/^The browser has no more room for the sandbox's data, so the change was not saved\. Free some space and try again: export the instance and reset it/);
    expect(await t.db.keystore.toArray()).toEqual(before);
  });

  it('makes room in the trails by dropping their older half, then writes the call', async () => {
    await t.db.requestLog.bulkAdd(Array.from({ length: 40 }, (_, i) => call(1_000 + i)));
    const before = await t.db.requestLog.count();
    await reopenWith(quotaFull('requestLog', 1));
    expect((await t.call(ENDPOINT_URL)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settled();
    const log = await t.db.requestLog.toArray();
    expect(log.length).toBe(before - Math.ceil(before / 2) + 1);
    expect(log.at(-1)!.url).toBe(ENDPOINT_URL);
    expect((await t.db.meta.get('requestLogDropped'))!.value).toBe(Math.ceil(before / 2));
  });
});
