import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxClient, type SandboxClient } from '$client/index';
import { takeSnapshot } from '$instance/snapshot';
import { runCheck } from '$lessons/check';
import { FastForwardError, fastForward } from '$lessons/fast-forward';
import { contextFromProgress, parseProgress } from '$lessons/progress';
import { registerChapters } from '$lessons/registry';
import type { Chapter } from '$lessons/types';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';
import { fakeChapter, snapshotWith, type FakeInstance } from './fake-chapter';

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const client = {} as SandboxClient;

function fake(kind: Chapter['kind'] = 'chapter') {
  const instance: FakeInstance = { roles: new Set() };
  const chapter = fakeChapter(instance, ['step-a', 'step-b', 'step-c', 'step-d'], kind);
  return { instance, chapter };
}

describe('fastForward on a fake chapter', () => {
  it('runs the solutions before step N in order, reporting each, and makes step N current', async () => {
    const { instance, chapter } = fake();
    const order: string[] = [];
    const seen: string[] = [];
    chapter.steps.forEach((step) => {
      const solve = step.solve;
      step.solve = async (ctx) => {
        order.push(step.id);
        await solve(ctx);
      };
    });
    const progress = await fastForward(chapter, 2, client, {
      now: () => T0,
      onProgress: ({ index, total, step }) => seen.push(`${index + 1}/${total} ${step.id}`),
    });
    expect(order).toEqual(['step-a', 'step-b']);
    expect(seen).toEqual(['1/2 step-a', '2/2 step-b']);
    expect([...instance.roles]).toEqual(['step-a', 'step-b']);
    expect(progress.currentStep).toBe(2);
    expect(progress.steps.map((s) => s.status)).toEqual(['setByInstructor', 'setByInstructor', 'pending', 'pending']);
    expect(progress.steps[0]).toEqual({
      id: 'step-a',
      status: 'setByInstructor',
      completedAt: '2025-03-01T09:00:00.000Z',
      attempts: 0,
      hintsUsed: 0,
      solutionShown: true,
    });
    expect(progress.finishedAt).toBeNull();
    expect(progress).not.toHaveProperty('score');
  });

  it('gives a record the progress module accepts and the machine resumes at step N', async () => {
    const { chapter } = fake();
    const progress = await fastForward(chapter, 3, client, { now: () => T0 });
    expect(parseProgress(structuredClone(progress), chapter.id)).toEqual(progress);
    const ctx = contextFromProgress(chapter, progress, T0);
    expect(ctx.currentStep).toBe(3);
    expect(ctx.steps.filter((s) => s.status === 'setByInstructor')).toHaveLength(3);
  });

  it('to step 1 runs nothing; to the end finishes the chapter on its last step', async () => {
    const { instance, chapter } = fake();
    const none = await fastForward(chapter, 0, client, { now: () => T0 });
    expect(instance.roles.size).toBe(0);
    expect(none.steps.every((s) => s.status === 'pending')).toBe(true);
    const all = await fastForward(chapter, 4, client, { now: () => T0 });
    expect(all.currentStep).toBe(3);
    expect(all.finishedAt).toBe('2025-03-01T09:00:00.000Z');
  });

  it('scores no points for fast-forwarded exercise tasks', async () => {
    const { chapter } = fake('exercise');
    const progress = await fastForward(chapter, 2, client, { now: () => T0 });
    expect(progress.score).toBe(0);
  });

  it('refuses a step the chapter does not have', async () => {
    const { chapter } = fake();
    await expect(fastForward(chapter, 5, client)).rejects.toThrow(RangeError);
    await expect(fastForward(chapter, -1, client)).rejects.toThrow(/steps 1 to 4/);
    await expect(fastForward(chapter, 1.5, client)).rejects.toThrow(RangeError);
  });

  it('stops at a failing solution and names the step', async () => {
    const { instance, chapter } = fake();
    chapter.steps[1]!.solve = async () => {
      throw new Error('the role editor is closed');
    };
    const error = await fastForward(chapter, 3, client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FastForwardError);
    expect((error as FastForwardError).stepIndex).toBe(1);
    expect((error as Error).message).toBe(
      'The solution of step 2 "Create role step-b" failed, so the fast-forward stopped there: the role editor is closed',
    );
    expect([...instance.roles]).toEqual(['step-a']);
  });

  it('with readSnapshot, stops when a solution leaves its step undone', async () => {
    const { instance, chapter } = fake();
    chapter.steps[0]!.solve = async () => undefined;
    const error = await fastForward(chapter, 2, client, { readSnapshot: async () => snapshotWith(...instance.roles) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FastForwardError);
    expect((error as Error).message).toMatch(/step 1 "Create role step-a" is still not done.*There is no role named step-a yet\./);
  });
});

describe('fastForward on chapter 3.02 against the simulated server', () => {
  let t: TestServer;
  let real: SandboxClient;
  let sessionId: string | null = null;

  beforeAll(async () => {
    t = await startTestServer();
    real = createSandboxClient({ origin: ORIGIN, sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
    await real.login({ login: 'trainee', password: 'Training123!' });
  });
  afterAll(() => t.close());

  it('reaches step 5 with steps 1-4 true in the instance and step 5 not yet', async () => {
    const chapters = registerChapters(import.meta.glob('../../../lessons/*/chapter.ts', { eager: true }));
    const chapter = chapters.find((c) => c.id === 'add-authentication')!;
    const snapshot = () => takeSnapshot(t.db, real.sessionId());
    const progress = await fastForward(chapter, 4, real, { readSnapshot: snapshot });
    const now = await snapshot();
    expect(chapter.steps.slice(0, 4).map((s) => runCheck(s, now).ok)).toEqual([true, true, true, true]);
    expect(runCheck(chapter.steps[4]!, now).ok).toBe(false);
    expect(now.users.some((u) => u.login === 'apiagent')).toBe(true);
    expect(progress.currentStep).toBe(4);
  });
});
