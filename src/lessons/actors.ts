/** The real actors of the lesson machine: they read the instance, run solutions and save progress. */
import { fromPromise } from 'xstate';
import type { SandboxClient } from '$client/index';
import type { InstanceDb } from '$instance/db';
import { takeSnapshot } from '$instance/snapshot';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { ShownValue } from './types';
import type { RunSolutionInput, SaveProgressInput } from './machine';
import { saveProgress } from './progress';

/** What the real actors need. */
export interface LessonDeps {
  /** The training instance (progress is saved in its `progress` table). */
  db: InstanceDb;
  /** The client solutions ("Show me") call, as the UI does. */
  client: SandboxClient;
  /** Reads the snapshot checks run on; by default from `db`, with the client's session. */
  readSnapshot?: () => Promise<InstanceSnapshot>;
}

/**
 * The actors to give a lesson machine: `createLessonMachine(chapter).provide({ actors:
 * createLessonActors(deps) })`.
 */
export function createLessonActors(deps: LessonDeps) {
  const readSnapshot = deps.readSnapshot ?? (() => takeSnapshot(deps.db, deps.client.sessionId()));
  return {
    takeSnapshot: fromPromise<InstanceSnapshot>(() => readSnapshot()),
    runSolution: fromPromise<void | ShownValue[], RunSolutionInput>(({ input }) => input.step.solve({ client: deps.client })),
    saveProgress: fromPromise<void, SaveProgressInput>(({ input }) =>
      saveProgress(deps.db, input.progress.chapterId, input.progress),
    ),
  };
}
