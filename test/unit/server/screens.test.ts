import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, APP_ID, as, createApiAgent, expectError, generateKey, login } from './helpers';

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

const RUN = '/screens/screen-call-api/buttons/CallAPI/run';

describe('POST /screens/:id/buttons/:name/run', () => {
  it('runs the Call API button as the session user and fills the screen fields, with one audit entry', async () => {
    const answer = await as(t, session).post(RUN, { form: { CompanyID: 'C0001' } });
    expect(answer.status).toBe(200);
    expect(answer.body.outcome).toBe('success');
    const company = (await t.db.companies.get('C0001'))!;
    expect(answer.body.fields).toMatchObject({ Status: '200', CompanyID: 'C0001', CompanyName: company.CompanyName });
    const audit = await t.db.audit.where('runAs').equals('trainee').toArray();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actionflow: 'Call API', runAsName: expect.any(String), outcome: 'success', status: 200, code: null });
  });

  it('follows the chapter: the secret needs Use API Key, so the call runs only as the API user after a new login', async () => {
    const agent = await createApiAgent(t, session);
    const key = await generateKey(t, session, agent.userId);
    await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    const node = (await t.db.actionflows.get('af-call-api'))!.actions.find((n) => n.id === 'call-api')!;
    const saved = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', {
      name: node.name,
      method: 'GET',
      urlTemplate: (node.props as { urlTemplate: string }).urlTemplate,
      headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }],
      secretKeys: [{ name: 'APIKey', enabled: true, secret: key }],
    });
    expect(saved.status).toBe(200);

    // The trainee lacks Use API Key: no call is sent, and the record takes the HTTP action's error
    // path, which fills Status and StatusMessage on the screen with the reason.
    const auditBefore = await t.db.audit.count();
    const refused = await as(t, session).post(RUN, { form: { CompanyID: 'C0001' } });
    expect(refused.status).toBe(200);
    expect(refused.body.outcome).toBe('success');
    expect(refused.body.message).toMatch(/Use API Key/);
    expect(refused.body.fields).toMatchObject({ Status: '0', StatusMessage: expect.stringMatching(/needs the Use API Key privilege/), CompanyName: '', Industry: '' });
    expect(refused.body.httpFailures).toEqual([{ actionId: 'call-api', actionName: 'Call API', status: 0 }]);
    expect(await t.db.audit.count()).toBe(auditBefore + 1);
    expect((await t.db.audit.toArray()).at(-1)).toMatchObject({ runAs: 'trainee', actionflow: 'Call API', outcome: 'refused', status: 403, code: 'missing_privilege' });

    // apiagent can run screens once its role also holds Run Actions, after logging in again.
    const early = await login(t, 'apiagent', 'Phixflow123!');
    expect(expectError(await as(t, early).post(RUN, { form: { CompanyID: 'C0001' } }), 403, 'forbidden')).toMatch(/Run Actions/);
    await as(t, session).put(`/roles/${agent.roleId}`, { privileges: ['Use API Key', 'Run Actions'] });
    expectError(await as(t, early).post(RUN, { form: { CompanyID: 'C0001' } }), 403, 'forbidden');
    const fresh = await login(t, 'apiagent', 'Phixflow123!');
    const ran = await as(t, fresh).post(RUN, { form: { CompanyID: 'C0001' } });
    expect(ran.body).toMatchObject({ outcome: 'success', fields: { Status: '200', CompanyID: 'C0001' } });
    const entries = await t.db.audit.where('runAs').equals('apiagent').toArray();
    expect(entries.map((e) => e.actionflow).sort()).toEqual(['API Company Data', 'Call API']);
    expect(JSON.stringify(await t.db.audit.toArray())).not.toContain(key);
    expect(JSON.stringify(await t.db.requestLog.toArray())).not.toContain(key);
  });

  it('says a refusal comes from a session older than a group change (code outdated_session), and a new login passes', async () => {
    const agent = await createApiAgent(t, session);
    const key = await generateKey(t, session, agent.userId);
    const node = (await t.db.actionflows.get('af-call-api'))!.actions.find((n) => n.id === 'call-api')!;
    await as(t, session).put('/actionflows/af-call-api/nodes/call-api', {
      name: node.name,
      method: 'GET',
      urlTemplate: (node.props as { urlTemplate: string }).urlTemplate,
      headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }],
      secretKeys: [{ name: 'APIKey', enabled: true, secret: key }],
    });
    // Without a group change, the refusal is a plain missing privilege.
    await as(t, session).post(RUN, { form: { CompanyID: 'C0001' } });
    expect((await t.db.audit.toArray()).at(-1)).toMatchObject({ runAs: 'trainee', code: 'missing_privilege' });

    // The trainee joins APIUsers while logged in: their session still lacks Use API Key.
    await as(t, session).put(`/user-groups/${agent.groupId}`, { userIds: [agent.userId, 'user-trainee'] });
    const stale = await as(t, session).post(RUN, { form: { CompanyID: 'C0001' } });
    expect(stale.body.message).toContain(
      'The session of trainee started before their user groups last changed: it does not hold Use API Key, which trainee holds now. Log out and log in again to pick the change up.',
    );
    expect((await t.db.audit.toArray()).at(-1)).toMatchObject({ runAs: 'trainee', actionflow: 'Call API', outcome: 'refused', status: 403, code: 'outdated_session' });

    const fresh = await login(t);
    expect((await as(t, fresh).post(RUN, { form: { CompanyID: 'C0001' } })).body).toMatchObject({ outcome: 'success', fields: { Status: '200' } });
    expect((await t.db.audit.toArray()).at(-1)).toMatchObject({ runAs: 'trainee', actionflow: 'Call API', status: 200, code: null });
  });

  it('answers 409 for a button with no actionflow attached', async () => {
    const message = expectError(await as(t, session).post('/screens/screen-company-approval-review/buttons/Import/run', { form: {} }), 409, 'conflict');
    expect(message).toBe('The Import button of the screen Company Approval Review has no actionflow attached, so there is nothing to run.');
  });

  it('refuses without a session, an unknown screen or button, and form values that are not text', async () => {
    expectError(await as(t, null).post(RUN, { form: {} }), 401, 'not_logged_in');
    expectError(await as(t, session).post('/screens/nope/buttons/CallAPI/run', { form: {} }), 404, 'not_found');
    expectError(await as(t, session).post('/screens/screen-call-api/buttons/Nope/run', { form: {} }), 404, 'not_found');
    expectError(await as(t, session).post(RUN, { form: { CompanyID: 1 } }), 400, 'validation_failed', 'form.CompanyID');
    expect(await t.db.audit.count()).toBe(0);
  });

  it('lets a non-designer run only while their session holds Run Actions', async () => {
    await as(t, session).post('/users', { login: 'runner', firstName: 'Run', surname: 'Ner', password: 'Runner123!', enabled: true });
    const users = (await as(t, session).get('/users')).body as { id: string; login: string }[];
    const runner = users.find((u) => u.login === 'runner')!;
    const group = (await as(t, session).post('/user-groups', { name: 'Runners', userIds: [runner.id] })).body;
    await as(t, session).post('/roles', { applicationId: APP_ID, name: 'Run', privileges: ['Run Actions'], userGroupIds: [group.id] });
    const theirs = await login(t, 'runner', 'Runner123!');
    expect((await as(t, theirs).post(RUN, { form: { CompanyID: 'C0002' } })).body.outcome).toBe('success');
  });
});
