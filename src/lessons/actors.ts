/**
 * Lesson machine actors over a given database (tests and tools); the page uses the lesson runtime's
 * (runtime.ts), which reads snapshots incrementally.
 */
import { fromPromise } from 'xstate';
import type { SandboxClient } from '$client/index';
import type { InstanceDb } from '$instance/db';
import { takeSnapshot } from '$instance/snapshot';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { ShownValue } from './types';
import type { RunSolutionInput, SaveProgressInput, TakeSnapshotInput } from './machine';
import { saveProgress } from './progress';

/** What the real actors need. */
export interface LessonDeps {
  /** The training instance (progress is saved in its `progress` table). */
  db: InstanceDb;
  /** The client solutions ("Show me") call, as the UI does. */
  client: SandboxClient;
  /** Reads the snapshot checks run on (audit since `since`); by default whole from `db`, with the client's session. */
  readSnapshot?: (since: string | null) => Promise<InstanceSnapshot>;
}

/**
 * The actors to give a lesson machine: `createLessonMachine(chapter).provide({ actors:
 * createLessonActors(deps) })`.
 */
export function createLessonActors(deps: LessonDeps) {
  const readSnapshot = deps.readSnapshot ?? ((since: string | null) => takeSnapshot(deps.db, deps.client.sessionId(), since));
  return {
    takeSnapshot: fromPromise<InstanceSnapshot, TakeSnapshotInput>(({ input }) => readSnapshot(input?.since ?? null)),
    runSolution: fromPromise<void | ShownValue[], RunSolutionInput>(({ input }) => input.step.solve({ client: deps.client })),
    saveProgress: fromPromise<void, SaveProgressInput>(async ({ input }) => {
      await saveProgress(deps.db, input.progress.chapterId, input.progress);
    }),
  };
}
