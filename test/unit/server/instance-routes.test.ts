/**
 * The instance routes need a session with design rights; an export says which secrets it holds and
 * can leave them out, and an instance imported from such a file still lets its users log in.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE, FRESH_FIXTURE } from '$domain/fixtures';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, ENDPOINT_URL, TRAINEE, as, callApi, createApiAgent, expectError, generateKey, login, repositoryPicture, type ApiAgent } from './helpers';

let t: TestServer;
let trainee: string;
let agent: ApiAgent;

beforeEach(async () => {
  t = await startTestServer();
  trainee = await login(t);
  agent = await createApiAgent(t, trainee);
});
afterEach(() => t.close());

describe('rights', () => {
  it.each([
    ['POST', '/instance/reset', 'reset the instance'],
    ['GET', '/instance/export', 'export the instance'],
    ['POST', '/instance/import', 'import an instance file'],
  ])('%s %s needs a session (401) of a user with design rights (403)', async (method, path, action) => {
    const before = await t.db.userGroups.count();
    expect(expectError(await callApi(t, method, path, { body: method === 'POST' ? {} : undefined }), 401, 'not_logged_in')).toBe(`You need to log in to ${action}.`);
    const apiagent = await login(t, 'apiagent', 'Phixflow123!');
    expect(expectError(await callApi(t, method, path, { session: apiagent, body: method === 'POST' ? {} : undefined }), 403, 'forbidden')).toBe(
      `The user apiagent has no design rights, so they cannot ${action}.`,
    );
    expect(await t.db.userGroups.count()).toBe(before);
  });
});

describe('reset to a named start state', () => {
  it('resets to the fixture it is given, and to the training instance without one', async () => {
    await as(t, trainee).post('/instance/reset', { fixture: FIXTURE.apiEndPointStart });
    expect(await t.db.actionflows.count()).toBe(0);
    expect((await t.db.meta.get('fixture'))?.value).toBe(FIXTURE.apiEndPointStart);
    expect((await t.db.screens.get('screen-call-api'))?.buttons[0]?.actionflowId).toBeNull();
    const again = await login(t);
    const answer = await as(t, again).post('/instance/reset');
    expect(answer.status).toBe(200);
    expect((await t.db.meta.get('fixture'))?.value).toBe(FRESH_FIXTURE);
    expect(await t.db.actionflows.get(API_ENDPOINT_ID)).toBeDefined();
  });

  it.each([
    [{ fixture: 'chapter-9' }, 'fixture', /no start state named "chapter-9"; the sandbox has .*"training-instance".* The instance was not changed\.$/],
    [{ fixture: 12 }, 'fixture', /must be text/],
    [{ fixtur: FIXTURE.apiEndPointStart }, 'fixtur', /not a setting of a reset/],
  ])('refuses %j and changes nothing', async (body, field, sentence) => {
    await as(t, trainee).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    const before = await t.db.actionflows.toArray();
    const answer = await as(t, trainee).post('/instance/reset', body);
    expect(expectError(answer, 400, 'validation_failed', field)).toMatch(sentence);
    expect(await t.db.actionflows.toArray()).toEqual(before);
  });
});

describe('export', () => {
  it('leaves secrets out unless asked, and says which secrets the file holds', async () => {
    const signing = (await t.db.keystore.get('phixflow-api-key'))!.secret;
    const plain = await as(t, trainee).get('/instance/export');
    expect(plain.status).toBe(200);
    expect(JSON.stringify(plain.body)).not.toContain(signing);
    expect(plain.body.secrets).toMatchObject({ included: false });
    expect(plain.body.tables.sessions).toEqual([]);
    const full = await as(t, trainee).get('/instance/export?secrets=include');
    expect(JSON.stringify(full.body)).toContain(signing);
    expect(full.body.secrets.notice).toMatch(/holds secrets in clear/);
    expectError(await as(t, trainee).get('/instance/export?secrets=maybe'), 400, 'validation_failed', 'secrets');
  });

  it('is not written in clear to the request log', async () => {
    await as(t, trainee).get('/instance/export?secrets=include');
    const text = JSON.stringify(await t.db.requestLog.toArray());
    for (const k of await t.db.keystore.toArray()) if (k.secret.length >= 10) expect(text).not.toContain(k.secret);
    expect(text).not.toContain((await t.db.users.get('user-trainee'))!.passwordHash);
  });
});

describe('import of a file without secrets', () => {
  it('keeps every user able to log in, gives a fresh signing key, and old keys stop working', async () => {
    await as(t, trainee).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    const key = await generateKey(t, trainee, agent.userId);
    expect((await t.call(ENDPOINT_URL, { headers: { authorization: key } })).status).toBe(200);
    const file = (await as(t, trainee).get('/instance/export')).body;
    const before = (await t.db.keystore.get('phixflow-api-key'))!.secret;

    const imported = await callApi(t, 'POST', '/instance/import', { session: trainee, body: file });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    // Everyone is logged out by an import, and can log in again with their password.
    expectError(await as(t, trainee).get('/users'), 401, 'not_logged_in');
    const again = await login(t, TRAINEE.login, TRAINEE.password);
    expect(await login(t, 'apiagent', 'Phixflow123!')).toBeTruthy();
    expect((await t.db.keystore.get('phixflow-api-key'))!.secret).not.toBe(before);
    const refused = await t.call(ENDPOINT_URL, { headers: { authorization: key } });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('invalid_api_key');
    // A key generated now works.
    expect((await t.call(ENDPOINT_URL, { headers: { authorization: await generateKey(t, again, agent.userId) } })).status).toBe(200);
  });
});

describe('reset with progress (one transaction)', () => {
  it('writes and forgets progress with the fresh instance, and refuses a bad body with a sentence, changing nothing', async () => {
    await t.db.progress.bulkPut([
      { chapterId: 'kept', value: { chapterId: 'kept' } },
      { chapterId: 'gone', value: { chapterId: 'gone' } },
    ]);
    const before = await repositoryPicture(t.db);
    for (const [body, field] of [
      [{ from: 'some-other-database' }, 'from'],
      [{ progress: { clear: 'everything', put: [] } }, 'progress.clear'],
      [{ progress: { clear: [], put: [{ chapterId: 'a', value: { chapterId: 'b' } }] } }, 'progress.put'],
      [{ from: 'actionflow-sandbox-scratch-1-00000000-0000-0000-0000-000000000000' }, 'from'],
      [{ unknown: 1 }, 'unknown'],
    ] as const) {
      expectError(await as(t, trainee).post('/instance/reset', body), 400, 'validation_failed', field);
      expect(await repositoryPicture(t.db)).toBe(before);
      expect(await t.db.progress.count()).toBe(2);
    }
    const answer = await as(t, trainee).post('/instance/reset', { progress: { clear: ['gone'], put: [{ chapterId: 'new', value: { chapterId: 'new' } }] } });
    expect(answer.status).toBe(200);
    expect((await t.db.progress.toArray()).map((p) => p.chapterId).sort()).toEqual(['kept', 'new']);
  });
});
