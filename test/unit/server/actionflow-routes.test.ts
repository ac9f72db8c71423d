import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxClient, SandboxApiError } from '$client/index';
import { FlowAttributes, mapAllEdit, applyEdit, newAction, newConnection, type Actionflow, type AnyAction } from '$domain/actionflow';
import type { ActionflowSave, SavedActionflow } from '$domain/contract';
import { MASKED_SECRET } from '$domain/rules';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, APP_ID, as, expectError, expectUnchanged, login } from './helpers';

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

/** The save body of an actionflow as the designer sends it: its graph, settings and version. */
function saveOf(flow: Actionflow): ActionflowSave {
  const { id: _id, applicationId: _app, kind: _kind, api, ...rest } = flow;
  return { ...rest, ...(api ? { api } : {}) };
}

async function stored(id: string): Promise<Actionflow> {
  return (await t.db.actionflows.get(id))!;
}

/** A user without design rights, logged in. */
async function learnerSession(): Promise<string> {
  const made = await as(t, session).post('/users', { login: 'learner', firstName: 'Lea', surname: 'Rner', password: 'Learner123!', enabled: true });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return login(t, 'learner', 'Learner123!');
}

describe('POST /actionflows', () => {
  it('creates a screen actionflow with its Input, and no problems', async () => {
    const answer = await as(t, session).post<SavedActionflow>('/actionflows', { applicationId: APP_ID, kind: 'screen', name: 'Import Companies', description: 'Imports them.' });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const flow = answer.body.actionflow;
    expect(flow).toMatchObject({ applicationId: APP_ID, kind: 'screen', name: 'Import Companies', description: 'Imports them.', version: 1, api: null, validateBeforeRunning: true, allowRunWithValidationErrors: false });
    expect(flow.actions.map((a) => a.kind)).toEqual(['input']);
    expect(answer.body.problems).toEqual([]);
    expect(await stored(flow.id)).toEqual(flow);
    expect(t.changes).toContain('actionflows');
  });

  it('creates an API end point whose Input has the fixed parameters, connected to its Output, answering at once', async () => {
    const answer = await as(t, session).post<SavedActionflow>('/actionflows', { applicationId: APP_ID, kind: 'apiEndpoint', name: 'New End Point' });
    expect(answer.status).toBe(201);
    const flow = answer.body.actionflow;
    expect(flow.actions.map((a) => a.kind)).toEqual(['input', 'output']);
    expect(flow.api).toEqual({ urlAlias: '', apiMode: 'synchronous', allowAnonymousConnections: true, timeoutMs: 60_000, logRequest: false, logResponse: false });
    expect(answer.body.problems).toEqual([]);
    const attributes = new FlowAttributes({ flow, repository: { tables: await t.db.appTables.toArray(), screens: await t.db.screens.toArray() } });
    expect(attributes.deliveredBy(flow.connections[0]!).map((p) => p.name)).toEqual(['body', 'headers', 'contentType', 'url']);
    const call = await t.call('/phixflow/api/1/action/Actionflow%20Advanced/New%20End%20Point/trigger');
    expect(call.status).toBe(200);
    expect(await call.json()).toEqual({});
  });

  it('refuses a name the application already has (in any case), an unknown application and an unknown kind, changing nothing', async () => {
    await expectUnchanged(t.db, async () => {
      expect(expectError(await as(t, session).post('/actionflows', { applicationId: APP_ID, kind: 'screen', name: 'call API' }), 400, 'validation_failed', 'name')).toBe(
        'The application already has an actionflow named Call API; choose another name.',
      );
      expect(expectError(await as(t, session).post('/actionflows', { applicationId: 'app-nope', kind: 'screen', name: 'X' }), 400, 'validation_failed', 'applicationId')).toBe(
        'There is no application with the id app-nope to create the actionflow in.',
      );
      expect(expectError(await as(t, session).post('/actionflows', { applicationId: APP_ID, kind: 'robot', name: 'X' }), 400, 'validation_failed', 'kind')).toMatch(/must be screen or apiEndpoint/);
      expectError(await as(t, session).post('/actionflows', { applicationId: APP_ID, kind: 'screen', name: '  ' }), 400, 'validation_failed', 'name');
      expectError(await as(t, session).post('/actionflows', { applicationId: APP_ID, kind: 'screen', name: 'A', extra: 1 }), 400, 'validation_failed', 'extra');
    });
  });
});

describe('GET /actionflows/:id', () => {
  it('answers the actionflow with its problems, each with a focus name, secrets masked', async () => {
    const flow = await stored('af-call-api');
    const http = flow.actions.find((a) => a.kind === 'http')!;
    await t.db.actionflows.put({ ...flow, actions: flow.actions.map((a) => (a.id === http.id ? { ...http, props: { ...(http.props as object), secretKeys: [{ id: 'k', name: 'APIKey', enabled: true, secret: 's3cret' }] } } : a)) as Actionflow['actions'] });
    const answer = await as(t, session).get<SavedActionflow>('/actionflows/af-call-api');
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).not.toContain('s3cret');
    expect(JSON.stringify(answer.body)).toContain(MASKED_SECRET);
    expect(answer.body.problems).toEqual([]);
    expectError(await as(t, session).get('/actionflows/nope'), 404, 'not_found');
    expectError(await as(t, null).get('/actionflows/af-call-api'), 401, 'not_logged_in');
  });
});

describe('PUT /actionflows/:id', () => {
  it('saves the whole graph and settings, grows the version, and answers the problems with focus names', async () => {
    const before = await stored(API_ENDPOINT_ID);
    const save = saveOf(before);
    save.description = 'Changed by the designer.';
    save.actions = save.actions.map((a) => (a.id === 'find-company' ? { ...a, position: { x: 300, y: 40 } } : a));
    // A semantic problem is saved and named: the Output now maps an attribute nothing delivers.
    save.connections = save.connections.map((c) => (c.id === 'connection-4' ? { ...c, mappings: [...c.mappings.filter((m) => m.target !== 'Country'), { target: 'Country', attribute: 'Nation' }] } : c));
    const answer = await as(t, session).put<SavedActionflow>(`/actionflows/${API_ENDPOINT_ID}`, save);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.actionflow.version).toBe(before.version + 1);
    expect(answer.body.problems).toEqual([
      {
        where: { kind: 'connection', connectionId: 'connection-4', target: 'Country' },
        message: 'The connection from Find Orders (out) to Output maps Nation onto Country, but no record on this connection has an attribute Nation.',
        focus: `actionflow:${API_ENDPOINT_ID}:connection:connection-4:mapping:Country`,
      },
    ]);
    const after = await stored(API_ENDPOINT_ID);
    expect(after).toMatchObject({ description: 'Changed by the designer.', version: before.version + 1 });
    expect(after.actions.find((a) => a.id === 'find-company')!.position).toEqual({ x: 300, y: 40 });
    expect((await as(t, session).get<SavedActionflow>(`/actionflows/${API_ENDPOINT_ID}`)).body.problems).toHaveLength(1);
  });

  const broken: [string, (s: ActionflowSave) => void, string, RegExp][] = [
    ['an action of an unknown kind', (s) => Object.assign(s.actions[1]!, { kind: 'teleport' }), 'actions[1].kind', /kind \("teleport"\) the platform does not have/],
    ['a connection to an action not there', (s) => Object.assign(s.connections[0]!, { to: 'gone' }), 'connections[0].to', /leads to an action \(gone\)/],
    ['two actions with one id', (s) => Object.assign(s.actions[2]!, { id: 'find-company' }), 'actions[2].id', /Two actions have the id find-company/],
    ['an unknown field', (s) => Object.assign(s, { nodes: [] }), 'nodes', /not a setting/],
    ['a position that is not a number', (s) => Object.assign(s.actions[0]!, { position: { x: 'left', y: 0 } }), 'actions[0].position.x', /must be a number/],
    ['a mapping with neither attribute nor expression', (s) => Object.assign(s.connections[0]!, { mappings: [{ target: 'CompanyID' }] }), 'connections[0].mappings[0]', /not neither/],
    ['a name taken by another actionflow', (s) => Object.assign(s, { name: 'Call API' }), 'name', /already has an actionflow named Call API/],
  ];
  for (const [label, breakIt, field, message] of broken) {
    it(`refuses ${label} with 400 naming ${field}, changing nothing`, async () => {
      const save = structuredClone(saveOf(await stored(API_ENDPOINT_ID)));
      breakIt(save);
      await expectUnchanged(t.db, async () => {
        expect(expectError(await as(t, session).put(`/actionflows/${API_ENDPOINT_ID}`, save), 400, 'validation_failed', field)).toMatch(message);
      });
    });
  }

  it('refuses a stale version with 409 stale_version, and a save without a version, changing nothing', async () => {
    const draft = saveOf(await stored(API_ENDPOINT_ID));
    expect((await as(t, session).put(`/actionflows/${API_ENDPOINT_ID}`, { ...draft, description: 'First tab' })).status).toBe(200);
    await expectUnchanged(t.db, async () => {
      const message = expectError(await as(t, session).put(`/actionflows/${API_ENDPOINT_ID}`, { ...draft, description: 'Second tab' }), 409, 'stale_version', 'version');
      expect(message).toBe(
        'The actionflow API Company Data was saved elsewhere (it is now at version 2) after your draft was made from version 1; nothing was saved. Reload it to see those changes, or keep your draft and save it again over them.',
      );
      const { version: _v, ...unversioned } = draft;
      expect(expectError(await as(t, session).put(`/actionflows/${API_ENDPOINT_ID}`, unversioned), 400, 'validation_failed', 'version')).toMatch(/must say which version/);
    });
    expect((await stored(API_ENDPOINT_ID)).description).toBe('First tab');
  });

  it('keeps a secret sent back masked (matched by the secret key id, even renamed), and refuses a masked secret with nothing saved', async () => {
    const flow = await stored('af-call-api');
    const withSecret = (secret: string, name = 'APIKey', id = 'key-1') => {
      const save = saveOf(flow);
      save.actions = save.actions.map((a) =>
        a.kind === 'http' ? { ...a, props: { ...a.props, headers: [{ name: 'Authorization', expression: `_datasource.${name}` }], secretKeys: [{ id, name, enabled: true, secret }] } } : a,
      );
      return save;
    };
    const first = await as(t, session).put<SavedActionflow>('/actionflows/af-call-api', withSecret('the-real-secret'));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(JSON.stringify(first.body)).not.toContain('the-real-secret');
    const masked = { ...withSecret(MASKED_SECRET, 'CompanyKey'), version: first.body.actionflow.version };
    const second = await as(t, session).put<SavedActionflow>('/actionflows/af-call-api', masked);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const http = (await stored('af-call-api')).actions.find((a) => a.kind === 'http')!;
    expect(http.kind === 'http' && http.props.secretKeys).toEqual([{ id: 'key-1', name: 'CompanyKey', enabled: true, secret: 'the-real-secret' }]);
    await expectUnchanged(t.db, async () => {
      const fresh = { ...withSecret(MASKED_SECRET, 'Other', 'key-new'), version: second.body.actionflow.version };
      expect(expectError(await as(t, session).put('/actionflows/af-call-api', fresh), 400, 'validation_failed', 'actions[1].props.secretKeys[0].secret')).toBe(
        'The secret key Other of the HTTP action Call API has no saved secret to keep; type the secret itself.',
      );
    });
  });
});

describe('PATCH /actionflows/:id', () => {
  it('changes settings with the current version and refuses a stale one with 409, changing nothing', async () => {
    const ok = await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { exclusionGroup: 'Imports', version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ exclusionGroup: 'Imports', version: 2 });
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { exclusionGroup: 'Other', version: 1 }), 409, 'stale_version', 'version');
    });
  });
});

describe('POST /actionflows/:id/duplicate', () => {
  it('copies the graph under a free name, without the URL Alias, at version 1', async () => {
    const copy = await as(t, session).post<SavedActionflow>(`/actionflows/${API_ENDPOINT_ID}/duplicate`, {});
    expect(copy.status).toBe(201);
    const original = await stored(API_ENDPOINT_ID);
    expect(copy.body.actionflow).toMatchObject({ name: 'API Company Data (copy)', version: 1, api: { ...original.api, urlAlias: '' } });
    expect(copy.body.actionflow.id).not.toBe(API_ENDPOINT_ID);
    expect(copy.body.actionflow.actions).toEqual(original.actions);
    expect((await as(t, session).post<SavedActionflow>(`/actionflows/${API_ENDPOINT_ID}/duplicate`, {})).body.actionflow.name).toBe('API Company Data (copy 2)');
    expect((await as(t, session).post<SavedActionflow>(`/actionflows/${API_ENDPOINT_ID}/duplicate`, { name: 'Company Lookup' })).body.actionflow.name).toBe('Company Lookup');
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).post(`/actionflows/${API_ENDPOINT_ID}/duplicate`, { name: 'Call API' }), 400, 'validation_failed', 'name');
      expectError(await as(t, session).post('/actionflows/nope/duplicate', {}), 404, 'not_found');
    });
  });

  it('shortens a long name so the copy still fits the name rule, and the copy can be saved', async () => {
    const long = 'L'.repeat(100);
    expect((await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { name: long })).status).toBe(200);
    const copy = await as(t, session).post<SavedActionflow>(`/actionflows/${API_ENDPOINT_ID}/duplicate`, {});
    expect(copy.status).toBe(201);
    expect(copy.body.actionflow.name).toBe(`${'L'.repeat(93)} (copy)`);
    expect((await as(t, session).put(`/actionflows/${copy.body.actionflow.id}`, saveOf(copy.body.actionflow))).status).toBe(200);
  });
});

describe('DELETE /actionflows/:id', () => {
  it('is refused with 409 in_use while a button uses it, and deletes it once detached', async () => {
    await expectUnchanged(t.db, async () => {
      expect(expectError(await as(t, session).del('/actionflows/af-call-api'), 409, 'in_use')).toBe(
        'The actionflow Call API cannot be deleted while the Call API button of the screen Call API uses it; detach it first.',
      );
    });
    expect((await as(t, session).del('/screens/screen-call-api/buttons/CallAPI/actionflow')).status).toBe(200);
    const gone = await t.call('/sandbox/api/actionflows/af-call-api', { method: 'DELETE', headers: { 'x-sandbox-session': session } });
    expect(gone.status).toBe(204);
    expect(await stored('af-call-api')).toBeUndefined();
    expectError(await as(t, session).del('/actionflows/af-call-api'), 404, 'not_found');
  });
});

describe('attaching and detaching actionflows on screen buttons', () => {
  it('attaches one actionflow to a second button (another instance of it), and detaches it', async () => {
    const attached = await as(t, session).put('/screens/screen-company-approval-review/buttons/Import/actionflow', { actionflowId: 'af-call-api' });
    expect(attached.status, JSON.stringify(attached.body)).toBe(200);
    expect(attached.body.buttons).toEqual([{ name: 'Import', label: 'Import', actionflowId: 'af-call-api' }]);
    expect(t.changes).toContain('screens');
    expect(expectError(await as(t, session).del('/actionflows/af-call-api'), 409, 'in_use')).toMatch(/the Call API button of the screen Call API and the Import button of the screen Company Approval Review use it/);
    const detached = await as(t, session).del('/screens/screen-company-approval-review/buttons/Import/actionflow');
    expect(detached.body.buttons[0].actionflowId).toBeNull();
  });

  it('refuses an end point, an actionflow of another application, unknown buttons, screens and actionflows, changing nothing', async () => {
    await t.db.applications.add({ id: 'app-other', name: 'Other App', description: '' });
    const other = await stored('af-call-api');
    await t.db.actionflows.add({ ...other, id: 'af-other', applicationId: 'app-other', name: 'Elsewhere' });
    const put = (screen: string, button: string, actionflowId: string) => as(t, session).put(`/screens/${screen}/buttons/${button}/actionflow`, { actionflowId });
    await expectUnchanged(t.db, async () => {
      expect(expectError(await put('screen-company-approval-review', 'Import', API_ENDPOINT_ID), 400, 'validation_failed', 'actionflowId')).toBe(
        'The actionflow API Company Data is an API end point, which calls run; only screen actionflows run from buttons.',
      );
      expect(expectError(await put('screen-company-approval-review', 'Import', 'af-other'), 400, 'validation_failed', 'actionflowId')).toBe(
        'The actionflow Elsewhere belongs to another application than the screen Company Approval Review.',
      );
      expect(expectError(await put('screen-company-approval-review', 'Nope', 'af-call-api'), 404, 'not_found')).toBe('The screen Company Approval Review has no button named Nope.');
      expectError(await put('screen-nope', 'Import', 'af-call-api'), 404, 'not_found');
      expectError(await put('screen-company-approval-review', 'Import', 'af-nope'), 404, 'not_found');
      expectError(await as(t, session).del('/screens/screen-call-api/buttons/Nope/actionflow'), 404, 'not_found');
    });
  });
});

describe('rights', () => {
  const changing: [string, string, unknown][] = [
    ['POST', '/actionflows', { applicationId: APP_ID, kind: 'screen', name: 'X' }],
    ['PUT', `/actionflows/${API_ENDPOINT_ID}`, { version: 1, actions: [], connections: [] }],
    ['PATCH', `/actionflows/${API_ENDPOINT_ID}`, { description: 'x' }],
    ['PUT', '/actionflows/af-call-api/nodes/call-api', { name: 'Call API', urlTemplate: '/x' }],
    ['POST', `/actionflows/${API_ENDPOINT_ID}/duplicate`, {}],
    ['DELETE', `/actionflows/${API_ENDPOINT_ID}`, undefined],
    ['PUT', '/screens/screen-company-approval-review/buttons/Import/actionflow', { actionflowId: 'af-call-api' }],
    ['DELETE', '/screens/screen-call-api/buttons/CallAPI/actionflow', undefined],
    ['POST', '/clock/fast-forward', { ms: 1000 }],
  ];

  it('refuses every changing route with 401 without a session and 403 without design rights, changing nothing', async () => {
    const learner = await learnerSession();
    const call = (method: string, path: string, body: unknown, who: string | null) => {
      const caller = as(t, who);
      return method === 'POST' ? caller.post(path, body) : method === 'PUT' ? caller.put(path, body) : method === 'PATCH' ? caller.patch(path, body) : caller.del(path);
    };
    await expectUnchanged(t.db, async () => {
      for (const [method, path, body] of changing) {
        expectError(await call(method, path, body, null), 401, 'not_logged_in');
        expect(expectError(await call(method, path, body, learner), 403, 'forbidden'), `${method} ${path}`).toMatch(/^The user learner has no design rights, so they cannot /);
      }
    });
    // Reading needs only a session.
    expect((await as(t, learner).get('/actionflows/af-call-api')).status).toBe(200);
    expect((await as(t, learner).get('/actionflows/af-call-api/runs')).status).toBe(200);
    expectError(await as(t, null).get('/actionflows/af-call-api/runs'), 401, 'not_logged_in');
  });
});

describe('GET /actionflows/:id/runs', () => {
  it('lists the last runs, newest first, each with its trace', async () => {
    for (const id of ['C0001', 'C0404']) expect((await as(t, session).post('/screens/screen-call-api/buttons/CallAPI/run', { form: { CompanyID: id } })).body.outcome).toBe('success');
    const runs = await as(t, session).get('/actionflows/af-call-api/runs');
    expect(runs.status).toBe(200);
    expect(runs.body).toHaveLength(2);
    expect(runs.body[0].startedAt >= runs.body[1].startedAt).toBe(true);
    expect(runs.body[0]).toMatchObject({ actionflowId: 'af-call-api', actionflowName: 'Call API', runAs: 'trainee', status: 'succeeded', version: 1, origin: { kind: 'button', screenId: 'screen-call-api', buttonName: 'CallAPI' } });
    expect(runs.body[0].trace.actions.map((a: { actionId: string }) => a.actionId)).toEqual(expect.arrayContaining(['input', 'call-api']));
    expectError(await as(t, session).get('/actionflows/nope/runs'), 404, 'not_found');
  });
});

describe('through the client alone', () => {
  it('creates, wires, maps, validates, saves, attaches and runs a screen actionflow', async () => {
    let sessionId: string | null = null;
    const client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
    await client.login({ login: 'trainee', password: 'Training123!' });
    const repository = { tables: await t.db.appTables.toArray(), screens: await t.db.screens.toArray() };
    const created = await client.createActionflow({ applicationId: APP_ID, kind: 'screen', name: 'Look Up Company' });
    let flow = created.actionflow;
    const input = flow.actions[0]!;
    // The Input reads the screen field CompanyID; a View finds the company; a Screen output shows it.
    flow = applyEdit(flow, { type: 'setProps', actionId: input.id, props: { parameters: [{ name: 'CompanyID', type: 'String' }] } }).flow;
    const view = { ...newAction('view', 'Find Company', { x: 260, y: 0 }, flow, repository), props: { tableId: 'table-companies', filters: [{ attribute: 'CompanyID', expression: 'in.CompanyID' }], dataRange: 'all' } } as AnyAction;
    flow = applyEdit(flow, { type: 'addAction', action: view }).flow;
    const show = { ...newAction('screenOutput', 'Show', { x: 520, y: 0 }, flow, repository), props: { screenId: 'screen-call-api' } } as AnyAction;
    flow = applyEdit(flow, { type: 'addAction', action: show }).flow;
    const c1 = newConnection(flow, input.id, 'out', view.id);
    flow = applyEdit(flow, { type: 'connect', connection: c1 }).flow;
    flow = applyEdit(flow, mapAllEdit(flow, repository, c1.id)).flow;
    const c2 = newConnection(flow, view.id, 'out', show.id);
    flow = applyEdit(flow, { type: 'connect', connection: c2 }).flow;
    flow = applyEdit(flow, mapAllEdit(flow, repository, c2.id)).flow;
    const saved = await client.saveActionflow(flow.id, saveOf(flow));
    expect(saved.problems).toEqual([]);
    expect(saved.actionflow.connections.find((c) => c.id === c2.id)!.mappings.map((m) => m.target).sort()).toEqual(['CompanyID', 'CompanyName', 'Industry', 'Status']);
    // A stale second save is refused with a sentence.
    const stale = await client.saveActionflow(flow.id, saveOf(flow)).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(SandboxApiError);
    expect((stale as SandboxApiError).code).toBe('stale_version');
    await client.detachActionflow('screen-call-api', 'CallAPI');
    await client.attachActionflow('screen-call-api', 'CallAPI', flow.id);
    const company = (await t.db.companies.get('C0002'))!;
    const ran = await client.runButton('screen-call-api', 'CallAPI', { CompanyID: 'C0002' });
    expect(ran).toMatchObject({ outcome: 'success', fields: { CompanyID: 'C0002', CompanyName: company.CompanyName, Industry: company.Industry, Status: company.Status } });
    expect((await client.listRuns(flow.id))[0]!.status).toBe('succeeded');
  });
});

describe('API Mode and its default Timeout', () => {
  it('moves a Timeout left at the old mode\'s default to the new mode\'s, and keeps one the learner set', async () => {
    const t = await startTestServer();
    try {
      const session = await login(t);
      const toAsync = await as(t, session).patch('/actionflows/af-api-company-data', { api: { apiMode: 'asynchronous' } });
      expect(toAsync.body.api).toMatchObject({ apiMode: 'asynchronous', timeoutMs: 500 });
      await as(t, session).patch('/actionflows/af-api-company-data', { api: { timeoutMs: 2_000 } });
      const back = await as(t, session).patch('/actionflows/af-api-company-data', { api: { apiMode: 'synchronous' } });
      expect(back.body.api).toMatchObject({ apiMode: 'synchronous', timeoutMs: 2_000 });
    } finally {
      t.close();
    }
  });
});
