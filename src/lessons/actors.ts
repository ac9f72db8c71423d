/**
 * The lesson machine's actors (xstate promise actors), over what reads snapshots and saves progress:
 * the page gives the lesson runtime's (runtime.ts: incremental snapshots, progress through the
 * runtime), tests and tools their own. Kept apart from the runtime so that the runtime, which the
 * page loads at start-up, does not bring xstate with it: only an open chapter needs the machine.
 */
import { fromPromise } from 'xstate';
import type { SandboxClient } from '$client/index';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Progress } from './progress';
import type { ShownValue } from './types';
import type { RunSolutionInput, SaveProgressInput, TakeSnapshotInput } from './machine';

/** What the real actors need. */
export interface LessonDeps {
  /** The client solutions ("Show me") call, as the UI does. */
  client: SandboxClient;
  /** Reads the snapshot checks run on (audit entries since `since`). */
  readSnapshot(since: string | null): Promise<InstanceSnapshot>;
  /** Saves a chapter's progress. */
  saveProgress(progress: Progress): Promise<unknown>;
}

/**
 * The actors to give a lesson machine: `createLessonMachine(chapter).provide({ actors:
 * createLessonActors(deps) })`.
 */
export function createLessonActors(deps: LessonDeps) {
  return {
    takeSnapshot: fromPromise<InstanceSnapshot, TakeSnapshotInput>(({ input }) => deps.readSnapshot(input?.since ?? null)),
    runSolution: fromPromise<void | ShownValue[], RunSolutionInput>(({ input }) => input.step.solve({ client: deps.client })),
    saveProgress: fromPromise<void, SaveProgressInput>(async ({ input }) => {
      await deps.saveProgress(input.progress);
    }),
  };
}
