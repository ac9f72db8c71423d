/**
 * Chapter 3.01 beyond "fails before, passes after": what its solutions build really works (the end
 * point answers a company or a 404, the screen shows it), applied in order from 3.01's start they
 * reach 3.02's start (its start checks pass and every 3.02 step behaves as on the reference
 * start), checks name what is wrong with the designer's focus, and "Show me" keeps what the learner
 * built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClient, type SandboxClient } from '$client/index';
import { validateActionflow, type Actionflow } from '$domain/actionflow';
import { FIXTURE } from '$domain/fixtures';
import { takeSnapshot } from '$instance/snapshot';
import { runCheck } from '$lessons/check';
import { registerChapters } from '$lessons/registry';
import { startVerdict } from '$lessons/start-checks';
import { ORIGIN, startTestServer, type TestServer } from '../unit/support/instance';
import {
  API_COMPANY_DATA,
  CALL_API_BUTTON,
  CALL_API_FLOW,
  CALL_API_SCREEN_ID,
  COMPANIES_TABLE_ID,
  COMPANY_DATA_ALIAS,
  COMPANY_DATA_URL,
  KNOWN_COMPANY_ID,
  UNKNOWN_COMPANY_ID,
} from '../../lessons/shared/course';
import { inputOf, viewOn } from '../../lessons/shared/graph';

const chapters = registerChapters(import.meta.glob('../../lessons/*/chapter.ts', { eager: true }));
const chapter301 = chapters.find((c) => c.id === 'api-end-point')!;
const chapter302 = chapters.find((c) => c.id === 'add-authentication')!;
const step = (id: string) => chapter301.steps.find((s) => s.id === id)!;

async function startOn301(): Promise<{ t: TestServer; client: SandboxClient; snapshot: () => ReturnType<typeof takeSnapshot> }> {
  const t = await startTestServer({ fixture: FIXTURE.apiEndPointStart });
  let sessionId: string | null = null;
  const client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
  await client.login({ login: 'trainee', password: 'Training123!' });
  return { t, client, snapshot: () => takeSnapshot(t.db, client.sessionId()) };
}

const flowNamed = async (client: SandboxClient, name: string): Promise<Actionflow> => {
  const id = (await client.getRepository()).actionflows.find((a) => a.name === name)!.id;
  return (await client.getActionflow(id)).actionflow;
};

/** Saves a changed graph, as the designer's Save does. */
const saveGraph = async (client: SandboxClient, flow: Actionflow, graph: Partial<Pick<Actionflow, 'actions' | 'connections'>>) =>
  (await client.saveActionflow(flow.id, { version: flow.version, actions: graph.actions ?? flow.actions, connections: graph.connections ?? flow.connections })).actionflow;

describe('chapter 3.01 solved in order from its start', () => {
  let env: Awaited<ReturnType<typeof startOn301>>;
  beforeAll(async () => {
    env = await startOn301();
    for (const s of chapter301.steps) await s.solve({ client: env.client });
  });
  afterAll(() => env.t.close());

  it('builds two actionflows without validation problems', async () => {
    const repository = await env.client.getRepository();
    for (const name of [API_COMPANY_DATA, CALL_API_FLOW]) {
      const flow = await flowNamed(env.client, name);
      expect(validateActionflow(flow, repository), name).toEqual([]);
    }
  });

  it('answers a known company with its id, name, industry and orders, by URL and by alias', async () => {
    for (const url of [COMPANY_DATA_URL, `/phixflow/api/2/${COMPANY_DATA_ALIAS}?CompanyID=${KNOWN_COMPANY_ID}`]) {
      const answer = await env.client.callEndpoint({ method: 'GET', url, headers: {} });
      expect(answer.status, url).toBe(200);
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['CompanyID', 'CompanyName', 'Industry', 'Orders']);
      expect(body.CompanyID).toBe(KNOWN_COMPANY_ID);
      expect(typeof body.CompanyName).toBe('string');
      expect(Array.isArray(body.Orders) && body.Orders.length).toBeGreaterThan(0);
      for (const order of body.Orders as Record<string, unknown>[]) expect(order.CompanyID).toBe(KNOWN_COMPANY_ID);
    }
  });

  it('answers an unknown company 404 with a sentence naming it', async () => {
    const answer = await env.client.callEndpoint({ method: 'GET', url: COMPANY_DATA_URL.replace(KNOWN_COMPANY_ID, UNKNOWN_COMPANY_ID), headers: {} });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toEqual({ error: { message: `No company has the CompanyID ${UNKNOWN_COMPANY_ID}.` } });
  });

  it('fills the Call API screen on success and on error', async () => {
    const ok = await env.client.runButton(CALL_API_SCREEN_ID, CALL_API_BUTTON, { CompanyID: KNOWN_COMPANY_ID });
    expect(ok.outcome).toBe('success');
    expect(ok.fields).toMatchObject({ Status: '200', StatusMessage: 'The call succeeded.', CompanyID: KNOWN_COMPANY_ID });
    expect(ok.fields.CompanyName).not.toBe('');
    expect(JSON.parse(ok.fields.Results!).CompanyID).toBe(KNOWN_COMPANY_ID);
    const missing = await env.client.runButton(CALL_API_SCREEN_ID, CALL_API_BUTTON, { CompanyID: UNKNOWN_COMPANY_ID });
    expect(missing.fields).toMatchObject({ Status: '404', StatusMessage: `No company has the CompanyID ${UNKNOWN_COMPANY_ID}.`, CompanyID: UNKNOWN_COMPANY_ID, CompanyName: '', Industry: '' });
  });

  it("meets chapter 3.02's start, and every 3.02 step fails before its solution and passes after it, as on the reference start", async () => {
    expect(startVerdict(chapter302, await env.snapshot())).toEqual({ canKeep: true });
    for (const s of chapter302.steps) {
      expect(runCheck(s, await env.snapshot()).ok, `3.02 "${s.id}" before its solution`).toBe(false);
      await s.solve({ client: env.client });
      expect(runCheck(s, await env.snapshot()), `3.02 "${s.id}" after its solution`).toEqual({ ok: true });
    }
  });
});

describe('starting 3.01 on the instance as it is', () => {
  it('is offered on its own start, and not where 3.01 ends, saying why', async () => {
    const env = await startOn301();
    expect(startVerdict(chapter301, await env.snapshot())).toEqual({ canKeep: true });
    env.t.close();
    const t = await startTestServer();
    let sessionId: string | null = null;
    const client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
    await client.login({ login: 'trainee', password: 'Training123!' });
    const verdict = startVerdict(chapter301, await takeSnapshot(t.db, client.sessionId()));
    t.close();
    expect(verdict).toEqual({ canKeep: false, reasons: [expect.stringContaining('already has API Company Data and Call API')] });
  });
});

describe("chapter 3.01's checks read the graph and name what is wrong", () => {
  let env: Awaited<ReturnType<typeof startOn301>>;
  beforeAll(async () => {
    env = await startOn301();
  });
  afterAll(() => env.t.close());

  it('keeps the View the learner named and placed, fixes its connection, and names a driving answer as wrong', async () => {
    const { client } = env;
    await step('create-end-point').solve({ client });
    await step('company-id-parameter').solve({ client });
    // The learner drops Companies on the canvas and connects it from the wrong point, unmapped.
    let flow = await flowNamed(client, API_COMPANY_DATA);
    const input = inputOf(flow)!;
    const mine = { id: 'action-9', kind: 'view' as const, name: 'Which company', description: 'mine', position: { x: 111, y: 222 }, inputs: [], props: { tableId: COMPANIES_TABLE_ID, filters: [], dataRange: 'all' as const } };
    flow = await saveGraph(client, flow, { actions: [...flow.actions, mine], connections: [...flow.connections, { id: 'connection-9', from: input.id, point: 'out', to: mine.id, type: 'lookup', listName: 'X', mappings: [] }] });
    const wrong = runCheck(step('find-company'), await env.snapshot());
    expect(wrong).toEqual({ ok: false, reason: expect.stringContaining('is a lookup'), focus: `actionflow:${flow.id}:connection:connection-9` });
    await step('find-company').solve({ client });
    flow = await flowNamed(client, API_COMPANY_DATA);
    expect(viewOn(flow, COMPANIES_TABLE_ID)).toMatchObject({ id: 'action-9', name: 'Which company', description: 'mine', position: { x: 111, y: 222 } });
    expect(flow.actions.filter((a) => a.kind === 'view')).toHaveLength(1);
    expect(runCheck(step('find-company'), await env.snapshot())).toEqual({ ok: true });

    await step('find-orders').solve({ client });
    const before = runCheck(step('answer-with-company'), await env.snapshot());
    expect(before).toEqual({ ok: false, reason: expect.stringContaining('is not connected to an Output'), focus: expect.stringMatching(/:point:out$/) });
    await step('answer-with-company').solve({ client });
    // The Input's own connection to the Output is gone: nothing answers before the look-ups.
    flow = await flowNamed(client, API_COMPANY_DATA);
    expect(flow.connections.filter((c) => c.from === input.id).map((c) => c.to)).toEqual(['action-9']);
    // Making the answer driving again is named, with the connection to outline.
    const answer = flow.connections.find((c) => c.type === 'lookup')!;
    await saveGraph(client, flow, { connections: flow.connections.map((c) => (c.id === answer.id ? { ...c, type: 'driving' as const } : c)) });
    expect(runCheck(step('answer-with-company'), await env.snapshot())).toEqual({
      ok: false,
      reason: expect.stringContaining('is driving, so the end point would answer once per order'),
      focus: `actionflow:${flow.id}:connection:${answer.id}`,
    });
  });

  it('names a URL Template that does not call the end point, at the URL Template field', async () => {
    const { client } = env;
    await step('create-call-api').solve({ client });
    await step('http-action').solve({ client });
    const flow = await flowNamed(client, CALL_API_FLOW);
    const http = flow.actions.find((a) => a.kind === 'http')!;
    await saveGraph(client, flow, { actions: flow.actions.map((a) => (a.id === http.id ? ({ ...a, props: { ...a.props, urlTemplate: '/phixflow/api/2/elsewhere?CompanyID=${in.CompanyID}' } } as typeof a) : a)) });
    expect(runCheck(step('http-action'), await env.snapshot())).toEqual({
      ok: false,
      reason: expect.stringContaining('does not call API Company Data'),
      focus: `actionflow:${flow.id}:action:${http.id}:props.urlTemplate`,
    });
    // "Show me" puts the template right and keeps the action.
    await step('http-action').solve({ client });
    const fixed = await flowNamed(client, CALL_API_FLOW);
    expect(fixed.actions.filter((a) => a.kind === 'http').map((a) => a.id)).toEqual([http.id]);
    expect(runCheck(step('http-action'), await env.snapshot())).toEqual({ ok: true });
  });
});
