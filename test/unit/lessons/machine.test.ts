import { FIXTURE } from '$domain/fixtures';
import { describe, expect, it } from 'vitest';
import { fakeStep } from './fake-chapter';
import { START, startLesson } from './harness';
import type { Chapter } from '$lessons/types';

const iso = (t: number) => new Date(t).toISOString();

describe('createLessonMachine', () => {
  it('starts on the first step, checks it silently and saves the chapter as started', async () => {
    const { settle, context, saves } = startLesson();
    await settle();
    expect(context()).toMatchObject({ chapterId: 'fake-chapter', currentStep: 0, lastResult: null, hintOffered: false });
    expect(context().steps.map((s) => s.status)).toEqual(['pending', 'pending', 'pending']);
    expect(saves).toHaveLength(1);
    expect(saves[0]).toMatchObject({ chapterId: 'fake-chapter', currentStep: 0, startedAt: iso(START), finishedAt: null });
  });

  it('completes a step live when the instance changes, and moves on', async () => {
    const { actor, settle, context, instance, clock } = startLesson();
    await settle();
    clock.t += 30_000;
    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().steps[0]).toMatchObject({ status: 'passed', completedAt: iso(START + 30_000), attempts: 0 });
    expect(context().currentStep).toBe(1);
    expect(context().lastResult).toBeNull();
  });

  it('checks the next step on arrival, so two steps done at once both pass', async () => {
    const { actor, settle, context, instance } = startLesson();
    await settle();
    instance.roles.add('step-a').add('step-b');
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().steps.map((s) => s.status)).toEqual(['passed', 'passed', 'pending']);
    expect(context().currentStep).toBe(2);
  });

  it('gives the reason and focus of an explicit check that fails, and counts the attempt', async () => {
    const { actor, settle, context } = startLesson();
    await settle();
    actor.send({ type: 'step.check' });
    expect(actor.getSnapshot().hasTag('busy')).toBe(true);
    await settle();
    expect(context().lastResult).toEqual({ ok: false, reason: 'There is no role named step-a yet.', focus: 'role:step-a' });
    expect(context().steps[0]!.attempts).toBe(1);
  });

  it('lets a live check refresh a reason already shown without counting an attempt', async () => {
    const { actor, settle, context } = startLesson({
      chapter: (instance) => ({
        ...fakeChapterOf(instance),
        steps: [
          fakeStep('step-a', instance, {
            check: (s) =>
              s.roles.length === 0
                ? { ok: false, reason: 'No role at all.' }
                : s.roles.some((r) => r.name === 'step-a')
                  ? { ok: true }
                  : { ok: false, reason: 'A role, but not step-a.' },
          }),
        ],
      }),
    });
    await settle();
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().lastResult).toBeNull();
    actor.send({ type: 'step.check' });
    await settle();
    expect(context().lastResult).toEqual({ ok: false, reason: 'No role at all.' });
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().lastResult).toEqual({ ok: false, reason: 'No role at all.' });
    expect(context().steps[0]!.attempts).toBe(1);
  });

  it('passes a step on an explicit check when it is done', async () => {
    const { actor, settle, context, instance } = startLesson();
    await settle();
    instance.roles.add('step-a');
    actor.send({ type: 'step.check' });
    await settle();
    expect(context().steps[0]!.status).toBe('passed');
    expect(context().currentStep).toBe(1);
  });

  it('offers a hint after three failed checks on a step', async () => {
    const { actor, settle, context } = startLesson();
    await settle();
    for (const expected of [false, false, true]) {
      actor.send({ type: 'step.check' });
      await settle();
      expect(context().hintOffered).toBe(expected);
    }
  });

  it('offers a hint after 120 s on a step, by the injected clock', async () => {
    const { actor, settle, context, clock, instance } = startLesson();
    await settle();
    clock.t += 119_000;
    actor.send({ type: 'clock.tick' });
    expect(context().hintOffered).toBe(false);
    clock.t += 1_000;
    actor.send({ type: 'clock.tick' });
    expect(context().hintOffered).toBe(true);

    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context()).toMatchObject({ currentStep: 1, hintOffered: false, stepEnteredAt: clock.t });
  });

  it('reveals hints one by one, never more than the step has, and saves how many', async () => {
    const { actor, settle, context, saves } = startLesson();
    await settle();
    actor.send({ type: 'step.hint' });
    actor.send({ type: 'step.hint' });
    actor.send({ type: 'step.hint' });
    await settle();
    expect(context().steps[0]!.hintsShown).toBe(2);
    expect(saves.at(-1)!.steps[0]!.hintsUsed).toBe(2);
  });

  it('"Show me" runs the solution, checks, and marks the step passed with help', async () => {
    const { actor, settle, context, instance } = startLesson();
    await settle();
    actor.send({ type: 'step.showMe' });
    expect(actor.getSnapshot().matches({ activity: 'solving' })).toBe(true);
    await settle();
    expect(instance.roles.has('step-a')).toBe(true);
    expect(context().steps[0]).toMatchObject({ status: 'passedWithHelp', solutionShown: true });
    expect(context().currentStep).toBe(1);
  });

  it('keeps the values a solution chose to show, across the move to the next step, never in the saved progress', async () => {
    const { actor, settle, context, saves } = startLesson({
      chapter: (inst) => ({
        ...fakeChapterOf(inst),
        steps: [
          fakeStep('step-a', inst, {
            solve: async () => {
              inst.roles.add('step-a');
              return [
                { label: 'Password', value: 'Reporting123!' },
                { label: 'API key', value: 'a.b.c', secret: true },
                { label: '', value: 'a value without a label is not shown' },
              ];
            },
          }),
          fakeStep('step-b', inst),
          fakeStep('step-c', inst),
        ],
      }),
    });
    await settle();
    actor.send({ type: 'step.showMe' });
    await settle();
    expect(context().currentStep).toBe(1);
    expect(context().lastSolution).toEqual({
      stepIndex: 0,
      values: [
        { label: 'Password', value: 'Reporting123!' },
        { label: 'API key', value: 'a.b.c', secret: true },
      ],
    });
    expect(JSON.stringify(saves)).not.toContain('Reporting123!');
    // The next "Show me", choosing nothing to show, replaces them.
    actor.send({ type: 'step.showMe' });
    await settle();
    expect(context().lastSolution).toBeNull();
  });

  it('reports a solution that fails, and counts a later pass as with help', async () => {
    const { actor, settle, context, instance } = startLesson({
      chapter: (inst) => ({
        ...fakeChapterOf(inst),
        steps: [
          fakeStep('step-a', inst, {
            solve: async () => {
              throw new Error('The server refused the role.');
            },
          }),
          fakeStep('step-b', inst),
        ],
      }),
    });
    await settle();
    actor.send({ type: 'step.showMe' });
    await settle();
    expect(context().lastResult).toEqual({
      ok: false,
      reason: '"Show me" could not finish step "Create role step-a": The server refused the role.',
    });
    expect(context().steps[0]).toMatchObject({ status: 'pending', solutionShown: true });
    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().steps[0]!.status).toBe('passedWithHelp');
  });

  it('says so when a solution runs but the check still fails', async () => {
    const { actor, settle, context } = startLesson({
      chapter: (inst) => ({ ...fakeChapterOf(inst), steps: [fakeStep('step-a', inst, { solve: async () => {} })] }),
    });
    await settle();
    actor.send({ type: 'step.showMe' });
    await settle();
    expect(context().lastResult).toEqual({
      ok: false,
      reason: '"Show me" ran, but the step is still not done: There is no role named step-a yet.',
    });
  });

  it('turns a check that throws into a failure naming the step', async () => {
    const { actor, settle, context } = startLesson({
      chapter: (inst) => ({
        ...fakeChapterOf(inst),
        steps: [
          fakeStep('step-a', inst, {
            check: () => {
              throw new TypeError("Cannot read properties of undefined (reading 'name')");
            },
          }),
        ],
      }),
    });
    await settle();
    actor.send({ type: 'step.check' });
    await settle();
    expect(context().lastResult).toEqual({
      ok: false,
      reason: `The check of step "Create role step-a" could not run: Cannot read properties of undefined (reading 'name')`,
    });
  });

  it('does not count an attempt when the instance cannot be read', async () => {
    let error: string | null = null;
    const { actor, settle, context } = startLesson({ snapshotError: () => error });
    await settle();
    error = 'IndexedDB is closed.';
    actor.send({ type: 'step.check' });
    await settle();
    expect(context().lastResult).toEqual({
      ok: false,
      reason: 'The instance could not be read, so the step was not checked: IndexedDB is closed.',
    });
    expect(context().steps[0]!.attempts).toBe(0);
  });

  it('skips, goes back and goes to reached steps only', async () => {
    const { actor, settle, context, instance } = startLesson();
    await settle();
    actor.send({ type: 'step.goto', index: 1 });
    expect(context().currentStep).toBe(0);
    actor.send({ type: 'step.skip' });
    await settle();
    expect(context().steps[0]!.status).toBe('skipped');
    expect(context().currentStep).toBe(1);
    actor.send({ type: 'step.goto', index: 2 });
    expect(context().currentStep).toBe(1);
    actor.send({ type: 'step.back' });
    await settle();
    expect(context().currentStep).toBe(0);
    actor.send({ type: 'step.back' });
    expect(context().currentStep).toBe(0);

    // A skipped step can still be done later; the learner then goes on to the first pending step.
    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().steps[0]!.status).toBe('passed');
    expect(context().currentStep).toBe(1);

    actor.send({ type: 'step.goto', index: 0 });
    await settle();
    expect(context().currentStep).toBe(0);
    // On a done step, "skip" only goes on, and the step stays passed.
    actor.send({ type: 'step.skip' });
    await settle();
    expect(context().currentStep).toBe(1);
    expect(context().steps[0]!.status).toBe('passed');
  });

  it('does not check a done step shown again', async () => {
    const { actor, settle, context, instance } = startLesson();
    await settle();
    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await settle();
    actor.send({ type: 'step.back' });
    await settle();
    actor.send({ type: 'instance.changed' });
    actor.send({ type: 'step.check' });
    actor.send({ type: 'step.hint' });
    expect(actor.getSnapshot().matches({ activity: 'idle' })).toBe(true);
    expect(context().steps[0]).toMatchObject({ status: 'passed', attempts: 0, hintsShown: 0 });
  });

  it('finishes only when every step is passed: a skipped step stays open until it is done, then restarts from nothing', async () => {
    const { actor, settle, context, instance, clock, saves } = startLesson();
    await settle();
    actor.send({ type: 'step.skip' });
    instance.roles.add('step-b').add('step-c');
    clock.t += 60_000;
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().steps.map((s) => s.status)).toEqual(['skipped', 'passed', 'passed']);
    expect(actor.getSnapshot().matches({ completion: 'inProgress' })).toBe(true);
    expect(context().finishedAt).toBeNull();
    // With nothing pending left, the panel goes back to the skipped step.
    expect(context().currentStep).toBe(0);
    // Skip has nowhere else to go: the skipped step is the only open one.
    expect(actor.getSnapshot().can({ type: 'step.skip' })).toBe(false);

    instance.roles.add('step-a');
    clock.t += 60_000;
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(context().steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed']);
    expect(actor.getSnapshot().matches({ completion: 'finished' })).toBe(true);
    expect(context().finishedAt).toBe(iso(START + 120_000));
    expect(saves.at(-1)!.finishedAt).toBe(iso(START + 120_000));

    instance.roles.clear();
    clock.t += 60_000;
    actor.send({ type: 'chapter.restart' });
    await settle();
    expect(actor.getSnapshot().matches({ completion: 'inProgress' })).toBe(true);
    expect(context()).toMatchObject({ currentStep: 0, finishedAt: null, startedAt: iso(START + 180_000), lastResult: null });
    expect(context().steps.every((s) => s.status === 'pending' && s.attempts === 0)).toBe(true);
  });

  it('skips from one skipped step to the next when nothing is pending', async () => {
    const { actor, settle, context } = startLesson();
    await settle();
    for (let i = 0; i < 3; i++) {
      actor.send({ type: 'step.skip' });
      await settle();
    }
    expect(context().steps.map((s) => s.status)).toEqual(['skipped', 'skipped', 'skipped']);
    expect(actor.getSnapshot().matches({ completion: 'inProgress' })).toBe(true);
    // Skipping the last step goes round to the first open one, and on from there.
    expect(context().currentStep).toBe(0);
    actor.send({ type: 'step.skip' });
    await settle();
    expect(context().currentStep).toBe(1);
  });

  it('scores an exercise: points of steps passed without help', async () => {
    const { actor, settle, context, instance } = startLesson({ kind: 'exercise' });
    await settle();
    expect(context()).toMatchObject({ score: 0, maxScore: 6 });
    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await settle();
    actor.send({ type: 'step.showMe' });
    await settle();
    instance.roles.add('step-c');
    actor.send({ type: 'instance.changed' });
    await settle();
    expect(actor.getSnapshot().matches({ completion: 'finished' })).toBe(true);
    expect(context().steps.map((s) => s.status)).toEqual(['passed', 'passedWithHelp', 'passed']);
    expect(context()).toMatchObject({ score: 1 + 3, maxScore: 6 });
  });

  it('has no score for a guided chapter', async () => {
    const { settle, context } = startLesson();
    await settle();
    expect(context()).toMatchObject({ score: null, maxScore: null });
  });

  it('restores from saved progress without saving again until something changes', async () => {
    const { settle, context, saves, actor } = startLesson({
      progress: {
        chapterId: 'fake-chapter',
        currentStep: 1,
        steps: [
          { id: 'step-a', status: 'passed', completedAt: iso(START), attempts: 1, hintsUsed: 1, solutionShown: false },
          { id: 'step-b', status: 'pending', completedAt: null, attempts: 3, hintsUsed: 0, solutionShown: false },
        ],
        startedAt: iso(START - 600_000),
        updatedAt: iso(START - 1_000),
        finishedAt: null,
      },
    });
    await settle();
    expect(context()).toMatchObject({ currentStep: 1, hintOffered: true, startedAt: iso(START - 600_000) });
    expect(context().steps.map((s) => s.status)).toEqual(['passed', 'pending', 'pending']);
    expect(context().steps[0]).toMatchObject({ attempts: 1, hintsShown: 1 });
    expect(saves).toHaveLength(0);
    actor.send({ type: 'step.hint' });
    await settle();
    expect(saves).toHaveLength(1);
  });

  it('reports a failed save, and saves everything with the next change', async () => {
    let error: string | null = 'QuotaExceededError';
    const { actor, settle, context, saves } = startLesson({ saveError: () => error });
    await settle();
    expect(context().saveError).toBe('Your progress could not be saved: QuotaExceededError');
    error = null;
    actor.send({ type: 'step.hint' });
    await settle();
    expect(context().saveError).toBeNull();
    expect(saves).toHaveLength(1);
    expect(saves[0]!.steps[0]!.hintsUsed).toBe(1);
  });

  it('saves one write at a time, the newest last', async () => {
    const { actor, settle, context, saves } = startLesson();
    actor.send({ type: 'step.hint' });
    actor.send({ type: 'step.skip' });
    actor.send({ type: 'step.hint' });
    await settle();
    expect(saves.at(-1)).toEqual({
      chapterId: 'fake-chapter',
      currentStep: context().currentStep,
      steps: context().steps.map(({ hintsShown, ...s }) => ({ ...s, hintsUsed: hintsShown })),
      startedAt: context().startedAt,
      updatedAt: context().updatedAt,
      finishedAt: null,
    });
    expect(context().savedRevision).toBe(context().revision);
  });

  it('refuses a chapter without steps', async () => {
    const { createLessonMachine } = await import('$lessons/machine');
    expect(() => createLessonMachine({ ...fakeChapterOf({ roles: new Set() }), steps: [] })).toThrow(
      'Chapter "fake-chapter" has no steps; a lesson needs at least one.',
    );
  });
});

function fakeChapterOf(instance: { roles: Set<string> }): Chapter {
  return {
    id: 'fake-chapter',
    title: 'A fake chapter',
    summary: 'Steps that each create one role.',
    kind: 'chapter',
    prerequisites: [],
    startFixture: FIXTURE.trainingInstance,
    steps: [fakeStep('step-a', instance)],
  };
}
