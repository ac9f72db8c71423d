/**
 * Reset to step N and class links are atomic (issue 14, item 11): the target state is built first
 * (reset to step N runs the earlier steps' solutions on a scratch instance), then the instance and
 * the chapter's progress are replaced in one transaction. A fault injected at several moments — as
 * a page closed there would stop everything — leaves instance and progress as they were, agreeing;
 * once done they agree on the new state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClient, type SandboxClient } from '$client/index';
import { exportInstance } from '$instance/instance-file';
import { replaceInstance } from '$instance/reset';
import { runCheck } from '$lessons/check';
import { registerChapters } from '$lessons/registry';
import { LessonRuntime } from '$lessons/runtime';
import type { Progress } from '$lessons/progress';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';

const chapters = registerChapters(import.meta.glob('../../../lessons/*/chapter.ts', { eager: true }));
const chapter = chapters.find((c) => c.id === 'add-authentication')!;
const TRAINEE = { login: 'trainee', password: 'Training123!' };

let t: TestServer;
let client: SandboxClient;
let runtime: LessonRuntime;
let sessionId: string | null = null;

beforeAll(async () => {
  t = await startTestServer();
  client = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
  await client.login(TRAINEE);
  runtime = new LessonRuntime(client, t.db.name);
});
afterAll(() => {
  runtime.close();
  t.close();
});

/** The instance (what an export holds, the replacement marker aside) and every progress record. */
async function state() {
  const file = await exportInstance(t.db, { secrets: true, now: new Date(0) });
  return { tables: file.tables, progress: await t.db.progress.toArray() };
}

/** Progress and instance agree: each step the progress counts as done passes its check on the instance. */
async function agree(): Promise<void> {
  const record = await t.db.progress.get(chapter.id);
  const progress = (record?.value ?? null) as Progress | null;
  const snapshot = await runtime.fullSnapshot();
  for (const [i, step] of chapter.steps.entries()) {
    const saved = progress?.steps.find((s) => s.id === step.id);
    if (saved && saved.status !== 'pending' && saved.status !== 'skipped') {
      expect(runCheck(step, snapshot), `step ${i + 1} is saved as ${saved.status}`).toEqual({ ok: true });
    }
  }
}

describe('reset to step N', () => {
  // The learner's own work first: step 1 done by hand and saved.
  beforeAll(async () => {
    await chapter.steps[0]!.solve({ client });
    await runtime.saveProgress({
      chapterId: chapter.id,
      currentStep: 1,
      steps: [{ id: chapter.steps[0]!.id, status: 'passed', completedAt: new Date().toISOString(), attempts: 0, hintsUsed: 0, solutionShown: false }],
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      updatedAt: new Date().toISOString(),
      finishedAt: null,
    });
    await agree();
  });

  it.each(['scratchSeeded', 'solutionRan', 'beforeReplace'] as const)('stopped at "%s" changes neither the instance nor the progress', async (moment) => {
    const before = await state();
    await expect(
      runtime.resetToStep(chapter, 5, {
        login: TRAINEE,
        onMoment: (m) => {
          if (m === moment) throw new Error(`page closed at ${moment} (injected)`);
        },
      }),
    ).rejects.toThrow('(injected)');
    expect(await state()).toEqual(before);
    await agree();
  });

  it('stopped inside the replacing transaction (after any table, or the progress) changes nothing', async () => {
    const before = await state();
    for (const at of ['meta', 'users', 'audit', 'orderLines', 'progress'] as const) {
      await expect(
        replaceInstance(t.db, { meta: [{ key: 'formatVersion', value: 2 }] }, {
          progress: { clear: 'all', put: [] },
          onTableWritten: (table) => {
            if (table === at) throw new Error(`page closed after ${at} (injected)`);
          },
        }),
      ).rejects.toThrow('(injected)');
      expect(await state()).toEqual(before);
    }
  });

  it('once done, the instance is the one after steps 1-4 and the progress says they were set by the instructor', async () => {
    await runtime.resetToStep(chapter, 4, { login: TRAINEE });
    const progress = (await t.db.progress.get(chapter.id))!.value as Progress;
    expect(progress.steps.map((s) => s.status).slice(0, 5)).toEqual(['setByInstructor', 'setByInstructor', 'setByInstructor', 'setByInstructor', 'pending']);
    expect(progress.currentStep).toBe(4);
    await agree();
    // The reset ended every session, the scratch one included.
    expect(await t.db.sessions.count()).toBe(0);
  });
});

describe('a class link (reset to the chapter start)', () => {
  it('forgets the chapter\'s progress in the reset\'s own transaction, or neither changes', async () => {
    await client.login(TRAINEE);
    const before = await state();
    expect(before.progress.length).toBeGreaterThan(0);
    // A fault inside the reset's transaction: the server's reset is all or nothing, progress included.
    await expect(
      replaceInstance(t.db, {}, { progress: { clear: [chapter.id], put: [] }, onTableWritten: (table) => {
        if (table === 'progress') throw new Error('page closed (injected)');
      } }),
    ).rejects.toThrow('(injected)');
    expect(await state()).toEqual(before);

    await runtime.resetInstance([chapter.id]);
    expect(await t.db.progress.get(chapter.id)).toBeUndefined();
    await agree();
  });
});

describe('a chapter with a start state of its own (3.01 starts before API Company Data exists)', () => {
  const apiEndPoint = chapters.find((c) => c.id === 'api-end-point')!;

  it('its chapter start resets to that start state, and forgets its progress in the same transaction', async () => {
    await client.login(TRAINEE);
    await runtime.resetInstance([apiEndPoint.id], apiEndPoint.startFixture);
    expect((await t.db.meta.get('fixture'))?.value).toBe(apiEndPoint.startFixture);
    expect((await t.db.actionflows.toArray()).some((f) => f.name === 'API Company Data')).toBe(false);
    expect(await t.db.progress.get(apiEndPoint.id)).toBeUndefined();
  });

  it('reset to step N builds on that start state: the earlier steps pass, the step itself does not yet', async () => {
    await client.login(TRAINEE); // the reset before ended every session
    await runtime.resetToStep(apiEndPoint, 3, { login: TRAINEE });
    expect((await t.db.meta.get('fixture'))?.value).toBe(apiEndPoint.startFixture);
    const progress = (await t.db.progress.get(apiEndPoint.id))!.value as Progress;
    expect(progress.steps.map((s) => s.status).slice(0, 4)).toEqual(['setByInstructor', 'setByInstructor', 'setByInstructor', 'pending']);
    const snapshot = await runtime.fullSnapshot();
    for (const step of apiEndPoint.steps.slice(0, 3)) expect(runCheck(step, snapshot), step.title).toEqual({ ok: true });
    expect(runCheck(apiEndPoint.steps[3]!, snapshot).ok).toBe(false);
  });
});
