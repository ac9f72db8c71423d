/**
 * What the instructor tools do: reset the instance to fresh, to a chapter's start or to step N of a
 * chapter (the earlier steps' solutions run on a scratch instance first), export and import the
 * instance, export the progress report. Each reset replaces the instance and the matching progress
 * in one transaction (see LessonRuntime). The open lesson is stopped while the instance is replaced
 * and opened again afterwards, so no live check sees a half-made instance.
 */
import { FastForwardError, getChapter, type Chapter, type FastForwardProgress } from '$lessons/index';
import { startSession } from '../session/session-actions';
import { TRAINING_LOGIN } from '../session/session-start';
import { client, lessons, sandbox } from '../state/sandbox.svelte';
import { readCourseProgress } from '../lessons/course-progress.svelte';
import { stepPath } from '../lessons/course-routes';
import { afterReset, ensureSession, freshInstance } from '../lessons/instance-actions';
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
    await freshInstance('all');
  } finally {
    await lesson.reopen();
  }
}

/** A fresh instance at the start of `chapterId`, whose progress is cleared; the chapter opens. */
export async function resetToChapterStart(chapterId: string): Promise<void> {
  const chapter = chapterNamed(chapterId);
  lesson.stop();
  try {
    await freshInstance([chapter.id], chapter);
  } catch (err) {
    await lesson.reopen();
    throw err;
  }
  await openInPanel(chapter, 0);
}

export type { FastForwardProgress };

/**
 * The instance as after steps 1..N-1 of a chapter, those steps recorded as set by the instructor,
 * and the chapter open at step N (`stepNumber`, from 1). The target is built on a scratch instance
 * (the solutions run there, each checked), then replaces the instance and the chapter's progress in
 * one transaction: a page closed midway, or a solution that fails, leaves both as they were.
 */
export async function resetToStep(chapterId: string, stepNumber: number, onProgress: (p: FastForwardProgress) => void): Promise<void> {
  const chapter = chapterNamed(chapterId);
  lesson.stop();
  try {
    await ensureSession();
    await sandbox.replace(() => lessons.resetToStep(chapter, stepNumber - 1, { login: TRAINING_LOGIN, onProgress }));
    await afterReset();
  } catch (err) {
    await sandbox.refresh();
    await lesson.reopen();
    if (err instanceof FastForwardError) throw new Error(`${err.message} Your instance and progress were not changed.`);
    throw err;
  }
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
    await sandbox.replace(() => client.importInstance(text));
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
