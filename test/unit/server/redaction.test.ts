/**
 * Nothing credential-shaped reaches the request log or the audit trail in clear, wherever a caller
 * puts it: query string, any header, a body field of any name, the path; API keys, keystore values,
 * HTTP actions' secret keys and session ids alike.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, ENDPOINT_URL, as, callApi, createApiAgent, generateKey, login, TRAINEE } from './helpers';

let t: TestServer;
let trainee: string;
let key: string;

beforeEach(async () => {
  t = await startTestServer();
  trainee = await login(t);
  const agent = await createApiAgent(t, trainee);
  key = await generateKey(t, trainee, agent.userId);
});
afterEach(() => t.close());

/** Waits for the queued trail writes, then answers both trails as one text. */
async function trails(): Promise<string> {
  // Any read after the call sees its writes (IndexedDB orders transactions); one read is enough.
  await t.db.transaction('r', [t.db.requestLog, t.db.audit], () => undefined);
  return JSON.stringify(await t.db.requestLog.toArray()) + JSON.stringify(await t.db.audit.toArray());
}

function expectAbsent(text: string, ...secrets: string[]) {
  for (const secret of secrets) expect(text.includes(secret), `${secret.slice(0, 12)}… appears in a trail`).toBe(false);
}

describe('an API key, wherever the caller puts it', () => {
  it('is redacted from the query string, any header, any body field and the path', async () => {
    const [, payload, signature] = key.split('.') as [string, string, string];
    await t.call(`${ENDPOINT_URL}&anything=${key}`, { headers: { 'x-api-key': key, 'x-note': `see ${key} here` } });
    await t.call(ENDPOINT_URL.replace('?CompanyID=C0001', ''), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ CompanyID: 'C0001', remark: key, nested: { list: [`key=${key}`] }, [key]: 'as a field name' }),
    });
    await t.call(`/phixflow/api/2/${key}`);
    await t.call(ENDPOINT_URL, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: `plain text holding ${key} and more` });
    const text = await trails();
    expectAbsent(text, key, payload, signature);
    const first = (await t.db.requestLog.toArray()).find((e) => e.url.includes('anything='))!;
    expect(first.url).toContain('anything=[redacted]');
    expect(first.requestHeaders['x-api-key']).toBe('[redacted]');
    expect(first.requestHeaders['x-note']).toBe('see [redacted] here');
    const audit = await t.db.audit.toArray();
    expect(audit.find((e) => e.code === 'unknown_endpoint')!.endpoint).toBe('/phixflow/api/2/[redacted]');
  });

  it('is redacted from the answer that generates it and from the key inspector', async () => {
    const user = (await as(t, trainee).get('/users')).body.find((u: { login: string }) => u.login === 'apiagent');
    const fresh = (await as(t, trainee).post(`/users/${user.id}/api-keys`, {})).body.key as string;
    await as(t, trainee).post('/keys/inspect', { key: fresh });
    expectAbsent(await trails(), fresh, key);
  });
});

describe('known secrets of the instance', () => {
  it('keystore values are redacted wherever they appear, under any name', async () => {
    const dbPassword = (await t.db.keystore.get('phixflow-database-password'))!.secret;
    const signing = (await t.db.keystore.get('phixflow-api-key'))!.secret;
    const pepper = (await t.db.keystore.get('pepperkey'))!.secret;
    await t.call(`${ENDPOINT_URL}&q=${encodeURIComponent(dbPassword)}`, { headers: { 'x-custom': pepper } });
    await t.call(ENDPOINT_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ comment: `signed with ${signing}` }) });
    expectAbsent(await trails(), dbPassword, encodeURIComponent(dbPassword), signing, pepper);
  });

  it('a secret saved in the keystore is redacted from the call that saves it and from later ones', async () => {
    const secret = 'my-own-signing-secret-0123456789-abcdef';
    expect((await as(t, trainee).put('/keystore/phixflow-api-key', { secret })).status).toBe(200);
    await t.call(ENDPOINT_URL, { headers: { 'x-echo': secret } });
    expectAbsent(await trails(), secret);
  });

  it("an HTTP action's secret key is redacted, even in a body field of another name", async () => {
    const secret = 'http-action-secret-value-42';
    const saved = await as(t, trainee).put('/actionflows/af-call-api/nodes/call-api', { name: 'Call API', secretKeys: [{ name: 'APIKey', enabled: true, secret }] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    await t.call(ENDPOINT_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ anything: secret }) });
    expectAbsent(await trails(), secret);
  });
});

describe('session ids', () => {
  it('never appear in clear: not in the bodies of the session routes, not in headers, not in a query', async () => {
    const answer = await callApi(t, 'POST', '/session', { body: TRAINEE });
    const session = answer.body.sessionId as string;
    await as(t, session).get('/session');
    await t.call(`/sandbox/api/session?copy=${session}`, { headers: { 'x-sandbox-session': session, 'x-other': session } });
    await as(t, session).del('/session');
    // Gone from the instance, the ended session is still redacted in the call that ended it.
    const text = await trails();
    expectAbsent(text, session, trainee);
    const log = await t.db.requestLog.toArray();
    const created = log.find((e) => e.method === 'POST' && e.url === '/sandbox/api/session' && e.status === 201)!;
    expect(JSON.parse(created.responseBody!).sessionId).toBe('[redacted]');
    expect(created.requestBody).not.toContain(TRAINEE.password);
  });
});

describe('the audit trail', () => {
  it('keeps the key out of refusal reasons and end point paths', async () => {
    await as(t, trainee).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    await t.call(ENDPOINT_URL, { headers: { authorization: `Bearer ${key} trailing` } });
    const audit = await t.db.audit.toArray();
    expect(audit.at(-1)).toMatchObject({ code: 'invalid_api_key', outcome: 'refused' });
    expectAbsent(JSON.stringify(audit), key);
  });
});
