/**
 * The chapter open in the lesson panel: its lesson machine (an XState actor with the lesson
 * runtime's actors), the machine's latest snapshot as reactive state, live checks on every change
 * the change feed reports (this tab's or another's), the chapter's progress followed when another
 * tab saves it, the
 * "time passes" tick, and the sentences announced to screen readers when a step passes. Which
 * chapter is open, and whether the panel is collapsed, survive a reload (localStorage); the
 * progress itself is saved by the machine in the instance database.
 */
import type { Actor, SnapshotFrom } from 'xstate';
import { allPassed, isPassed, nextOpenStep, reachedStep } from '$lessons/context';
import {
  CHECKED_TABLES,
  getChapter,
  idsOf,
  touches,
  type Chapter,
  type LessonEvent,
  type LessonMachine,
  type Progress,
  type StepStatus,
} from '$lessons/index';
import { lessons } from '../state/sandbox.svelte';
import { OPEN_CHAPTER_KEY, lessonMachine, preloadChapterView, rememberedChapter } from './chapter-view';
import { loadChapters } from './course-view';
import { codeNotLoaded } from '../workspace/lazy-views';
import { stepChangeSentence } from './step-status';

export type LessonSnapshot = SnapshotFrom<LessonMachine>;

const COLLAPSED_KEY = 'actionflow-sandbox.lesson.collapsed';
/** Changes of one task become one live check (a save is one transaction, so one change already). */
const LIVE_CHECK_DELAY_MS = 0;
const TICK_MS = 5_000;

function stored(key: string): string | null {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) globalThis.localStorage?.removeItem(key);
    else globalThis.localStorage?.setItem(key, value);
  } catch {
    // Blocked storage only means the panel forgets this after a reload.
  }
}

class LessonState {
  /** The chapter open in the panel, or null. */
  chapter = $state.raw<Chapter | null>(null);
  /** The lesson machine's latest snapshot; null while the chapter is being opened. */
  snapshot = $state.raw<LessonSnapshot | null>(null);
  /** Why the chapter could not be opened (or the course loaded), as a sentence. */
  error = $state<string | null>(null);
  /** The latest sentence for screen readers (a step passed, the chapter finished). */
  announcement = $state('');
  collapsed = $state(stored(COLLAPSED_KEY) === '1');

  #actor: Actor<LessonMachine> | null = null;
  #cleanups: (() => void)[] = [];
  #opening = 0;

  /** The machine's context, when a chapter is open. */
  get context() {
    return this.snapshot?.context ?? null;
  }

  /** An explicit check or "Show me" is running. */
  get busy(): boolean {
    return this.snapshot?.hasTag('busy') ?? false;
  }

  /** "Show me" is running the step's solution (or checking after it). */
  get solving(): boolean {
    const s = this.snapshot;
    return !!s && (s.matches({ activity: 'solving' }) || s.matches({ activity: 'checkingAfterSolve' }));
  }

  setCollapsed(value: boolean): void {
    this.collapsed = value;
    store(COLLAPSED_KEY, value ? '1' : null);
  }

  /** The error shown because the chapters' code did not arrive: gone once it has arrived. */
  #codeMissing: string | null = null;

  /** The chapters' code has arrived: a sentence still saying it did not is no longer true. */
  #codeArrived(): void {
    if (this.#codeMissing !== null && this.error === this.#codeMissing) this.error = null;
    this.#codeMissing = null;
  }

  /**
   * Loads the course's chapters (once; see course-view.ts); resolves false, with the reason shown,
   * when they could not be had: their code did not load, or a chapter file is broken.
   */
  async loadCourse(): Promise<boolean> {
    let loadError: string | null;
    try {
      loadError = (await loadChapters()).chapterLoadError;
      this.#codeArrived();
    } catch (err) {
      loadError = `The course could not be loaded: ${codeNotLoaded(err)}. Check the connection, then try again.`;
      this.#codeMissing = loadError;
    }
    if (loadError) this.error = loadError;
    return loadError === null;
  }

  /** Loads the chapters in the background (and once a course page showed them): a broken chapter
   * file is shown at once, as the course page shows it; a download that failed is left to the next
   * chapter opened, which tries again. */
  async preloadCourse(): Promise<void> {
    const loaded = await loadChapters().catch(() => null);
    if (!loaded) return;
    this.#codeArrived();
    if (loaded.chapterLoadError) this.error = loaded.chapterLoadError;
  }

  /** Opens the chapter remembered from the last visit, if any and none is open. */
  async restore(): Promise<void> {
    const id = rememberedChapter();
    if (!id || this.chapter || !(await this.loadCourse())) return;
    if (!this.chapter && getChapter(id)) await this.open(id);
  }

  /**
   * Opens `chapterId` at its saved progress; with `stepId`, at that step if reached (otherwise at
   * the furthest step reached). Opening the chapter already open only moves to the step.
   */
  async open(chapterId: string, stepId?: string): Promise<void> {
    const alreadyOpen = () => {
      if (!this.#actor || this.chapter?.id !== chapterId) return false;
      this.error = null;
      if (stepId !== undefined) this.goToStep(stepId);
      return true;
    };
    if (alreadyOpen()) return;
    // The chapter's progress is read, and its view and machine load, while the chapters load.
    preloadChapterView();
    const progressRead = lessons.loadProgress(chapterId).then(
      (progress) => ({ progress, error: null }),
      (err: unknown) => ({ progress: null, error: `${err instanceof Error ? err.message : String(err)} The chapter starts again from its first step.` }),
    );
    if (!(await this.loadCourse()) || alreadyOpen()) return;
    const chapter = getChapter(chapterId);
    if (!chapter) {
      // The chapter already open (if any) stays open.
      this.error = `There is no chapter "${chapterId}" in the course; choose one on the Course page.`;
      return;
    }
    const ticket = ++this.#opening;
    this.#halt();
    this.chapter = chapter;
    this.error = null;
    store(OPEN_CHAPTER_KEY, chapter.id);
    const { progress, error } = await progressRead;
    if (ticket !== this.#opening) return;
    if (error) this.error = error;
    let createLessonActor: Awaited<ReturnType<typeof lessonMachine>>;
    try {
      createLessonActor = await lessonMachine();
    } catch (err) {
      if (ticket !== this.#opening) return;
      this.chapter = null;
      this.error = `The chapter could not be opened: ${codeNotLoaded(err)}. Check the connection, then open it again.`;
      return;
    }
    if (ticket !== this.#opening) return;
    this.#start(createLessonActor(chapter, progress), chapter);
    if (stepId !== undefined) this.goToStep(stepId);
  }

  /** Opens the chapter again from its saved progress (after an instructor changed it). */
  async reopen(): Promise<void> {
    const id = this.chapter?.id;
    if (!id) return;
    this.stop();
    await this.open(id);
  }

  /**
   * Stops the machine (checks, ticks, saving) but keeps the chapter; `reopen` starts it again. An
   * opening still reading progress is abandoned too.
   */
  stop(): void {
    this.#opening++;
    this.#halt();
  }

  send(event: LessonEvent): void {
    this.#actor?.send(event);
  }

  /** Goes to the step with this id if reached; otherwise to the furthest step reached. */
  goToStep(stepId: string): void {
    const ctx = this.context;
    const chapter = this.chapter;
    if (!ctx || !chapter) return;
    const index = chapter.steps.findIndex((s) => s.id === stepId);
    const reached = reachedStep(ctx.steps);
    const target = index === -1 || index > reached ? reached : index;
    if (target !== ctx.currentStep) this.send({ type: 'step.goto', index: target });
  }

  /** Says `text` through the panel's live region (cleared first, so a repeat is heard). */
  announce(text: string): void {
    this.announcement = '';
    queueMicrotask(() => (this.announcement = text));
  }

  /**
   * Opens the chapter again from the progress stored now (another tab changed it), staying on this
   * tab's step. Not while "Show me" or a check runs here, or a save is due: that save merges, and
   * its news brings this back.
   */
  #follow(): void {
    const ctx = this.context;
    const chapter = this.chapter;
    if (!ctx || !chapter || this.busy || ctx.revision > ctx.savedRevision) return;
    const stepId = chapter.steps[ctx.currentStep]?.id;
    const wasPassed = isPassed(ctx.steps[ctx.currentStep]?.status ?? 'pending');
    this.stop();
    void this.open(chapter.id, stepId).then(() => {
      // The other tab passed the step this tab was on, before this tab's own check did: move on,
      // as a pass here would have (a step passed already, gone back to, is kept).
      const now = this.context;
      if (wasPassed || !now || this.chapter?.id !== chapter.id || !isPassed(now.steps[now.currentStep]?.status ?? 'pending')) return;
      const next = nextOpenStep(now.steps, now.currentStep);
      if (next !== -1 && next !== now.currentStep) this.send({ type: 'step.goto', index: next });
    });
  }

  #halt(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.#actor?.stop();
    this.#actor = null;
    this.snapshot = null;
  }

  #start(actor: Actor<LessonMachine>, chapter: Chapter): void {
    this.#actor = actor;
    const subscription = actor.subscribe({
      next: (next) => {
        const before = this.snapshot?.context;
        this.snapshot = next;
        if (before) this.#announceChanges(chapter, before.steps.map((s) => s.status), next);
      },
      error: (err) => {
        this.error = `The lesson stopped: ${err instanceof Error ? err.message : String(err)} Reload the page to go on.`;
      },
    });
    let queued: ReturnType<typeof setTimeout> | null = null;
    let following: Promise<void> | null = null;
    const stopListening = lessons.onChange((change) => {
      // Another tab saved this chapter's progress (or merged with this tab's): show what it knows.
      const progressIds = idsOf(change, 'progress');
      if (change.kind !== 'session' && !following && (progressIds === 'all' || progressIds.includes(chapter.id))) {
        following = lessons.progressChangedElsewhere(chapter.id).then((elsewhere) => {
          following = null;
          if (elsewhere && this.#actor === actor) this.#follow();
        });
      }
      // Only what checks read counts (see CHECKED_TABLES).
      if (queued || !CHECKED_TABLES.some((table) => touches(change, table))) return;
      queued = setTimeout(() => {
        queued = null;
        actor.send({ type: 'instance.changed' });
      }, LIVE_CHECK_DELAY_MS);
    });
    const ticking = setInterval(() => actor.send({ type: 'clock.tick' }), TICK_MS);
    this.#cleanups.push(
      () => subscription.unsubscribe(),
      stopListening,
      () => clearInterval(ticking),
      () => {
        if (queued) clearTimeout(queued);
      },
    );
    actor.start();
    this.snapshot = actor.getSnapshot();
  }

  #announceChanges(chapter: Chapter, before: StepStatus[], next: LessonSnapshot): void {
    const sentences: string[] = [];
    next.context.steps.forEach((step, i) => {
      const sentence = stepChangeSentence(chapter, i, before[i], step.status);
      if (sentence) sentences.push(sentence);
    });
    const wasDone = allPassed(before.map((status) => ({ status })));
    if (!wasDone && allPassed(next.context.steps)) {
      sentences.push(chapter.kind === 'exercise' ? 'Every task is done.' : 'Chapter finished: every step is done.');
    }
    if (sentences.length > 0) this.announce(sentences.join(' '));
  }
}

/** The lesson panel's state: one open chapter at a time. */
export const lesson = new LessonState();
