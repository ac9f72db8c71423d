/**
 * The import chapter's exclusion group through the orchestrator: ImportCompanies on two screens
 * and ApproveCompanies share the group Import; a run from a second tab (its own server context, the
 * same locks) is refused with a sentence naming the group and the running actionflow, audited with
 * its reason, and runs once the first has ended. The sandbox clock's fast-forward ends the wait.
 */
import { getResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { createSandboxClient, type SandboxClient } from '$client/index';
import { createManualClock, createSimulatedClock, realClock, type Clock, type ManualClock } from '$domain/expression';
import { FIXTURE } from '$domain/fixtures';
import { InstanceDb } from '$instance/db';
import type { ServerContext } from '$server/context';
import { memoryGroupLocks } from '$server/exclusion-groups';
import { createHandlers } from '$server/handlers';
import chapter from '../../../lessons/04-stop-multiple-processes/chapter';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';
import { as, expectError, login } from './helpers';

const APPROVAL = '/screens/screen-company-approval-review/buttons';
const MANAGEMENT = '/screens/screen-company-management/buttons';
const BUSY = 'The actionflow ImportCompanies did not run: its exclusion group Import is taken by ImportCompanies, which is still running. Wait for it to finish, then try again.';

let t: TestServer | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

/** The import chapter's start with its building steps (1 to 8) done through the client. */
async function builtImport(clock: Clock, locks = memoryGroupLocks(new Map())): Promise<{ server: TestServer; client: SandboxClient; session: string }> {
  t = await startTestServer({ fixture: FIXTURE.dataImportStart, clock, locks });
  let session: string | null = null;
  const client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => session, set: (id) => (session = id) } });
  await client.login({ login: 'trainee', password: 'Training123!' });
  for (const step of chapter.steps.slice(0, chapter.steps.findIndex((s) => s.id === 'run-import'))) await step.solve({ client });
  return { server: t, client, session: session! };
}

async function until(test: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await test()) return;
    await new Promise((r) => setTimeout(r, 2));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

describe('ImportCompanies in the exclusion group Import', () => {
  it('refuses a run from a second tab while the first runs, naming the group and the running actionflow, audits the refusal, and runs once the first ended', async () => {
    const clock: ManualClock = createManualClock();
    const shared = new Map<string, string>();
    const { server, session } = await builtImport(clock, memoryGroupLocks(shared));
    // The second tab: its own database connection and server, the same locks (Web Locks are per origin).
    const db2 = new InstanceDb(server.db.name);
    const ctx2: ServerContext = { db: db2, clock, fetch, origin: ORIGIN, locks: memoryGroupLocks(shared) };
    const handlers2 = createHandlers(ctx2);
    const press = async (path: string) => {
      const response = await getResponse(handlers2, new Request(`${ORIGIN}/sandbox/api${path}/run`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-sandbox-session': session }, body: '{"form":{}}' }));
      return { status: response!.status, body: await response!.json() };
    };
    try {
      const first = as(server, session).post(`${APPROVAL}/Import/run`, { form: {} });
      await until(() => clock.pendingSleeps > 0, 'the import to sleep');
      expect(shared.get('import')).toBe('ImportCompanies');

      const refused = await press(`${MANAGEMENT}/Import`);
      expect(refused).toEqual({ status: 200, body: { runId: null, outcome: 'refused', code: 'exclusion_group_busy', fields: {}, message: BUSY, problems: [], httpFailures: [] } });
      // The screen's other actionflow is in the group too.
      expect((await press(`${APPROVAL}/Approve`)).body.message).toBe(
        'The actionflow ApproveCompanies did not run: its exclusion group Import is taken by ImportCompanies, which is still running. Wait for it to finish, then try again.',
      );
      expect(await server.db.companies.where('CompanyID').startsWith('C9').count()).toBe(0);

      clock.advance(20_000);
      expect((await first).body).toMatchObject({ outcome: 'success' });
      expect(await server.db.companies.where('CompanyID').startsWith('C9').toArray()).toHaveLength(24);
      expect((await server.db.companies.where('CompanyID').startsWith('C9').toArray()).every((c) => c.Status === 'New')).toBe(true);
      await until(() => !shared.has('import'), 'the group to be free');

      const audit = await server.db.audit.toArray();
      const refusals = audit.filter((e) => e.code === 'exclusion_group_busy');
      expect(refusals.map((e) => [e.actionflow, e.status, e.outcome, e.reason])).toEqual([
        ['ImportCompanies', 409, 'refused', BUSY],
        ['ApproveCompanies', 409, 'refused', expect.stringContaining('taken by ImportCompanies')],
      ]);
      expect(refusals[0]!.endpoint).toBe('Company Management screen, Import button');

      // Free again: the second tab's Import runs, and adds nothing (Data Range Latest).
      const again = press(`${MANAGEMENT}/Import`);
      await until(() => clock.pendingSleeps > 0, 'the second import to sleep');
      clock.advance(20_000);
      expect((await again).body).toMatchObject({ outcome: 'success' });
      expect(await server.db.companies.count()).toBe(240 + 24);
    } finally {
      db2.close();
    }
  });

  it('refuses the second instance in the same tab too (the workspace\'s two screens share one server)', async () => {
    const clock = createManualClock();
    const { server, session } = await builtImport(clock);
    const first = as(server, session).post(`${APPROVAL}/Import/run`, { form: {} });
    await until(() => clock.pendingSleeps > 0, 'the import to sleep');
    expect((await as(server, session).post(`${MANAGEMENT}/Import/run`, { form: {} })).body).toMatchObject({ outcome: 'refused', message: BUSY });
    clock.advance(20_000);
    expect((await first).body.outcome).toBe('success');
  });
});

describe('fast-forwarding the sandbox clock', () => {
  it('ends a sleeping import at once for a designer, and refuses what it cannot do with a sentence, changing nothing', async () => {
    const clock = createSimulatedClock();
    const { server, session, client } = await builtImport(clock);
    const pressed = client.runButton('screen-company-approval-review', 'Import', {});
    await until(async () => (await client.runningRuns()).some((r) => r.sleepingUntil), 'the import to sleep');
    const before = (await client.getClock()).now;
    for (const ms of [0, 1.5, 86_400_001, '20000']) expectError(await as(server, session).post('/clock/fast-forward', { ms }), 400, 'validation_failed');
    expectError(await as(server, session).post('/clock/fast-forward', { ms: 1, by: 'me' }), 400, 'validation_failed');
    await as(server, session).post('/users', { login: 'learner', firstName: 'Lea', surname: 'Rner', password: 'Learner123!', enabled: true });
    expectError(await as(server, await login(server, 'learner', 'Learner123!')).post('/clock/fast-forward', { ms: 20_000 }), 403, 'forbidden');
    expect((await client.runningRuns()).length).toBe(1);
    expect(Date.parse((await client.getClock()).now) - Date.parse(before)).toBeLessThan(5_000);

    const moved = await client.fastForward(20_000);
    expect(Date.parse(moved.now) - Date.parse(before)).toBeGreaterThanOrEqual(20_000);
    expect((await pressed).outcome).toBe('success');
    expect(await server.db.companies.count()).toBe(264);
  });

  it('is refused on a sandbox that runs on real time', async () => {
    t = await startTestServer({ clock: realClock });
    const session = await login(t);
    expect(expectError(await as(t, session).post('/clock/fast-forward', { ms: 1_000 }), 400, 'validation_failed', 'ms')).toBe('This sandbox runs on real time, so its clock cannot be fast-forwarded.');
    expect((await as(t, session).get('/clock')).body).toMatchObject({ adjustable: false });
  });
});
