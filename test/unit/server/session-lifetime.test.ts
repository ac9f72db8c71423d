/**
 * Sessions end after a period without activity, a new password ends the user's other sessions, and
 * failed logins slow down per login. Time is a manual clock: nothing here waits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock, type ManualClock } from '$domain/expression';
import { startTestServer, type TestServer } from '../support/instance';
import { TRAINEE, as, callApi, createApiAgent, expectError, login } from './helpers';

const MINUTE = 60_000;
let t: TestServer;
let clock: ManualClock;

beforeEach(async () => {
  clock = createManualClock(new Date('2025-06-01T12:00:00.000Z'));
  t = await startTestServer({ clock });
});
afterEach(() => t.close());

describe('inactivity', () => {
  it('ends a session 60 minutes after its last request, saying why; use keeps it alive', async () => {
    const session = await login(t);
    clock.advance(59 * MINUTE);
    expect((await as(t, session).get('/users')).status).toBe(200);
    clock.advance(59 * MINUTE);
    expect((await as(t, session).get('/roles')).status).toBe(200);
    clock.advance(61 * MINUTE);
    const message = expectError(await as(t, session).get('/users'), 401, 'not_logged_in');
    expect(message).toBe('Your session ended after 60 minutes without activity: log in again to read the users.');
    expect(await t.db.sessions.get(session)).toBeUndefined();
    expectError(await as(t, session).get('/users'), 401, 'not_logged_in');
  });

  it('GET /session says the session ended for inactivity', async () => {
    const session = await login(t);
    clock.advance(61 * MINUTE);
    expect(expectError(await as(t, session).get('/session'), 401, 'not_logged_in')).toMatch(/ended after 60 minutes without activity: log in again to continue\./);
  });
});

describe('a password change', () => {
  it("ends the user's other sessions, keeping the one that changed it", async () => {
    const here = await login(t);
    const elsewhere = await login(t);
    const changed = await as(t, here).put('/users/user-trainee', { password: 'A-new-password-1' });
    expect(changed.status).toBe(200);
    expect((await as(t, here).get('/users')).status).toBe(200);
    expectError(await as(t, elsewhere).get('/users'), 401, 'not_logged_in');
    expect(await login(t, 'trainee', 'A-new-password-1')).toBeTruthy();
  });

  it("made by a designer ends every session of that user; a change without a password ends none", async () => {
    const trainee = await login(t);
    await createApiAgent(t, trainee);
    const agent = await login(t, 'apiagent', 'Phixflow123!');
    const user = (await as(t, trainee).get('/users')).body.find((u: { login: string }) => u.login === 'apiagent');
    await as(t, trainee).put(`/users/${user.id}`, { firstName: 'Renamed' });
    expect((await as(t, agent).get('/session')).status).toBe(200);
    await as(t, trainee).put(`/users/${user.id}`, { password: 'Another-pass-2' });
    expectError(await as(t, agent).get('/session'), 401, 'not_logged_in');
  });
});

describe('failed logins', () => {
  const attempt = (loginName: string, password: string) => callApi(t, 'POST', '/session', { body: { login: loginName, password } });

  it('pause a login after 3 failures in a row, even for the right password, saying when to try again', async () => {
    for (let i = 0; i < 3; i++) expectError(await attempt('trainee', 'wrong-password'), 401, 'invalid_credentials');
    const paused = await t.call('/sandbox/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(TRAINEE) });
    expect(paused.status).toBe(429);
    expect(paused.headers.get('retry-after')).toBe('30');
    const body = await paused.json();
    expect(body.error.code).toBe('too_many_logins');
    expect(body.error.message).toBe('Logging in as trainee is paused after 3 failed attempts in a row: try again in 30 seconds (after 12:00:30 UTC).');
    expect(await t.db.sessions.count()).toBe(0);
    clock.advance(10_000);
    expect(expectError(await attempt('TRAINEE', TRAINEE.password), 429, 'too_many_logins')).toMatch(/try again in 20 seconds/);
    clock.advance(20_000);
    expect((await attempt('trainee', TRAINEE.password)).status).toBe(201);
    // A success clears the count: the next failure is a plain one.
    expectError(await attempt('trainee', 'wrong-password'), 401, 'invalid_credentials');
    expect((await attempt('trainee', TRAINEE.password)).status).toBe(201);
  });

  it('double the pause with each further failure, and count per login (unknown logins too)', async () => {
    for (let i = 0; i < 3; i++) await attempt('trainee', 'wrong-password');
    clock.advance(30_000);
    expectError(await attempt('trainee', 'wrong-again'), 401, 'invalid_credentials');
    expect(expectError(await attempt('trainee', TRAINEE.password), 429, 'too_many_logins')).toMatch(/4 failed attempts in a row: try again in 60 seconds/);

    for (let i = 0; i < 3; i++) expectError(await attempt('nobody', 'whatever'), 401, 'invalid_credentials');
    expectError(await attempt('nobody', 'whatever'), 429, 'too_many_logins');
    const trainee = await login(t, 'trainee', TRAINEE.password).catch(() => null);
    expect(trainee).toBeNull();
    clock.advance(60_000);
    expect(await login(t)).toBeTruthy();
  });
});
