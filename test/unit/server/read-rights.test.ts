/**
 * Reads need a session (src/server/guards.ts): without one every read of the repository, the
 * keystore, the trails and key records is refused with 401 and a sentence saying to log in; API key
 * records need design rights unless they are the caller's own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { as, createApiAgent, expectError, generateKey, login, type ApiAgent } from './helpers';

let t: TestServer;
let trainee: string;
let agent: ApiAgent;

beforeAll(async () => {
  t = await startTestServer();
  trainee = await login(t);
  agent = await createApiAgent(t, trainee);
  await generateKey(t, trainee, agent.userId);
});
afterAll(() => t.close());

const READS: [string, string, string][] = [
  ['GET', '/users', 'read the users'],
  ['GET', '/user-groups', 'read the user groups'],
  ['GET', '/roles', 'read the roles'],
  ['GET', '/keystore', 'read the keystore'],
  ['GET', '/repository', 'read the repository'],
  ['GET', '/tables/table-companies/records', 'read the records of tables'],
  ['GET', '/audit', 'read the audit trail'],
  ['GET', '/request-log', 'read the request log'],
  ['GET', '/users/user-trainee/api-keys', 'read API keys'],
  ['POST', '/keys/inspect', 'inspect API keys'],
];

describe('every read without a session', () => {
  it.each(READS)('%s %s → 401 not_logged_in, saying to log in', async (method, path, action) => {
    const response = await t.call(`/sandbox/api${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"key":"x"}' : undefined });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Session /);
    const body = await response.json();
    expect(body.error).toEqual({ code: 'not_logged_in', message: `You need to log in to ${action}.` });
  });

  it.each(READS)('%s %s answers with a session', async (method, path) => {
    const answer = method === 'POST' ? await as(t, trainee).post(path, { key: 'x' }) : await as(t, trainee).get(path);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  });

  it('a session that ended is refused like none', async () => {
    const ended = await login(t);
    await as(t, ended).del('/session');
    expectError(await as(t, ended).get('/users'), 401, 'not_logged_in');
  });
});

describe('API key records', () => {
  it("are readable by their own user, and another user's only with design rights", async () => {
    const agentSession = await login(t, 'apiagent', 'Phixflow123!');
    const own = await as(t, agentSession).get(`/users/${agent.userId}/api-keys`);
    expect(own.status).toBe(200);
    expect(own.body).toHaveLength(1);
    const message = expectError(await as(t, agentSession).get('/users/user-trainee/api-keys'), 403, 'forbidden');
    expect(message).toBe('The user apiagent has no design rights, so they can read only their own API keys.');
    expect((await as(t, trainee).get(`/users/${agent.userId}/api-keys`)).status).toBe(200);
  });
});
