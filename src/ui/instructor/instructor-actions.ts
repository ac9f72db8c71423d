/**
 * What the instructor tools do: reset the instance to fresh, to a chapter's start or to step N of a
 * chapter (running the earlier steps' solutions), export and import the instance, export the
 * progress report. The open lesson is stopped while the instance is replaced and opened again
 * afterwards, so no live check sees a half-made instance.
 */
import { FastForwardError, fastForward } from '$lessons/fast-forward';
import { getChapter, saveProgress, type Chapter } from '$lessons/index';
import { takeSnapshot } from '$instance/snapshot';
import { startSession } from '../session/session-actions';
import { client, sandbox } from '../state/sandbox.svelte';
import { readCourseProgress } from '../lessons/course-progress.svelte';
import { stepPath } from '../lessons/course-routes';
import { clearAllProgress, clearProgress, freshInstance } from '../lessons/instance-actions';
import { lessonDb } from '../lessons/lesson-db';
import { lesson } from '../lessons/lesson-state.svelte';
import { datedName, downloadJson } from './download';

function chapterNamed(id: string): Chapter {
  const chapter = getChapter(id);
  if (!chapter) throw new Error(`There is no chapter "${id}" in the course.`);
  return chapter;
}

/** Opens `chapter` in the lesson panel at its saved progress (and the address at its step). */
async function openInPanel(chapter: Chapter, stepIndex: number): Promise<void> {
  const step = chapter.steps[Math.min(stepIndex, chapter.steps.length - 1)]!;
  lesson.setCollapsed(false);
  location.assign(`#${stepPath(chapter.id, step.id)}`);
  await lesson.open(chapter.id, step.id);
}

/** A fresh training instance, the trainee logged in, and no chapter's progress kept. */
export async function resetToFresh(): Promise<void> {
  lesson.stop();
  try {
    await freshInstance();
    await clearAllProgress();
  } finally {
    await lesson.reopen();
  }
}

/** A fresh instance at the start of `chapterId`, whose progress is cleared; the chapter opens. */
export async function resetToChapterStart(chapterId: string): Promise<void> {
  const chapter = chapterNamed(chapterId);
  lesson.stop();
  try {
    await freshInstance(chapter);
    await clearProgress(chapter.id);
  } catch (err) {
    await lesson.reopen();
    throw err;
  }
  await openInPanel(chapter, 0);
}

/** Progress of a fast-forward: which solution runs, of how many. */
export interface FastForwardProgress {
  running: number;
  total: number;
  title: string;
}

/**
 * A fresh instance, the trainee logged in, then the solutions of steps 1..N-1 run in order; those
 * steps are saved as passed with help and the chapter opens at step N (`stepNumber`, from 1).
 */
export async function resetToStep(chapterId: string, stepNumber: number, onProgress: (p: FastForwardProgress) => void): Promise<void> {
  const chapter = chapterNamed(chapterId);
  lesson.stop();
  try {
    await freshInstance(chapter);
    await clearProgress(chapter.id);
    const progress = await fastForward(chapter, stepNumber - 1, client, {
      onProgress: ({ index, total, step }) => onProgress({ running: index + 1, total, title: step.title }),
      readSnapshot: () => takeSnapshot(lessonDb, client.sessionId()),
    });
    await saveProgress(lessonDb, chapter.id, progress);
  } catch (err) {
    await sandbox.refresh();
    await lesson.reopen();
    if (err instanceof FastForwardError) throw new Error(`${err.message} The instance was left as it got to.`);
    throw err;
  }
  await sandbox.refresh();
  await openInPanel(chapter, stepNumber - 1);
}

/**
 * Downloads the whole instance as a JSON file, with its secrets only when asked; resolves to the
 * file's own statement of what secrets it holds.
 */
export async function exportInstanceFile(secrets: boolean): Promise<string> {
  const file = await client.exportInstance({ secrets });
  downloadJson(datedName(secrets ? 'actionflow-sandbox-instance-with-secrets' : 'actionflow-sandbox-instance', new Date(file.exportedAt)), file);
  return file.secrets.notice;
}

/** The sentence the server uses for a file that is not JSON (said here: it is parsed here). */
const NOT_JSON = 'The file cannot be imported, and the instance was not changed. It is not valid JSON.';

/**
 * Replaces the instance with an exported file. The server validates it fully first: a bad file is
 * refused with its sentence and nothing changes. Lesson progress is not part of the file.
 */
export async function importInstanceFile(file: File): Promise<void> {
  // Sent as read: the server parses and checks it (writing it out again could fail on a bad file).
  const text = await file.text();
  try {
    JSON.parse(text);
  } catch (err) {
    if (!(err instanceof RangeError)) throw new Error(NOT_JSON);
  }
  lesson.stop();
  try {
    await client.importInstance(text);
    await startSession();
  } finally {
    await lesson.reopen();
  }
}

/** Downloads the progress report as JSON. */
export async function exportProgressReport(): Promise<void> {
  const report = await readCourseProgress();
  downloadJson(datedName('actionflow-sandbox-progress', new Date(report.generatedAt)), report);
}
