import { getResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { newActionflow, TRACE_SAMPLE, type Actionflow, type AnyAction, type Connection } from '$domain/actionflow';
import { createManualClock, type ManualClock } from '$domain/expression';
import { RUNS_KEPT_PER_ACTIONFLOW, type RunRecord } from '$domain/runs';
import { InstanceDb } from '$instance/db';
import type { ServerContext } from '$server/context';
import { memoryGroupLocks } from '$server/exclusion-groups';
import { createHandlers } from '$server/handlers';
import { createJournal } from '$server/journal';
import { orchestratorOf } from '$server/runs/orchestrator';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';
import { APP_ID, as, createApiAgent, expectError, generateKey, login } from './helpers';

let t: TestServer | null = null;
let clock: ManualClock;
afterEach(() => {
  t?.close();
  t = null;
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  clock = createManualClock();
  t = await startTestServer({ clock, ...options });
  return t;
}

const at = (x: number) => ({ x, y: 0 });

/** An actionflow: Input → Calculate (sleep(seconds), Status "New") → Output (an end point) or nothing more (a screen actionflow). */
function slowFlow(options: { id: string; name: string; kind?: 'screen' | 'apiEndpoint'; group?: string; seconds?: number; api?: Partial<NonNullable<Actionflow['api']>> }): Actionflow {
  const kind = options.kind ?? 'apiEndpoint';
  const base = newActionflow({ id: options.id, applicationId: APP_ID, kind, name: options.name });
  const actions: AnyAction[] = [
    { id: 'input', kind: 'input', name: 'Input', description: '', position: at(0), inputs: [], props: { parameters: [] } },
    { id: 'slow', kind: 'calculate', name: 'Slow Import', description: '', position: at(200), inputs: [], props: { attributes: [{ name: 'Status', type: 'String', expression: '"New"' }, { name: 'Delay', type: 'Integer', expression: `sleep(${options.seconds ?? 20})` }] } },
  ];
  const connections: Connection[] = [{ id: 'c1', from: 'input', point: 'out', to: 'slow', type: 'driving', listName: '', mappings: [] }];
  if (kind === 'apiEndpoint') {
    actions.push({ id: 'output', kind: 'output', name: 'Output', description: '', position: at(400), inputs: [{ name: 'Status', type: 'String' }, { name: 'Delay', type: 'Integer' }], props: {} });
    connections.push({ id: 'c2', from: 'slow', point: 'out', to: 'output', type: 'driving', listName: '', mappings: [{ target: 'Status', attribute: 'Status' }, { target: 'Delay', attribute: 'Delay' }] });
  }
  return { ...base, exclusionGroup: options.group ?? '', api: base.api ? { ...base.api, urlAlias: options.id, ...options.api } : null, actions, connections };
}

/** Waits (in real time, briefly) until `test` holds; the work under test runs on the manual clock. */
async function until(test: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

const sleeping = (count = 1) => until(() => clock.pendingSleeps >= count, `${count} sleeps`);

function startRun(ctx: ServerContext, flow: Actionflow, options: { timeoutMs?: number | null } = {}) {
  // No call around it to write the journal at its end: a closed journal writes each entry at once.
  const journal = createJournal(ctx);
  journal.close();
  return orchestratorOf(ctx).start({
    flow,
    runAs: { userId: null, login: 'system', name: 'System', privileges: [] },
    inputs: {},
    origin: { kind: 'endpoint', label: `/phixflow/api/2/${flow.id}` },
    timeoutMs: options.timeoutMs ?? null,
    journal,
  });
}

async function runsOf(id: string): Promise<RunRecord[]> {
  return t!.db.runs.where('actionflowId').equals(id).toArray();
}

describe('the timeout', () => {
  it('stops a run past its timeout and frees its exclusion group; the trace is kept', async () => {
    const server = await start();
    const slow = slowFlow({ id: 'af-slow', name: 'Import Slowly', group: 'Import' });
    const next = slowFlow({ id: 'af-next', name: 'Approve', group: ' import', seconds: 1 });
    await server.db.actionflows.bulkPut([slow, next]);
    const run = await startRun(server.ctx, slow, { timeoutMs: 5_000 });
    await sleeping(2);
    expect(orchestratorOf(server.ctx).list().map((r) => r.actionflowName)).toEqual(['Import Slowly']);
    clock.advance(5_000);
    expect(await run.outcome).toEqual({ status: 'timedOut', runId: run.runId, message: 'The end point Import Slowly did not finish within its timeout of 5000 ms.', actionId: 'slow' });
    await run.whenStopped;
    expect(orchestratorOf(server.ctx).list()).toEqual([]);
    expect(clock.pendingSleeps).toBe(0);
    // The group is free: the next actionflow of the group (in another case) runs.
    const second = await startRun(server.ctx, next);
    await sleeping();
    clock.advance(1_000);
    expect((await second.outcome).status).toBe('succeeded');
    await until(async () => (await runsOf('af-slow')).length === 1, 'the timed-out run to be recorded');
    const [record] = await runsOf('af-slow');
    expect(record).toMatchObject({ status: 'timedOut', message: 'The end point Import Slowly did not finish within its timeout of 5000 ms.' });
    expect(record!.trace!.failedActionId).toBe('slow');
  });
});

describe('exclusion groups across two tabs', () => {
  it('refuses a second run of the group from another server context sharing the lock table, with 409 naming the group and the running actionflow', async () => {
    const shared = new Map<string, string>();
    const server = await start({ locks: memoryGroupLocks(shared) });
    await server.db.actionflows.bulkPut([slowFlow({ id: 'import', name: 'Import Companies', group: 'Import' }), slowFlow({ id: 'approve', name: 'Approve Companies', group: 'IMPORT ' })]);
    // The second tab: its own database connection and server, the same locks (as Web Locks are per origin).
    const db2 = new InstanceDb(server.db.name);
    const ctx2: ServerContext = { db: db2, clock, fetch, origin: ORIGIN, locks: memoryGroupLocks(shared) };
    const handlers2 = createHandlers(ctx2);
    try {
      const first = server.call('/phixflow/api/2/import');
      await sleeping(2);
      expect(shared.get('import')).toBe('Import Companies');
      const refused = (await getResponse(handlers2, new Request(`${ORIGIN}/phixflow/api/2/approve`)))!;
      expect(refused.status).toBe(409);
      const body = await refused.json();
      expect(body.error.code).toBe('exclusion_group_busy');
      expect(body.error.message).toBe('The end point Approve Companies did not run: its exclusion group IMPORT is taken by Import Companies, which is still running. Wait for it to finish, then try again.');
      expect(orchestratorOf(ctx2).list()).toEqual([]);
      clock.advance(20_000);
      expect((await first).status).toBe(200);
      await until(() => !shared.has('import'), 'the group to be released');
      // Now the other tab may run it.
      const again = getResponse(handlers2, new Request(`${ORIGIN}/phixflow/api/2/approve`));
      await sleeping(2);
      clock.advance(20_000);
      expect((await again)!.status).toBe(200);
    } finally {
      db2.close();
    }
  });
});

describe('the trace', () => {
  it('counts every record in and out, keeps a sample of the first 10, counts records per connection and cuts long values', async () => {
    const server = await start();
    const long = 'x'.repeat(5_000);
    const flow: Actionflow = {
      ...newActionflow({ id: 'af-trace', applicationId: APP_ID, kind: 'screen', name: 'Trace Orders' }),
      actions: [
        { id: 'input', kind: 'input', name: 'Input', description: '', position: at(0), inputs: [], props: { parameters: [] } },
        { id: 'orders', kind: 'view', name: 'All Orders', description: '', position: at(200), inputs: [], props: { tableId: 'table-orders', filters: [], dataRange: 'all' } },
        { id: 'tag', kind: 'calculate', name: 'Tag', description: '', position: at(400), inputs: [{ name: 'OrderID', type: 'String' }], props: { attributes: [{ name: 'Tag', type: 'String', expression: `concat(in.OrderID, "${long}")` }] } },
      ],
      connections: [
        { id: 'c1', from: 'input', point: 'out', to: 'orders', type: 'driving', listName: '', mappings: [] },
        { id: 'c2', from: 'orders', point: 'out', to: 'tag', type: 'driving', listName: '', mappings: [{ target: 'OrderID', attribute: 'OrderID' }] },
      ],
    };
    const orders = await server.db.orders.count();
    const run = await startRun(server.ctx, flow);
    expect((await run.outcome).status).toBe('succeeded');
    await until(async () => (await runsOf('af-trace')).length === 1, 'the run record');
    const { trace } = (await runsOf('af-trace'))[0]!;
    const byId = Object.fromEntries(trace!.actions.map((a) => [a.actionId, a]));
    expect(byId.orders!.in.count).toBe(1);
    expect(byId.orders!.out.out!.count).toBe(orders);
    expect(byId.orders!.out.out!.sample).toHaveLength(TRACE_SAMPLE);
    expect(byId.tag!.in.count).toBe(orders);
    expect(byId.tag!.in.sample).toHaveLength(TRACE_SAMPLE);
    const tag = byId.tag!.out.out!.sample[0]!.Tag as string;
    expect(tag.length).toBeLessThan(2_100);
    expect(tag.endsWith('…')).toBe(true);
    expect(trace!.connections).toEqual({ c1: 1, c2: orders });
    expect(trace!.failedActionId).toBeNull();
    expect(trace!.actions.every((a) => a.error === null && a.durationMs >= 0)).toBe(true);
  });

  it('marks the action that failed, with its sentence, and keeps what ran before it', async () => {
    const server = await start();
    const flow: Actionflow = {
      ...newActionflow({ id: 'af-fail', applicationId: APP_ID, kind: 'screen', name: 'Fails' }),
      actions: [
        { id: 'input', kind: 'input', name: 'Input', description: '', position: at(0), inputs: [], props: { parameters: [] } },
        { id: 'bad', kind: 'calculate', name: 'Bad Sum', description: '', position: at(200), inputs: [], props: { attributes: [{ name: 'N', type: 'Integer', expression: '"many"' }] } },
      ],
      connections: [{ id: 'c1', from: 'input', point: 'out', to: 'bad', type: 'driving', listName: '', mappings: [] }],
    };
    const outcome = await (await startRun(server.ctx, flow)).outcome;
    const message = 'The output attribute N of the Calculate action Bad Sum is of type Integer, but its expression gave "many" is not a number.';
    expect(outcome).toEqual({ status: 'failed', runId: expect.any(String), message, actionId: 'bad' });
    await until(async () => (await runsOf('af-fail')).length === 1, 'the run record');
    const { trace, status } = (await runsOf('af-fail'))[0]!;
    expect(status).toBe('failed');
    expect(trace!.failedActionId).toBe('bad');
    expect(trace!.actions.map((a) => [a.actionId, a.error])).toEqual([
      ['input', null],
      ['bad', message],
    ]);
  });

  it('is kept for the last 10 runs of each actionflow, the oldest dropped', async () => {
    const server = await start();
    const flow = slowFlow({ id: 'af-often', name: 'Often', seconds: 0 });
    const ids: string[] = [];
    for (let i = 0; i < RUNS_KEPT_PER_ACTIONFLOW + 2; i++) {
      const run = await startRun(server.ctx, flow);
      expect((await run.outcome).status).toBe('succeeded');
      ids.push(run.runId!);
      await until(async () => (await server.db.runs.get(run.runId!)) !== undefined, 'the run record');
      clock.advance(1_000);
    }
    await until(async () => (await runsOf('af-often')).length === RUNS_KEPT_PER_ACTIONFLOW && !(await server.db.runs.get(ids[1]!)), 'the oldest runs to be dropped');
    expect((await runsOf('af-often')).map((r) => r.id).sort()).toEqual(ids.slice(2).sort());
    expect((await runsOf('af-often')).every((r) => r.trace !== null)).toBe(true);
  });

  it('is not recorded when the context turns traces off', async () => {
    const server = await start({ traceRuns: false });
    const run = await startRun(server.ctx, slowFlow({ id: 'af-quick', name: 'Quick', seconds: 0 }));
    expect((await run.outcome).status).toBe('succeeded');
    await until(async () => (await runsOf('af-quick')).length === 1, 'the run record');
    expect((await runsOf('af-quick'))[0]!.trace).toBeNull();
  });
});

describe('running runs and the stop route', () => {
  it('lists a sleeping button run with its time left, and stops it: the button answers stopped, the group is freed', async () => {
    const server = await start();
    const session = await login(server);
    await server.db.actionflows.put(slowFlow({ id: 'af-import', name: 'Import', kind: 'screen', group: 'Import' }));
    expect((await as(server, session).put('/screens/screen-company-approval-review/buttons/Import/actionflow', { actionflowId: 'af-import' })).status).toBe(200);
    const pressed = as(server, session).post('/screens/screen-company-approval-review/buttons/Import/run', { form: {} });
    await sleeping();
    const running = await as(server, session).get('/runs');
    expect(running.body).toEqual([
      expect.objectContaining({ actionflowId: 'af-import', actionflowName: 'Import', runAs: 'trainee', actionId: 'slow', actionName: 'Slow Import', sleepingUntil: new Date(clock.now().getTime() + 20_000).toISOString(), exclusionGroup: 'Import' }),
    ]);
    const runId = running.body[0].id as string;
    // Another user without design rights may not stop it; the one who started it may.
    await as(server, session).post('/users', { login: 'learner', firstName: 'Lea', surname: 'Rner', password: 'Learner123!', enabled: true });
    const learner = await login(server, 'learner', 'Learner123!');
    expect(expectError(await as(server, learner).post(`/runs/${runId}/stop`), 403, 'forbidden')).toBe('The user learner has no design rights, so they cannot stop the run of Import that trainee started.');
    expectError(await as(server, null).post(`/runs/${runId}/stop`), 401, 'not_logged_in');
    expectError(await as(server, session).post('/runs/nope/stop'), 404, 'not_found');
    const stopped = await server.call(`/sandbox/api/runs/${runId}/stop`, { method: 'POST', headers: { 'x-sandbox-session': session } });
    expect(stopped.status).toBe(204);
    const answer = await pressed;
    expect(answer.body).toMatchObject({ runId, outcome: 'stopped', message: 'The actionflow Import was stopped by trainee before it finished.' });
    await until(async () => (await as(server, session).get('/runs')).body.length === 0, 'the run to leave the list');
    expect(clock.pendingSleeps).toBe(0);
    await until(async () => (await runsOf('af-import')).length === 1, 'the run record');
    expect((await runsOf('af-import'))[0]!.status).toBe('stopped');
  });
});

describe('validate before running', () => {
  async function brokenScreenFlow(server: TestServer, settings: Partial<Actionflow>) {
    const flow = slowFlow({ id: 'af-broken', name: 'Broken', kind: 'screen', seconds: 0 });
    flow.actions[1] = { ...flow.actions[1]!, props: { attributes: [{ name: 'Status', type: 'String', expression: 'in.Missing' }] } } as AnyAction;
    await server.db.actionflows.put({ ...flow, ...settings });
    await server.db.screens.update('screen-company-approval-review', { buttons: [{ name: 'Import', label: 'Import', actionflowId: 'af-broken' }] });
  }

  it('refuses to run an actionflow with problems, listing them with focus names, and runs it when allowed to', async () => {
    const server = await start();
    const session = await login(server);
    await brokenScreenFlow(server, {});
    const refused = await as(server, session).post('/screens/screen-company-approval-review/buttons/Import/run', { form: {} });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ runId: null, outcome: 'refused', code: 'invalid_actionflow', fields: {} });
    expect(refused.body.message).toMatch(/^The actionflow Broken did not run: it has a problem to fix first\. The expression of the output attribute Status of the Calculate action Slow Import uses in\.Missing/);
    expect(refused.body.problems).toEqual([{ message: expect.stringContaining('in.Missing'), focus: 'actionflow:af-broken:action:slow:props.attributes[0].expression' }]);
    await until(async () => (await server.db.audit.count()) === 1, 'the audit entry');
    expect((await server.db.audit.toArray())[0]).toMatchObject({ actionflow: 'Broken', outcome: 'error', code: 'invalid_actionflow' });

    await brokenScreenFlow(server, { allowRunWithValidationErrors: true });
    expect((await as(server, session).post('/screens/screen-company-approval-review/buttons/Import/run', { form: {} })).body.outcome).toBe('success');
    await brokenScreenFlow(server, { validateBeforeRunning: false });
    expect((await as(server, session).post('/screens/screen-company-approval-review/buttons/Import/run', { form: {} })).body.outcome).toBe('success');
  });
});

describe('API Mode Asynchronous', () => {
  it('answers 202 with a process id when the run outlives the wait, 202 while it runs, then the answer', async () => {
    const server = await start();
    await server.db.actionflows.put(slowFlow({ id: 'async-import', name: 'Async Import', api: { apiMode: 'asynchronous', timeoutMs: 500 } }));
    const call = server.call('/phixflow/api/2/async-import');
    await sleeping(3);
    clock.advance(500);
    const accepted = await call;
    expect(accepted.status).toBe(202);
    const body = await accepted.json();
    expect(body).toEqual({ processId: expect.any(String), status: 'running', poll: `/phixflow/api/1/process/${body.processId}`, message: `The end point Async Import is still running; poll /phixflow/api/1/process/${body.processId} for its answer.` });
    expect(accepted.headers.get('location')).toBe(body.poll);
    // The wait for an early answer left no sleep behind: only the run's sleep(20) and its timeout.
    expect(clock.pendingSleeps).toBe(2);

    const polled = await server.call(body.poll);
    expect(polled.status).toBe(202);
    expect(await polled.json()).toMatchObject({ processId: body.processId, status: 'running', action: 'Slow Import', sleepingUntil: expect.any(String) });

    clock.advance(20_000);
    await until(async () => (await server.call(body.poll)).status === 200, 'the process to finish');
    const done = await server.call(body.poll);
    expect(await done.json()).toEqual({ Status: 'New', Delay: 20 });
    expect((await server.call('/phixflow/api/1/process/nope')).status).toBe(404);
    await until(async () => (await server.db.audit.count()) === 1, 'the audit entry');
    expect(await server.db.audit.toArray()).toEqual([expect.objectContaining({ actionflow: 'Async Import', status: 200, outcome: 'success' })]);
  });

  it('answers at once when the run ends within the wait', async () => {
    const server = await start();
    await server.db.actionflows.put(slowFlow({ id: 'async-quick', name: 'Async Quick', seconds: 0, api: { apiMode: 'asynchronous', timeoutMs: 500 } }));
    const answer = await server.call('/phixflow/api/2/async-quick');
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ Status: 'New', Delay: 0 });
    expect(clock.pendingSleeps).toBe(0);
  });

  it('lets only the same user poll a process started with an API key', async () => {
    const server = await start();
    const session = await login(server);
    const agent = await createApiAgent(server, session);
    const other = await as(server, session).post('/users', { login: 'otheragent', firstName: 'Other', surname: 'Agent', password: 'Phixflow123!', enabled: true });
    await as(server, session).put(`/user-groups/${agent.groupId}`, { userIds: [agent.userId, other.body.id] });
    const key = await generateKey(server, session, agent.userId);
    const otherKey = await generateKey(server, session, other.body.id);
    await server.db.actionflows.put(slowFlow({ id: 'async-keyed', name: 'Async Keyed', api: { apiMode: 'asynchronous', timeoutMs: 500, allowAnonymousConnections: false } }));
    const call = server.call('/phixflow/api/2/async-keyed', { headers: { authorization: `Bearer ${key}` } });
    await sleeping(3);
    clock.advance(500);
    const { poll } = await (await call).json();
    expect((await server.call(poll)).status).toBe(401);
    const stranger = await server.call(poll, { headers: { authorization: otherKey } });
    expect(stranger.status).toBe(404);
    expect((await stranger.json()).error.code).toBe('unknown_process');
    expect((await server.call(poll, { headers: { authorization: `Bearer ${key}` } })).status).toBe(202);
    clock.advance(20_000);
    await until(async () => (await server.call(poll, { headers: { authorization: key } })).status === 200, 'the owner to get the answer');
  });
});

describe('the audit trail', () => {
  it('has exactly one entry per call or button run, whatever its outcome', async () => {
    const server = await start();
    const session = await login(server);
    const count = () => server.db.audit.count();
    const settled = async (expected: number) => {
      await until(async () => (await count()) >= expected, `${expected} audit entries`);
      await new Promise((r) => setTimeout(r, 20));
      expect(await count()).toBe(expected);
    };
    await server.db.actionflows.bulkPut([
      slowFlow({ id: 'slow-a', name: 'Slow A', group: 'G' }),
      slowFlow({ id: 'slow-b', name: 'Slow B', group: 'G', api: { timeoutMs: 1_000 } }),
      slowFlow({ id: 'secured', name: 'Secured', api: { allowAnonymousConnections: false } }),
    ]);
    // A success, through an end point.
    expect((await server.call('/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001')).status).toBe(200);
    await settled(1);
    // A refusal before any run (no key), and an unknown end point.
    expect((await server.call('/phixflow/api/2/secured')).status).toBe(401);
    expect((await server.call('/phixflow/api/2/nothing-here')).status).toBe(404);
    await settled(3);
    // An exclusion group refusal while another runs, then the timeout of the one running.
    const running = server.call('/phixflow/api/2/slow-a');
    await sleeping(2);
    expect((await server.call('/phixflow/api/2/slow-b')).status).toBe(409);
    clock.advance(20_000);
    expect((await running).status).toBe(200);
    await settled(5);
    const timing = server.call('/phixflow/api/2/slow-b');
    await sleeping(2);
    clock.advance(1_000);
    expect((await timing).status).toBe(504);
    await settled(6);
    // A button run.
    expect((await as(server, session).post('/screens/screen-call-api/buttons/CallAPI/run', { form: { CompanyID: 'C0001' } })).body.outcome).toBe('success');
    // The button's HTTP action calls API Company Data: that call is audited too, as its own entry.
    await settled(8);
    const entries = await server.db.audit.toArray();
    expect(entries.map((e) => [e.actionflow, e.status])).toEqual([
      ['API Company Data', 200],
      ['Secured', 401],
      ['', 404],
      ['Slow B', 409],
      ['Slow A', 200],
      ['Slow B', 504],
      ['API Company Data', 200],
      ['Call API', 200],
    ]);
  });

  it('answers 500 naming the cause when an end point ends without reaching an Output (a point that leads nowhere)', async () => {
    const server = await start();
    const flow = (await server.db.actionflows.get('af-api-company-data'))!;
    await server.db.actionflows.put({ ...flow, connections: flow.connections.filter((c) => c.point !== 'empty'), actions: flow.actions.filter((a) => a.id !== 'not-found') });
    const answer = await server.call('/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C9999');
    expect(answer.status).toBe(500);
    expect((await answer.json()).error).toEqual({ code: 'actionflow_error', message: 'The end point API Company Data failed: it ended without reaching an Output action.' });
    await until(async () => (await server.db.audit.count()) >= 1, 'the audit entry');
    expect((await server.db.audit.toArray())[0]).toMatchObject({ status: 500, code: 'actionflow_error', reason: 'The end point API Company Data ended without reaching an Output action.' });
  });

  it('has one entry for an end point whose Output gives a header an answer cannot carry', async () => {
    const server = await start();
    const flow = slowFlow({ id: 'bad-header', name: 'Bad Header', seconds: 0 });
    flow.connections[1]!.mappings.push({ target: 'headers', expression: 'parseJson("{\\"bad name\\": \\"x\\"}")' });
    await server.db.actionflows.put(flow);
    const answer = await server.call('/phixflow/api/2/bad-header');
    expect(answer.status).toBe(500);
    expect((await answer.json()).error.message).toBe('The end point Bad Header failed: The Output Output of Bad Header gives a header named "bad name", which is not a valid HTTP header name.');
    await until(async () => (await server.db.audit.count()) >= 1, 'the audit entry');
    await new Promise((r) => setTimeout(r, 20));
    expect(await server.db.audit.count()).toBe(1);
  });
});
