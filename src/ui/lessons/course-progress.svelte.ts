/**
 * The course's progress as the course page, the instructor tools and the report show it: read from
 * the instance database, and read again whenever the open lesson saves.
 */
import { progressReport, type ProgressReport } from '$lessons/index';
import { courseChapters } from './chapters';
import { lessons, sandbox } from '../state/sandbox.svelte';
import { lesson } from './lesson-state.svelte';

/** The progress report of every chapter now. */
export async function readCourseProgress(): Promise<ProgressReport> {
  return progressReport(courseChapters(), await lessons.listProgress());
}

/** A report that reads itself when asked, keeping the last good one and the last error. */
export class CourseProgress {
  report = $state.raw<ProgressReport | null>(null);
  error = $state<string | null>(null);

  async read(): Promise<void> {
    try {
      this.report = await readCourseProgress();
      this.error = null;
    } catch (err) {
      this.error = `The progress could not be read: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /**
   * Reads now and again whenever the open lesson has saved, or progress changed in another tab.
   * Call it while a component is being set up: the reading lasts as long as the component.
   */
  follow(): this {
    $effect(() => {
      void lesson.context?.savedRevision;
      void sandbox.changes.progress;
      void this.read();
    });
    return this;
  }
}
