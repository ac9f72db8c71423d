import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '$domain/expression';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, ENDPOINT_URL, as, createApiAgent, expectError, expectUnchanged, generateKey, login, type ApiAgent } from './helpers';

let t: TestServer;
let clock: ManualClock;
let session: string;
let agent: ApiAgent;
beforeEach(async () => {
  clock = createManualClock(new Date('2025-03-01T09:00:00.000Z'));
  t = await startTestServer({ clock });
  session = await login(t);
  agent = await createApiAgent(t, session);
});
afterEach(() => t.close());

describe('POST /users/:id/api-keys', () => {
  it('answers an HS256 JWT with sub, jti, iat and iss, and stores only its record', async () => {
    const answer = await as(t, session).post(`/users/${agent.userId}/api-keys`, {});
    expect(answer.status).toBe(201);
    const { key, record } = answer.body;
    expect(key.split('.')).toHaveLength(3);
    expect(decodeProtectedHeader(key)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodeJwt(key);
    expect(claims).toEqual({ sub: 'apiagent', jti: record.jti, iat: Date.parse('2025-03-01T09:00:00Z') / 1000, iss: 'phixflow-sandbox' });
    expect(record).toEqual({ jti: claims.jti, userId: agent.userId, createdAt: '2025-03-01T09:00:00.000Z', expiresAt: null, lastUsedAt: null, revokedAt: null });
    expect(await t.db.apiKeys.get(record.jti)).toEqual(record);
    // The key itself is nowhere in the instance.
    for (const table of ['apiKeys', 'audit', 'requestLog', 'users', 'sessions']) {
      expect(JSON.stringify(await t.db.table(table).toArray())).not.toContain(key);
    }
    expect(t.changes).toContain('apiKeys');
  });

  it('sets exp from expiresInSeconds', async () => {
    const answer = await as(t, session).post(`/users/${agent.userId}/api-keys`, { expiresInSeconds: 3600 });
    const claims = decodeJwt(answer.body.key);
    expect(claims.exp).toBe((claims.iat as number) + 3600);
    expect(answer.body.record.expiresAt).toBe('2025-03-01T10:00:00.000Z');
  });

  it('refuses a bad lifetime, an unknown user and callers without design rights, changing nothing', async () => {
    const plain = await login(t, 'apiagent', 'Phixflow123!');
    await expectUnchanged(t.db, async () => {
      for (const bad of [0, -5, 1.5, '60', 10 * 365 * 24 * 3600 + 1]) {
        expectError(await as(t, session).post(`/users/${agent.userId}/api-keys`, { expiresInSeconds: bad }), 400, 'validation_failed', 'expiresInSeconds');
      }
      expectError(await as(t, session).post(`/users/${agent.userId}/api-keys`, { scope: 'all' }), 400, 'validation_failed', 'scope');
      expectError(await as(t, session).post('/users/ghost/api-keys', {}), 404, 'not_found');
      expectError(await as(t, plain).post(`/users/${agent.userId}/api-keys`, {}), 403, 'forbidden');
      expectError(await as(t, null).post(`/users/${agent.userId}/api-keys`, {}), 401, 'not_logged_in');
    });
  });
});

describe('listing and revoking', () => {
  it('lists a user\'s key records, newest first, without keys', async () => {
    const first = await generateKey(t, session, agent.userId);
    clock.advance(1000);
    await generateKey(t, session, agent.userId);
    const answer = await as(t, session).get(`/users/${agent.userId}/api-keys`);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(2);
    expect(answer.body[0].createdAt > answer.body[1].createdAt).toBe(true);
    expect(JSON.stringify(answer.body)).not.toContain(first);
    expectError(await as(t, session).get('/users/ghost/api-keys'), 404, 'not_found');
  });

  it('revokes a key: the record keeps its first revocation time and calls are refused', async () => {
    const key = await generateKey(t, session, agent.userId);
    const jti = decodeJwt(key).jti as string;
    const answer = await as(t, session).del(`/api-keys/${jti}`);
    expect(answer.status).toBe(200);
    expect(answer.body.revokedAt).toBe('2025-03-01T09:00:00.000Z');
    clock.advance(5000);
    expect((await as(t, session).del(`/api-keys/${jti}`)).body.revokedAt).toBe('2025-03-01T09:00:00.000Z');
    expectError(await as(t, session).del('/api-keys/nope'), 404, 'not_found');
  });

  it('records when a key was last used', async () => {
    const key = await generateKey(t, session, agent.userId);
    await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    clock.advance(60_000);
    expect((await t.call(ENDPOINT_URL, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await t.db.apiKeys.get(decodeJwt(key).jti as string))!.lastUsedAt).toBe('2025-03-01T09:01:00.000Z');
  });
});

describe('POST /keys/inspect', () => {
  it('decodes a good key and says it verifies, never echoing the key', async () => {
    const key = await generateKey(t, session, agent.userId);
    const answer = await as(t, session).post('/keys/inspect', { key });
    expect(answer.status).toBe(200);
    expect(answer.body.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(answer.body.claims.sub).toBe('apiagent');
    expect(answer.body.signature).toBe('valid');
    expect(answer.body.reason).toMatch(/run as API Agent \(apiagent\)/);
    expect(JSON.stringify(answer.body)).not.toContain(key);
    const log = JSON.stringify(await t.db.requestLog.toArray());
    expect(log).not.toContain(key);
  });

  it('says why a key would be refused: other secret, expired, revoked, not a key', async () => {
    const forged = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('apiagent').setJti('x').setIssuedAt().setIssuer('phixflow-sandbox')
      .sign(new TextEncoder().encode('another-secret-that-is-32-bytes-long!!'));
    const bad = (await as(t, session).post('/keys/inspect', { key: forged })).body;
    expect(bad.signature).toBe('invalid');
    expect(bad.claims.sub).toBe('apiagent');
    expect(bad.reason).toMatch(/signature does not match/);

    const expiring = (await as(t, session).post(`/users/${agent.userId}/api-keys`, { expiresInSeconds: 60 })).body.key;
    clock.advance(61_000);
    const expired = (await as(t, session).post('/keys/inspect', { key: expiring })).body;
    expect(expired.signature).toBe('valid');
    expect(expired.reason).toMatch(/expired/);

    const key = await generateKey(t, session, agent.userId);
    await as(t, session).del(`/api-keys/${decodeJwt(key).jti}`);
    expect((await as(t, session).post('/keys/inspect', { key: `Bearer ${key}` })).body.reason).toMatch(/revoked/);

    const garbage = (await as(t, session).post('/keys/inspect', { key: 'not-a-key' })).body;
    expect(garbage).toMatchObject({ header: null, claims: null, signature: 'invalid' });
    expect(garbage.reason).toMatch(/not a well-formed API key/);
    expectError(await as(t, session).post('/keys/inspect', {}), 400, 'validation_failed', 'key');
  });
});

describe('a renamed user', () => {
  it('no longer answers to keys issued to the old login', async () => {
    const key = await generateKey(t, session, agent.userId);
    await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    await as(t, session).put(`/users/${agent.userId}`, { login: 'apiagent2' });
    const response = await t.call(ENDPOINT_URL, { headers: { authorization: key } });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.error.code).toBe('unknown_user');
    expect(body.error.message).toMatch(/issued to the login apiagent, which no user has any more/);
  });
});
