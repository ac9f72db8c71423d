/**
 * The lesson format: a chapter is data (steps with text, a check, hints and a solution), and one
 * builder (`createLessonMachine`) turns any chapter into a state machine. Chapters live in
 * `lessons/NN-slug/chapter.ts`; `validateChapter` (schema.ts) enforces the rules documented here.
 */
import type { SandboxClient } from '$client/index';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { FixtureName } from '$domain/fixtures';

/**
 * What a check says about the instance: it passes, or it fails with a `reason` (a specific
 * sentence for the learner) and an optional `focus` (the entity or control the UI highlights).
 */
export type CheckResult = { ok: true } | { ok: false; reason: string; focus?: string };

/** What a step's `solve` may use: the same client the UI uses, so the network log shows each call. */
export interface SolveContext {
  client: SandboxClient;
}

/**
 * A value a solution ("Show me") chose that the learner may need later, such as the password of a
 * user it created or a key it generated. The lesson panel shows it after "Show me"; it is never
 * saved with the progress.
 */
export interface ShownValue {
  /** What the value is, in the words of the control it went into, e.g. "Password". */
  label: string;
  value: string;
  /** A key shown once to copy (the panel offers Copy and says it is shown only now). */
  secret?: boolean;
}

/**
 * One condition of a chapter's start: the current instance can serve as the chapter's start (the
 * learner may keep going on it without a reset) only when every start check passes.
 */
export interface StartCheck {
  /** What the check asks of the instance, e.g. "API Company Data is an API end point". */
  title: string;
  /** Pure: passes when the instance meets the condition, or fails with a sentence saying what is missing. */
  check(snapshot: InstanceSnapshot): CheckResult;
}

/** One step of a chapter. */
export interface Step {
  /** Kebab-case, unique within the chapter; progress is stored by it. */
  id: string;
  /** Short title shown in the step list. */
  title: string;
  /** What the learner does, as Markdown. Exercises give a task statement here. */
  text: string;
  /** Pure: true when the instance shows the step done, or a specific reason why not. */
  check(snapshot: InstanceSnapshot): CheckResult;
  /** From general to specific; at least one. */
  hints: string[];
  /**
   * Performs the step through the client ("Show me"). Afterwards `check` must pass. Resolves to the
   * values it chose that the learner may need later (shown, never saved), or to nothing.
   */
  solve(ctx: SolveContext): Promise<void | ShownValue[]>;
  /** Points for an exercise step passed without help (default 1). Ignored for chapters. */
  points?: number;
}

/** A guided chapter walks through steps; an exercise states tasks, checks them and scores them. */
export type ChapterKind = 'chapter' | 'exercise';

/** A chapter of the course, or a self-checking exercise. */
export interface Chapter {
  /** Kebab-case, unique across the course, e.g. `add-authentication`. */
  id: string;
  /** E.g. "3.02 Add Authentication to API Calling Actionflow". */
  title: string;
  /** One or two sentences for the chapter list. */
  summary: string;
  kind: ChapterKind;
  /** Ids of chapters to finish first. */
  prerequisites: string[];
  /** The named start state the instance is reset to before the first step. */
  startFixture: FixtureName;
  /**
   * When the current instance can serve as the chapter's start instead of a reset (all pass). A
   * chapter without them always starts on its fixture.
   */
  startChecks?: StartCheck[];
  /** At least one. */
  steps: Step[];
}

/**
 * Where a step stands: not done yet, passed by the learner, passed after "Show me" ran its
 * solution, set by the instructor (a "reset to step N" ran its solution: done, never scored), or
 * skipped.
 */
export type StepStatus = 'pending' | 'passed' | 'passedWithHelp' | 'setByInstructor' | 'skipped';
