/** Starts a lesson machine over the fake chapter with fake actors and a manual clock. */
import { createActor, fromPromise, waitFor } from 'xstate';
import type { SandboxClient } from '$client/index';
import { createLessonMachine, type RunSolutionInput, type SaveProgressInput } from '$lessons/machine';
import type { Progress } from '$lessons/progress';
import type { Chapter, ShownValue } from '$lessons/types';
import { fakeChapter, snapshotWith, type FakeInstance } from './fake-chapter';

export const START = Date.parse('2025-03-01T09:00:00.000Z');

export interface HarnessOptions {
  ids?: string[];
  kind?: Chapter['kind'];
  progress?: Progress | null;
  /** Makes the chapter from the fake instance (default: {@link fakeChapter}). */
  chapter?: (instance: FakeInstance) => Chapter;
  /** Fails the snapshot read with this message. */
  snapshotError?: () => string | null;
  saveError?: () => string | null;
}

export function startLesson(options: HarnessOptions = {}) {
  const instance: FakeInstance = { roles: new Set() };
  const chapter = options.chapter?.(instance) ?? fakeChapter(instance, options.ids, options.kind);
  const clock = { t: START };
  const saves: Progress[] = [];
  const machine = createLessonMachine(chapter, { now: () => clock.t }).provide({
    actors: {
      takeSnapshot: fromPromise(async () => {
        const error = options.snapshotError?.();
        if (error) throw new Error(error);
        return snapshotWith(...instance.roles);
      }),
      runSolution: fromPromise<void | ShownValue[], RunSolutionInput>(({ input }) => input.step.solve({ client: {} as SandboxClient })),
      saveProgress: fromPromise<void, SaveProgressInput>(async ({ input }) => {
        const error = options.saveError?.();
        if (error) throw new Error(error);
        saves.push(structuredClone(input.progress));
      }),
    },
  });
  const actor = createActor(machine, { input: { progress: options.progress ?? null } }).start();
  /** Waits until no check, solution or save is running. */
  const settle = () => waitFor(actor, (s) => s.matches({ activity: 'idle', persistence: 'idle' }));
  const context = () => actor.getSnapshot().context;
  return { instance, chapter, clock, saves, actor, settle, context };
}
