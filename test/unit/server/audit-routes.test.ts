import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '$domain/entities';
import { startTestServer, type TestServer } from '../support/instance';
import { as, expectError, login } from './helpers';

let t: TestServer;
let session: string;
const entry = (n: number, runAs: string, actionflow: string, outcome: AuditEntry['outcome']): AuditEntry => ({
  at: new Date(Date.UTC(2025, 0, 1, 0, 0, n)).toISOString(),
  runAs,
  runAsName: runAs,
  actionflow,
  endpoint: '/x',
  outcome,
  status: outcome === 'success' ? 200 : 401,
  code: null,
  reason: null,
});

beforeAll(async () => {
  t = await startTestServer();
  session = await login(t);
  await t.db.audit.bulkAdd([
    entry(1, 'system', 'API Company Data', 'success'),
    entry(2, 'apiagent', 'API Company Data', 'refused'),
    entry(3, 'apiagent', 'Call API', 'success'),
    entry(4, 'trainee', 'Call API', 'error'),
  ]);
});
afterAll(() => t.close());

describe('GET /audit', () => {
  it('answers newest first, filtered by user, actionflow and outcome, up to a limit', async () => {
    const all = (await as(t, session).get('/audit')).body as AuditEntry[];
    expect(all.map((e) => e.at.slice(17, 19))).toEqual(['04', '03', '02', '01']);
    expect((await as(t, session).get('/audit?runAs=APIAGENT')).body.map((e: AuditEntry) => e.actionflow)).toEqual(['Call API', 'API Company Data']);
    expect((await as(t, session).get('/audit?actionflow=Call%20API&outcome=error')).body.map((e: AuditEntry) => e.runAs)).toEqual(['trainee']);
    expect((await as(t, session).get('/audit?limit=2')).body).toHaveLength(2);
  });

  it('refuses an unknown outcome and a bad limit', async () => {
    expectError(await as(t, session).get('/audit?outcome=maybe'), 400, 'validation_failed', 'outcome');
    expectError(await as(t, session).get('/audit?limit=0'), 400, 'validation_failed', 'limit');
    expectError(await as(t, session).get('/audit?limit=1001'), 400, 'validation_failed', 'limit');
  });
});

describe('GET /request-log', () => {
  it('answers newest first and does not log its own reads', async () => {
    await t.db.requestLog.clear();
    await as(t, session).get('/keystore');
    await as(t, session).get('/roles');
    const log = (await as(t, session).get('/request-log')).body as { url: string }[];
    expect(log.map((e) => e.url)).toEqual(['/sandbox/api/roles', '/sandbox/api/keystore']);
    await as(t, session).get('/request-log?limit=1');
    expect(await t.db.requestLog.count()).toBe(2);
    expect((await as(t, session).get('/request-log?limit=1')).body).toHaveLength(1);
  });
});
