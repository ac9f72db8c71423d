import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actionflow } from '$domain/actionflow';
import { startTestServer, type TestServer } from '../support/instance';
import { InstanceDb } from '$instance/db';
import { as, createApiAgent, generateKey, login } from './helpers';

const V1 = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger';
let t: TestServer;
let pristine: Actionflow;

beforeAll(async () => {
  t = await startTestServer();
  pristine = (await t.db.actionflows.get('af-api-company-data'))!;
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.actionflows.put(structuredClone(pristine));
  await t.db.audit.clear();
  await t.db.requestLog.clear();
});

async function json(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/json/);
  return response.json();
}

describe('API Company Data through the incoming API', () => {
  it('answers GET with the company and its orders, read from the instance', async () => {
    const response = await t.call(`${V1}?CompanyID=C0001`);
    expect(response.status).toBe(200);
    const body = await json(response);
    const company = (await t.db.companies.get('C0001'))!;
    const orders = await t.db.orders.where('CompanyID').equals('C0001').toArray();
    expect(body).toMatchObject({ CompanyID: 'C0001', CompanyName: company.CompanyName, Industry: company.Industry });
    expect(body.Orders).toHaveLength(orders.length);
    expect(body.Orders.map((o: { OrderID: string }) => o.OrderID).sort()).toEqual(orders.map((o) => o.OrderID).sort());
  });

  it('answers POST with a JSON body the same way', async () => {
    const response = await t.call(V1, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ CompanyID: 'C0001' }) });
    expect(response.status).toBe(200);
    expect((await json(response)).CompanyID).toBe('C0001');
  });

  it('answers the older URL without the application name, and the URL Alias', async () => {
    const older = await t.call('/phixflow/api/1/action/API%20Company%20Data/trigger?CompanyID=C0002');
    expect(older.status).toBe(200);
    expect((await json(older)).CompanyID).toBe('C0002');
    const alias = await t.call('/phixflow/api/2/companydata?CompanyID=C0003');
    expect(alias.status).toBe(200);
    expect((await json(alias)).CompanyID).toBe('C0003');
  });

  it('reads changed data: a renamed company is answered with its new name', async () => {
    await t.db.companies.update('C0004', { CompanyName: 'Renamed In Test Ltd' });
    const body = await json(await t.call(`${V1}?CompanyID=C0004`));
    expect(body.CompanyName).toBe('Renamed In Test Ltd');
  });

  it('answers 404 company_not_found for an unknown CompanyID, naming it', async () => {
    const response = await t.call(`${V1}?CompanyID=C9999`);
    expect(response.status).toBe(404);
    const body = await json(response);
    expect(body.error.code).toBe('company_not_found');
    expect(body.error.message).toContain('C9999');
  });

  it('answers 404 unknown_endpoint for paths that name no end point', async () => {
    for (const path of [
      '/phixflow/api/1/action/Actionflow%20Advanced/No%20Such%20Flow/trigger',
      '/phixflow/api/1/action/Other%20App/API%20Company%20Data/trigger',
      '/phixflow/api/2/nosuchalias',
      '/phixflow/api/1/action/Call%20API/trigger',
      '/phixflow/api/9/whatever',
      '/phixflow/api/1/action/%E0%A4%A/trigger',
    ]) {
      const response = await t.call(path);
      expect(response.status, path).toBe(404);
      const body = await json(response);
      expect(body.error.code, path).toBe('unknown_endpoint');
      expect(body.error.message).toMatch(/^There is no API end point at /);
    }
  });

  it('answers 400 invalid_body for malformed JSON', async () => {
    const response = await t.call(V1, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"CompanyID": ' });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.error.code).toBe('invalid_body');
    expect(body.error.message).toContain('API Company Data');
  });

  it('answers 413 body_too_large for a body over 1 MiB', async () => {
    const big = JSON.stringify({ CompanyID: 'C0001', padding: 'x'.repeat(1024 * 1024) });
    const response = await t.call(V1, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
    expect(response.status).toBe(413);
    expect((await json(response)).error.code).toBe('body_too_large');
  });

  it('answers 401 missing_api_key when anonymous connections are off and no key is sent', async () => {
    await t.db.actionflows.update('af-api-company-data', { api: { ...pristine.api!, allowAnonymousConnections: false } });
    const response = await t.call(`${V1}?CompanyID=C0001`);
    expect(response.status).toBe(401);
    const body = await json(response);
    expect(body.error.code).toBe('missing_api_key');
    expect(body.error.message).toContain('API Company Data');
  });

  it('holds a call to the key it presents even where anonymous calls are allowed', async () => {
    const response = await t.call(`${V1}?CompanyID=C0001`, { headers: { authorization: 'Bearer not-a-real-key' } });
    expect(response.status).toBe(401);
    expect((await json(response)).error.code).toBe('invalid_api_key');
    const [entry] = await t.db.audit.toArray();
    expect(entry).toMatchObject({ runAs: 'system', status: 401, code: 'invalid_api_key' });
  });

  it('runs a call with a good key as the key\'s user even where anonymous calls are allowed', async () => {
    const session = await login(t);
    const agent = await createApiAgent(t, session);
    const key = await generateKey(t, session, agent.userId);
    const response = await t.call(`${V1}?CompanyID=C0001`, { headers: { authorization: key } });
    expect(response.status).toBe(200);
    const entries = await t.db.audit.where('actionflow').equals('API Company Data').toArray();
    expect(entries.at(-1)).toMatchObject({ runAs: 'apiagent', runAsName: 'API Agent', status: 200 });
  });

  it('answers 500 actionflow_error when an action fails, naming the end point', async () => {
    const broken = structuredClone(pristine);
    broken.connections = broken.connections.filter((c) => c.point !== 'empty');
    broken.allowRunWithValidationErrors = true;
    await t.db.actionflows.put(broken);
    const response = await t.call(`${V1}?CompanyID=C9999`);
    expect(response.status).toBe(500);
    const body = await json(response);
    expect(body.error.code).toBe('actionflow_error');
    expect(body.error.message).toMatch(/^The end point API Company Data failed: /);
  });
});

describe('changes reach the very next call (the server caches end points and tables only until they change)', () => {
  const anonymousCall = () => t.call(`${V1}?CompanyID=C0001`);

  it('anonymous access turned off through the repository API', async () => {
    expect((await anonymousCall()).status).toBe(200);
    const session = await login(t);
    const off = await as(t, session).patch('/actionflows/af-api-company-data', { api: { allowAnonymousConnections: false } });
    expect(off.status).toBe(200);
    expect((await anonymousCall()).status).toBe(401);
  });

  it('a new URL Alias: the old one is unknown at once, the new one answers', async () => {
    expect((await t.call('/phixflow/api/2/companydata?CompanyID=C0001')).status).toBe(200);
    const session = await login(t);
    expect((await as(t, session).patch('/actionflows/af-api-company-data', { api: { urlAlias: 'companies-v2' } })).status).toBe(200);
    expect((await t.call('/phixflow/api/2/companydata?CompanyID=C0001')).status).toBe(404);
    expect((await t.call('/phixflow/api/2/companies-v2?CompanyID=C0001')).status).toBe(200);
  });

  it('a change made in another tab (another connection to the same database)', async () => {
    expect((await anonymousCall()).status).toBe(200);
    const tab = new InstanceDb(t.db.name);
    try {
      await tab.actionflows.update('af-api-company-data', { api: { ...pristine.api!, allowAnonymousConnections: false } });
    } finally {
      tab.close();
    }
    expect((await anonymousCall()).status).toBe(401);
  });

  it('a removed table definition: the end point refuses to run, naming its View and the table', async () => {
    expect((await anonymousCall()).status).toBe(200);
    const companies = (await t.db.appTables.where('name').equals('Companies').first())!;
    await t.db.appTables.delete(companies.id);
    try {
      const response = await anonymousCall();
      expect(response.status).toBe(500);
      expect((await json(response)).error).toMatchObject({
        code: 'invalid_actionflow',
        message: expect.stringMatching(/^The actionflow API Company Data did not run: .*The View action Find Company uses a table \(table-companies\) that the application does not have\./),
      });
    } finally {
      await t.db.appTables.put(companies);
    }
    expect((await anonymousCall()).status).toBe(200);
  });

  it('a renamed table: views name tables by id, so the end point still answers', async () => {
    const companies = (await t.db.appTables.where('name').equals('Companies').first())!;
    await t.db.appTables.update(companies.id, { name: 'Companies Renamed' });
    try {
      expect((await anonymousCall()).status).toBe(200);
    } finally {
      await t.db.appTables.update(companies.id, { name: 'Companies' });
    }
  });
});

describe('the audit trail and the request log', () => {
  it('hold a call\'s entries as soon as its response is back, written in one transaction', async () => {
    await t.call(`${V1}?CompanyID=C0001`);
    // No waiting: the entries' write was queued before the response went back.
    const [audit, log] = await Promise.all([t.db.audit.toArray(), t.db.requestLog.toArray()]);
    expect(audit).toHaveLength(1);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(audit[0]).toMatchObject({ actionflow: 'API Company Data', status: 200 });
  });


  it('adds exactly one audit entry per call, run by the system when anonymous', async () => {
    await t.call(`${V1}?CompanyID=C0001`);
    await t.call(`${V1}?CompanyID=C9999`);
    await t.call('/phixflow/api/2/nosuchalias');
    const audit = await t.db.audit.toArray();
    expect(audit).toHaveLength(3);
    expect(audit.map((a) => a.runAs)).toEqual(['system', 'system', 'system']);
    expect(audit.map((a) => a.status)).toEqual([200, 404, 404]);
    expect(audit[0]).toMatchObject({ actionflow: 'API Company Data', outcome: 'success', runAsName: 'System' });
    expect(audit[1]).toMatchObject({ code: 'company_not_found', outcome: 'refused' });
    expect(audit[2]).toMatchObject({ code: 'unknown_endpoint', actionflow: '' });
  });

  it('logs every call with method, URL, status and a redacted Authorization header', async () => {
    await t.call(`${V1}?CompanyID=C0001`, { headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } });
    const [entry] = await t.db.requestLog.toArray();
    expect(entry).toMatchObject({ method: 'GET', url: `${V1}?CompanyID=C0001`, status: 401 });
    expect(entry!.requestHeaders.authorization).toBe('Bearer abcdef… (redacted)');
    expect(JSON.stringify(entry)).not.toContain('abcdefghijklmnopqrstuvwxyz');
  });
});
