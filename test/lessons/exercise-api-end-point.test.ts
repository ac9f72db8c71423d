/**
 * The exercise after 3.01 (API Company Orders): offered where 3.01 ends, its solutions build an end
 * point that answers only the company's orders in the range (a View's comparing filters), and its
 * proof reads the answer the console got, so an end point that ignores the dates does not pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClient, type SandboxClient } from '$client/index';
import { FIXTURE } from '$domain/fixtures';
import { takeSnapshot } from '$instance/snapshot';
import { runCheck } from '$lessons/check';
import { registerChapters } from '$lessons/registry';
import { startVerdict } from '$lessons/start-checks';
import { ORIGIN, startTestServer, type TestServer } from '../unit/support/instance';
import { API_COMPANY_ORDERS, COMPANY_ORDERS_PATH, KNOWN_COMPANY_ID } from '../../lessons/shared/course';

const chapters = registerChapters(import.meta.glob('../../lessons/*/chapter.ts', { eager: true }));
const chapter301 = chapters.find((c) => c.id === 'api-end-point')!;
const exercise = chapters.find((c) => c.id === 'exercise-api-end-point')!;

describe('the exercise on the instance where the learner finished 3.01', () => {
  let t: TestServer;
  let client: SandboxClient;
  let sessionId: string | null = null;
  const snapshot = () => takeSnapshot(t.db, client.sessionId());

  beforeAll(async () => {
    t = await startTestServer({ fixture: FIXTURE.apiEndPointStart });
    client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
    await client.login({ login: 'trainee', password: 'Training123!' });
    for (const step of chapter301.steps) await step.solve({ client });
  });
  afterAll(() => t.close());

  it('is offered on it, and every task fails before its solution and passes after it', async () => {
    expect(exercise.prerequisites).toEqual([chapter301.id]);
    expect(startVerdict(exercise, await snapshot())).toEqual({ canKeep: true });
    const last = exercise.steps.at(-1)!;
    for (const step of exercise.steps.slice(0, -1)) {
      expect(runCheck(step, await snapshot()).ok, step.id).toBe(false);
      await step.solve({ client });
      expect(runCheck(step, await snapshot()), step.id).toEqual({ ok: true });
    }
    expect(runCheck(last, await snapshot())).toMatchObject({ ok: false, reason: expect.stringContaining('request log shows no call') });
  });

  it('answers only the orders of the company within the dates, both days included', async () => {
    const call = (from: string, to: string) => client.callEndpoint({ method: 'GET', url: `${COMPANY_ORDERS_PATH}?CompanyID=${KNOWN_COMPANY_ID}&FromDate=${from}&ToDate=${to}`, headers: {} });
    const answer = await call('2019-01-17', '2021-01-15');
    expect(answer.status).toBe(200);
    const orders = (JSON.parse(answer.body) as { Orders: { CompanyID: string; OrderDate: string }[] }).Orders;
    expect(orders.map((o) => o.OrderDate).sort()).toEqual(['2019-01-17', '2021-01-15']);
    expect(JSON.parse((await call('2030-01-01', '2030-12-31')).body)).toEqual({ Orders: [] });
  });

  it('does not take an answer that ignores the dates as proof, and names an order outside them', async () => {
    const id = (await client.getRepository()).actionflows.find((a) => a.name === API_COMPANY_ORDERS)!.id;
    const { actionflow } = await client.getActionflow(id);
    const loose = actionflow.actions.map((a) => (a.kind === 'view' ? { ...a, props: { ...a.props, filters: a.props.filters.filter((f) => f.attribute === 'CompanyID') } } : a));
    await client.saveActionflow(id, { version: actionflow.version, actions: loose, connections: actionflow.connections });
    const last = exercise.steps.at(-1)!;
    await last.solve({ client });
    expect(runCheck(last, await snapshot())).toMatchObject({ ok: false, reason: expect.stringMatching(/outside the company or the dates/) });
  });
});
