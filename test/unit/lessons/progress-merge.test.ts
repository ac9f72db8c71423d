/**
 * Two tabs of one instance (issue 14, item 12): progress saves merge with what is stored, so one
 * tab never erases the facts another saved (a hint taken in tab B keeps the steps tab A passed);
 * another run of the chapter (restarted, reset) wins whole. And each check runs once per change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDb } from '$instance/db';
import { createLessonMachine, type RunSolutionInput, type SaveProgressInput } from '$lessons/machine';
import { loadProgress, mergeProgress, saveProgress, type Progress, type StepProgress } from '$lessons/progress';
import { createActor, fromPromise, waitFor } from 'xstate';
import { fakeChapter, fakeStep, snapshotWith } from './fake-chapter';
import type { ShownValue } from '$lessons/types';

const T0 = '2025-03-01T09:00:00.000Z';
const at = (minute: number) => new Date(Date.parse(T0) + minute * 60_000).toISOString();
const step = (id: string, extra: Partial<StepProgress> = {}): StepProgress => ({ id, status: 'pending', completedAt: null, attempts: 0, hintsUsed: 0, solutionShown: false, ...extra });
const progress = (steps: StepProgress[], extra: Partial<Progress> = {}): Progress => ({
  chapterId: 'fake-chapter',
  currentStep: 0,
  steps,
  startedAt: T0,
  updatedAt: at(1),
  finishedAt: null,
  ...extra,
});

const dbs: InstanceDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

describe('merging progress', () => {
  it('keeps steps tab A passed when tab B, which did not know, saves a hint', async () => {
    const db = new InstanceDb(`merge-${crypto.randomUUID()}`);
    const tabB = new InstanceDb(db.name);
    dbs.push(db, tabB);
    // Both tabs opened the chapter with nothing done.
    const fresh = progress([step('step-a'), step('step-b'), step('step-c')]);
    await saveProgress(db, 'fake-chapter', fresh);
    // Tab A passes steps a and b.
    await saveProgress(db, 'fake-chapter', progress([step('step-a', { status: 'passed', completedAt: at(2) }), step('step-b', { status: 'passed', completedAt: at(3) }), step('step-c')], { currentStep: 2, updatedAt: at(3) }));
    // Tab B, still showing step a, takes a hint and saves what it knows.
    const saved = await saveProgress(tabB, 'fake-chapter', progress([step('step-a', { hintsUsed: 1 }), step('step-b'), step('step-c')], { updatedAt: at(4) }));
    expect(saved.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'pending']);
    expect(saved.steps[0]).toMatchObject({ hintsUsed: 1, completedAt: at(2) });
    expect(saved.updatedAt).toBe(at(4));
    expect(await loadProgress(db, 'fake-chapter')).toEqual(saved);
  });

  it('counts the first pass, the most attempts and hints either saw, and Show me if either ran it', () => {
    const a = progress([step('step-a', { status: 'passed', completedAt: at(5), attempts: 1 }), step('step-b', { attempts: 4, hintsUsed: 2 })]);
    const b = progress([step('step-a', { status: 'passedWithHelp', completedAt: at(3), solutionShown: true }), step('step-b', { attempts: 1, hintsUsed: 1, status: 'skipped' })], { currentStep: 1 });
    const merged = mergeProgress(a, b);
    expect(merged.steps[0]).toEqual({ id: 'step-a', status: 'passedWithHelp', completedAt: at(3), attempts: 1, hintsUsed: 0, solutionShown: true });
    expect(merged.steps[1]).toEqual({ id: 'step-b', status: 'skipped', completedAt: null, attempts: 4, hintsUsed: 2, solutionShown: false });
    expect(merged.currentStep).toBe(1);
  });

  it('lets a later run of the chapter win whole, and drops a stale tab\'s save of an earlier run', () => {
    const old = progress([step('step-a', { status: 'passed', completedAt: at(2) })]);
    const restarted = progress([step('step-a')], { startedAt: at(10), updatedAt: at(10) });
    expect(mergeProgress(old, restarted)).toBe(restarted);
    expect(mergeProgress(restarted, old)).toBe(restarted);
  });

  it('finishes the chapter when the merged steps are all passed', () => {
    const a = progress([step('step-a', { status: 'passed', completedAt: at(2) }), step('step-b')]);
    const b = progress([step('step-a'), step('step-b', { status: 'setByInstructor', completedAt: at(3) })], { updatedAt: at(3) });
    expect(mergeProgress(a, b).finishedAt).toBe(at(3));
  });
});

describe('one check per change', () => {
  it('runs the current step\'s check once for each snapshot read, pass or fail', async () => {
    const instance = { roles: new Set<string>() };
    let checks = 0;
    const counted = fakeStep('step-a', instance);
    const chapter = { ...fakeChapter(instance, ['step-a', 'step-b']), steps: [{ ...counted, check: (s: Parameters<typeof counted.check>[0]) => (checks++, counted.check(s)) }, fakeStep('step-b', instance)] };
    let reads = 0;
    const machine = createLessonMachine(chapter).provide({
      actors: {
        takeSnapshot: fromPromise(async () => (reads++, snapshotWith(...instance.roles))),
        runSolution: fromPromise<void | ShownValue[], RunSolutionInput>(async () => undefined),
        saveProgress: fromPromise<void, SaveProgressInput>(async () => undefined),
      },
    });
    const actor = createActor(machine, { input: {} }).start();
    await waitFor(actor, (s) => s.matches({ activity: 'idle' }));
    actor.send({ type: 'instance.changed' });
    await waitFor(actor, (s) => s.matches({ activity: 'idle' }));
    actor.send({ type: 'step.check' });
    await waitFor(actor, (s) => s.matches({ activity: 'idle' }) && s.context.steps[0]!.attempts === 1);
    instance.roles.add('step-a');
    actor.send({ type: 'instance.changed' });
    await waitFor(actor, (s) => s.context.steps[0]!.status === 'passed');
    // Four reads on step a (arrival, a change, Check, the passing change), then step b's arrival.
    expect(reads).toBe(5);
    expect(checks).toBe(4);
    actor.stop();
  });
});
