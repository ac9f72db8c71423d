/**
 * Every step of every chapter and exercise: its check fails on the step's start state (the chapter's
 * start plus the solutions of the steps before it) and passes once its own solution has run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClient, type SandboxClient } from '$client/index';
import { takeSnapshot } from '$instance/snapshot';
import { registerChapters } from '$lessons/registry';
import { runCheck } from '$lessons/check';
import { startVerdict } from '$lessons/start-checks';
import { ORIGIN, startTestServer, type TestServer } from '../unit/support/instance';

const chapters = registerChapters(import.meta.glob('../../lessons/*/chapter.ts', { eager: true }));

it('finds the course chapters', () => {
  expect(chapters.map((c) => c.id)).toContain('add-authentication');
});

for (const chapter of chapters) {
  describe(`${chapter.kind} ${chapter.title}`, () => {
    let t: TestServer;
    let client: SandboxClient;
    let sessionId: string | null = null;
    const snapshot = () => takeSnapshot(t.db, client.sessionId());

    beforeAll(async () => {
      t = await startTestServer({ fixture: chapter.startFixture });
      client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
      await client.login({ login: 'trainee', password: 'Training123!' });
    });
    afterAll(() => t.close());

    it('its start checks pass on its own start', async () => {
      expect(startVerdict(chapter, await snapshot())).toEqual({ canKeep: true });
    });

    for (const step of chapter.steps) {
      it(`step "${step.title}": fails before its solution, with a reason, and passes after it`, async () => {
        const before = runCheck(step, await snapshot());
        expect(before.ok, `the check of "${step.id}" passed on its start state`).toBe(false);
        if (!before.ok) expect(before.reason).toMatch(/^[A-Z`a-z0-9].*[.:]$|^[A-Z].+/);
        await step.solve({ client });
        const after = runCheck(step, await snapshot());
        expect(after, `the check of "${step.id}" after its solution`).toEqual({ ok: true });
      });
    }
  });
}

describe('keeping going: the exercise on the instance where chapter 3.02 ends', () => {
  const guided = chapters.find((c) => c.id === 'add-authentication')!;
  const exercise = chapters.find((c) => c.id === 'exercise-reporting-access')!;
  let t: TestServer;
  let client: SandboxClient;
  let sessionId: string | null = null;
  const snapshot = () => takeSnapshot(t.db, client.sessionId());

  beforeAll(async () => {
    t = await startTestServer();
    client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
    await client.login({ login: 'trainee', password: 'Training123!' });
    for (const step of guided.steps) await step.solve({ client });
  });
  afterAll(() => t.close());

  it('is not offered while the learner is still logged in as apiagent, and says why', async () => {
    expect(startVerdict(exercise, await snapshot())).toEqual({
      canKeep: false,
      reasons: ['You are logged in as apiagent, who has no design rights: log out and log in as trainee first.'],
    });
  });

  it('is offered once trainee logs in again; the end point is closed already, and every other task fails until its solution runs', async () => {
    await client.login({ login: 'trainee', password: 'Training123!' });
    expect(startVerdict(exercise, await snapshot())).toEqual({ canKeep: true });
    const [closeEndpoint, ...rest] = exercise.steps;
    expect(runCheck(closeEndpoint!, await snapshot())).toEqual({ ok: true });
    for (const step of rest) {
      expect(runCheck(step, await snapshot()).ok, `the check of "${step.id}" passed before its solution`).toBe(false);
      await step.solve({ client });
      expect(runCheck(step, await snapshot()), `the check of "${step.id}" after its solution`).toEqual({ ok: true });
    }
  });
});
