import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { as, createApiAgent, expectError, expectUnchanged, generateKey, login } from './helpers';

let t: TestServer;
let session: string;
const NEW_USER = { login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true };

beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

describe('GET /users', () => {
  it('lists users without password hash or salt', async () => {
    const answer = await as(t, session).get('/users');
    expect(answer.status).toBe(200);
    expect(answer.body.map((u: { login: string }) => u.login)).toEqual(['trainee']);
    expect(JSON.stringify(answer.body)).not.toMatch(/passwordHash|passwordSalt/);
  });
});

describe('POST /users', () => {
  it('creates a user whose password is stored only as a salted, peppered hash and works for login', async () => {
    const answer = await as(t, session).post('/users', NEW_USER);
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ login: 'apiagent', firstName: 'API', surname: 'Agent', enabled: true, designer: false });
    expect(answer.body).not.toHaveProperty('passwordHash');
    const stored = (await t.db.users.get(answer.body.id))!;
    expect(stored.passwordHash).not.toContain('Phixflow123!');
    expect(stored.passwordSalt).not.toBe('');
    expect(t.changes).toContain('users');
    await login(t, 'apiagent', 'Phixflow123!');
  });

  it('gives two users with the same password different salts and hashes', async () => {
    const a = await as(t, session).post('/users', NEW_USER);
    const b = await as(t, session).post('/users', { ...NEW_USER, login: 'second' });
    const [ua, ub] = [(await t.db.users.get(a.body.id))!, (await t.db.users.get(b.body.id))!];
    expect(ua.passwordSalt).not.toBe(ub.passwordSalt);
    expect(ua.passwordHash).not.toBe(ub.passwordHash);
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['no login', { ...NEW_USER, login: undefined }, 'login', /login of the new user is required/],
    ['an empty login', { ...NEW_USER, login: '  ' }, 'login', /login of the new user is required/],
    ['a one-character login', { ...NEW_USER, login: 'a' }, 'login', /2 to 64 characters/],
    ['a 65-character login', { ...NEW_USER, login: 'a'.repeat(65) }, 'login', /2 to 64 characters/],
    ['a login with a space', { ...NEW_USER, login: 'api agent' }, 'login', /letters, digits, dots, underscores or hyphens/],
    ['a login with non-ASCII letters', { ...NEW_USER, login: 'agént' }, 'login', /letters, digits/],
    ['a login taken in another case', { ...NEW_USER, login: 'TRAINEE' }, 'login', /login trainee already exists/],
    ['no first name', { ...NEW_USER, firstName: '' }, 'firstName', /first name of the new user is required/],
    ['no surname', { ...NEW_USER, surname: ' ' }, 'surname', /surname of the new user is required/],
    ['a 7-character password', { ...NEW_USER, password: 'Short1!' }, 'password', /at least 8 characters/],
    ['no password', { ...NEW_USER, password: undefined }, 'password', /at least 8 characters/],
    ['a login that is not text', { ...NEW_USER, login: 42 }, 'login', /must be text/],
    ['enabled that is not a boolean', { ...NEW_USER, enabled: 'yes' }, 'enabled', /true or false/],
    ['an unknown field', { ...NEW_USER, passwordHash: 'x' }, 'passwordHash', /not a setting/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} with 400 on ${field}, changing nothing`, async () => {
      await expectUnchanged(t.db, async () => {
        const answer = await as(t, session).post('/users', body);
        expect(expectError(answer, 400, 'validation_failed', field)).toMatch(message);
      });
    });
  }

  it('refuses without a session (401) and for a user without design rights (403)', async () => {
    await as(t, session).post('/users', NEW_USER);
    const plain = await login(t, 'apiagent', 'Phixflow123!');
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, null).post('/users', { ...NEW_USER, login: 'x1' }), 401, 'not_logged_in');
      expect(expectError(await as(t, plain).post('/users', { ...NEW_USER, login: 'x2' }), 403, 'forbidden')).toMatch(/apiagent has no design rights/);
    });
  });
});

describe('PUT /users/:id', () => {
  it('changes names and keeps the password when none (or an empty one) is sent', async () => {
    const created = (await as(t, session).post('/users', NEW_USER)).body;
    const before = (await t.db.users.get(created.id))!;
    const answer = await as(t, session).put(`/users/${created.id}`, { firstName: 'Api', surname: 'Agent Two', password: '' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ firstName: 'Api', surname: 'Agent Two', login: 'apiagent' });
    const after = (await t.db.users.get(created.id))!;
    expect(after.passwordHash).toBe(before.passwordHash);
    await login(t, 'apiagent', 'Phixflow123!');
  });

  it('sets a new password with a fresh salt', async () => {
    const created = (await as(t, session).post('/users', NEW_USER)).body;
    const before = (await t.db.users.get(created.id))!;
    expect((await as(t, session).put(`/users/${created.id}`, { password: 'AnotherPass9' })).status).toBe(200);
    const after = (await t.db.users.get(created.id))!;
    expect(after.passwordSalt).not.toBe(before.passwordSalt);
    await login(t, 'apiagent', 'AnotherPass9');
    expectError(await as(t, null).post('/session', { login: 'apiagent', password: 'Phixflow123!' }), 401, 'invalid_credentials');
  });

  it('logs a user out everywhere when disabled', async () => {
    const created = (await as(t, session).post('/users', NEW_USER)).body;
    const theirs = await login(t, 'apiagent', 'Phixflow123!');
    expect((await as(t, session).put(`/users/${created.id}`, { enabled: false })).status).toBe(200);
    expect(await t.db.sessions.get(theirs)).toBeUndefined();
  });

  it('refuses a short new password, a taken login and an unknown id, changing nothing', async () => {
    const created = (await as(t, session).post('/users', NEW_USER)).body;
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).put(`/users/${created.id}`, { password: 'short' }), 400, 'validation_failed', 'password');
      expectError(await as(t, session).put(`/users/${created.id}`, { login: 'Trainee' }), 400, 'validation_failed', 'login');
      expectError(await as(t, session).put(`/users/${created.id}`, { firstName: '' }), 400, 'validation_failed', 'firstName');
      expectError(await as(t, session).put('/users/no-such-user', { firstName: 'X' }), 404, 'not_found');
    });
  });
});

describe('DELETE /users/:id', () => {
  it('removes the user from every group, deletes their sessions and revokes their keys', async () => {
    const agent = await createApiAgent(t, session);
    const theirs = await login(t, 'apiagent', 'Phixflow123!');
    await generateKey(t, session, agent.userId);
    const answer = await as(t, session).del(`/users/${agent.userId}`);
    expect(answer.status).toBe(204);
    expect(await t.db.users.get(agent.userId)).toBeUndefined();
    expect((await t.db.userGroups.get(agent.groupId))!.userIds).toEqual([]);
    expect(await t.db.sessions.get(theirs)).toBeUndefined();
    const keys = await t.db.apiKeys.where('userId').equals(agent.userId).toArray();
    expect(keys.every((k) => k.revokedAt !== null)).toBe(true);
  });

  it('refuses an unknown id and deleting oneself, changing nothing', async () => {
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).del('/users/no-such-user'), 404, 'not_found');
      expectError(await as(t, session).del('/users/user-trainee'), 409, 'conflict');
    });
  });
});
