import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { APP_ID, TRAINEE, as, callApi, createApiAgent, expectError, login } from './helpers';
import { openSessionWithoutPassword } from '$server/sessions';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.close());

describe('POST /session', () => {
  it('logs in with login and password, answering the public user and the privileges held now', async () => {
    const answer = await callApi(t, 'POST', '/session', { body: TRAINEE });
    expect(answer.status).toBe(201);
    expect(answer.body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.body.user).toMatchObject({ id: 'user-trainee', login: 'trainee', designer: true });
    expect(answer.body.user).not.toHaveProperty('passwordHash');
    expect(answer.body.user).not.toHaveProperty('passwordSalt');
    expect(answer.body.privileges).toEqual(['Design Applications', 'Manage Keystore', 'Manage Users', 'Run Actions', 'View Audit Trail']);
    const stored = await t.db.sessions.get(answer.body.sessionId);
    expect(stored).toMatchObject({ userId: 'user-trainee', privileges: answer.body.privileges });
  });

  it('replaces the session of the page that logs in (switch user) only when the login succeeds', async () => {
    const session = await login(t);
    await createApiAgent(t, session);
    const refused = await callApi(t, 'POST', '/session', { session, body: { login: 'apiagent', password: 'wrong password' } });
    expectError(refused, 401, 'invalid_credentials');
    expect(await t.db.sessions.get(session)).toBeDefined();
    const switched = await callApi(t, 'POST', '/session', { session, body: { login: 'apiagent', password: 'Phixflow123!' } });
    expect(switched.status).toBe(201);
    expect(await t.db.sessions.get(session)).toBeUndefined();
    expect((await t.db.sessions.toArray()).map((s) => s.id)).toEqual([switched.body.sessionId]);
  });

  it('accepts the login in any case', async () => {
    expect((await callApi(t, 'POST', '/session', { body: { login: 'TRAINEE', password: TRAINEE.password } })).status).toBe(201);
  });

  it('refuses a wrong password and an unknown login with the same 401 sentence, creating no session', async () => {
    const wrong = await callApi(t, 'POST', '/session', { body: { login: 'trainee', password: 'not-the-password' } });
    const unknown = await callApi(t, 'POST', '/session', { body: { login: 'nobody', password: TRAINEE.password } });
    const m1 = expectError(wrong, 401, 'invalid_credentials');
    const m2 = expectError(unknown, 401, 'invalid_credentials');
    expect(m1).toBe(m2);
    expect(await t.db.sessions.count()).toBe(0);
  });

  it('refuses a disabled user with a sentence saying so, but only with the right password', async () => {
    await t.db.users.update('user-trainee', { enabled: false });
    const message = expectError(await callApi(t, 'POST', '/session', { body: TRAINEE }), 403, 'user_disabled');
    expect(message).toContain('trainee is disabled');
    expectError(await callApi(t, 'POST', '/session', { body: { login: 'trainee', password: 'wrong-password' } }), 401, 'invalid_credentials');
  });

  it('refuses a body without login or password, and one that is not JSON', async () => {
    expectError(await callApi(t, 'POST', '/session', { body: { login: 'trainee' } }), 400, 'validation_failed', 'password');
    expectError(await callApi(t, 'POST', '/session', { body: { password: 'x' } }), 400, 'validation_failed', 'login');
    expectError(await callApi(t, 'POST', '/session', { rawBody: '{"login":' }), 400, 'invalid_body');
    expectError(await callApi(t, 'POST', '/session', { body: ['trainee'] }), 400, 'validation_failed');
  });

  it('fails to log in once the pepper changed, since every hash depends on it', async () => {
    await t.db.keystore.update('pepperkey', { secret: 'a-different-pepper-value' });
    expectError(await callApi(t, 'POST', '/session', { body: TRAINEE }), 401, 'invalid_credentials');
  });
});

describe('GET and DELETE /session', () => {
  it('answers the session for its id, 401 without or with an unknown one', async () => {
    const session = await login(t);
    const answer = await as(t, session).get('/session');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ sessionId: session, user: { login: 'trainee' } });
    expectError(await as(t, null).get('/session'), 401, 'not_logged_in');
    expectError(await as(t, 'no-such-session').get('/session'), 401, 'not_logged_in');
  });

  it('logs out: the session is deleted and no longer accepted', async () => {
    const session = await login(t);
    const answer = await as(t, session).del('/session');
    expect(answer.status).toBe(204);
    expect(await t.db.sessions.get(session)).toBeUndefined();
    expectError(await as(t, session).get('/session'), 401, 'not_logged_in');
    expect((await as(t, null).del('/session')).status).toBe(204);
  });

  it('ends the session of a user who is disabled afterwards', async () => {
    const session = await login(t);
    await t.db.users.update('user-trainee', { enabled: false });
    expectError(await as(t, session).get('/session'), 401, 'not_logged_in');
  });
});

describe('privileges of a session are those held at login', () => {
  it('keeps stale privileges after a group change until the user logs in again', async () => {
    const trainee = await login(t);
    const agent = await createApiAgent(t, trainee);
    const first = await login(t, 'apiagent', 'Phixflow123!');
    expect((await as(t, first).get('/session')).body.privileges).toEqual(['Use API Key']);

    // Take apiagent out of APIUsers: the open session does not notice.
    expect((await as(t, trainee).put(`/user-groups/${agent.groupId}`, { userIds: [] })).status).toBe(200);
    expect((await as(t, first).get('/session')).body.privileges).toEqual(['Use API Key']);

    // Grant a new privilege through a new role: still not seen by the open session.
    await as(t, trainee).put(`/user-groups/${agent.groupId}`, { userIds: [agent.userId] });
    await as(t, trainee).post('/roles', { applicationId: APP_ID, name: 'Runners', privileges: ['Run Actions'], userGroupIds: [agent.groupId] });
    expect((await as(t, first).get('/session')).body.privileges).toEqual(['Use API Key']);

    // A fresh login picks everything up.
    const second = await login(t, 'apiagent', 'Phixflow123!');
    expect((await as(t, second).get('/session')).body.privileges).toEqual(['Run Actions', 'Use API Key']);
  });
});

describe('401 answers of the sandbox API', () => {
  it('carry a WWW-Authenticate challenge naming the session header (RFC 9110)', async () => {
    const challenge = 'Session realm="Actionflow Sandbox", header="x-sandbox-session"';
    const noSession = await t.call('/sandbox/api/session');
    expect(noSession.status).toBe(401);
    expect(noSession.headers.get('www-authenticate')).toBe(challenge);
    const wrong = await t.call('/sandbox/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'trainee', password: 'nope-nope' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe(challenge);
    const changeRefused = await t.call('/sandbox/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(changeRefused.status).toBe(401);
    expect(changeRefused.headers.get('www-authenticate')).toBe(challenge);
    // A 403 (logged in, lacking rights) is not a challenge.
    const ok = await login(t);
    expect((await t.call('/sandbox/api/session', { headers: { 'x-sandbox-session': ok } })).headers.get('www-authenticate')).toBeNull();
  });
});

describe('a fresh instance opening with the trainee logged in (openSessionWithoutPassword)', () => {
  it('makes the session a login with the password would make, which the server then accepts', async () => {
    const id = await openSessionWithoutPassword(t.ctx, 'Trainee');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const viaLogin = await callApi(t, 'POST', '/session', { body: TRAINEE });
    const opened = await t.db.sessions.get(id!);
    expect(opened).toMatchObject({ userId: 'user-trainee', privileges: viaLogin.body.privileges });
    const current = await as(t, id!).get('/session');
    expect(current.status).toBe(200);
    expect(current.body.user).toMatchObject({ login: 'trainee' });
  });

  it('opens nothing for an unknown or a disabled user', async () => {
    expect(await openSessionWithoutPassword(t.ctx, 'nobody')).toBeNull();
    await t.db.users.update('user-trainee', { enabled: false });
    expect(await openSessionWithoutPassword(t.ctx, 'trainee')).toBeNull();
    expect(await t.db.sessions.count()).toBe(0);
  });
});
