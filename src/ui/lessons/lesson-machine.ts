/**
 * Starts an open chapter's lesson machine over the page's lesson runtime. A chunk of its own, with
 * xstate and the machine's definition: only an open chapter needs them, so a first visit (which
 * opens none) starts without them; see chapter-view.ts for when it loads.
 */
import { createActor } from 'xstate';
import { createLessonActors } from '$lessons/actors';
import type { Chapter, Progress } from '$lessons/index';
import { createLessonMachine } from '$lessons/machine';
import { client, lessons } from '../state/sandbox.svelte';

/** The machine of `chapter` at `progress` (fresh when null), made but not started. */
export default function createLessonActor(chapter: Chapter, progress: Progress | null) {
  const machine = createLessonMachine(chapter).provide({
    actors: createLessonActors({ client, readSnapshot: (since) => lessons.snapshot(since), saveProgress: (saved) => lessons.saveProgress(saved) }),
  });
  return createActor(machine, { input: { progress } });
}
