/**
 * `createLessonMachine(chapter)`: the one builder that turns any chapter into an XState machine.
 * Three parallel regions: `activity` (what the learner does on the current step), `completion`
 * (in progress / finished) and `persistence` (saves progress, one write at a time, newest last).
 * The machine reaches the instance only through its actors; `createLessonActors` (actors.ts) makes
 * the real ones, and tests swap them with `.provide()`.
 */
import { assign, fromPromise, setup } from 'xstate';
import type { InstanceSnapshot } from '$domain/snapshot';
import { runCheck } from './check';
import {
  allPassed,
  becameStuck,
  checkFailed,
  isOpen,
  movedTo,
  nextOpenStep,
  reachedStep,
  restarted,
  solutionShown,
  solutionValuesKept,
  stepPassed,
  stepSkipped,
  touched,
  hintRevealed,
  type LessonContext,
} from './context';
import { contextFromProgress, progressFromContext, type Progress } from './progress';
import type { Chapter, ShownValue, Step } from './types';

/** Everything the lesson panel (or the instance) tells the machine. */
export type LessonEvent =
  /** The instance changed: re-run the current step's check; a pass completes it. */
  | { type: 'instance.changed' }
  /** The "Check" button: a failure counts as an attempt and shows its reason. */
  | { type: 'step.check' }
  /** Reveal the current step's next hint. */
  | { type: 'step.hint' }
  /** "Show me": run the step's solution, then check; the step counts as done with help. */
  | { type: 'step.showMe' }
  | { type: 'step.back' }
  /** Skip the current step, which stays open (or, on a passed step, go to the next one reached). */
  | { type: 'step.skip' }
  /** Go to a step already reached (at most the first pending one). */
  | { type: 'step.goto'; index: number }
  /** Start the chapter again with nothing done. Reset the instance first. */
  | { type: 'chapter.restart' }
  /** Time passes: offers a hint once the learner is stuck long enough. Send every few seconds. */
  | { type: 'clock.tick' };

/** The machine's input: saved progress to restore, if any. */
export interface LessonInput {
  progress?: Progress | null;
}

/** Input of the `runSolution` actor. */
export interface RunSolutionInput {
  chapterId: string;
  step: Step;
}

/** Input of the `takeSnapshot` actor: where the audit window starts (the chapter's start). */
export interface TakeSnapshotInput {
  since: string;
}

/** Input of the `saveProgress` actor. */
export interface SaveProgressInput {
  progress: Progress;
}

/** Options of {@link createLessonMachine}. */
export interface LessonMachineOptions {
  /** Time source (ms since epoch) for completion times and "time stuck"; tests pass a fake one. */
  now?: () => number;
}

/** Who asked for a check: the instance changing, the "Check" button, or "Show me" finishing. */
type CheckMode = 'live' | 'explicit' | 'afterSolve';

const notProvided = (name: string) => async () => {
  throw new Error(`The lesson machine's ${name} actor was not provided; use machine.provide({ actors: createLessonActors(deps) }).`);
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Builds the lesson machine of `chapter`. Start it with `createActor(machine.provide({ actors }),
 * { input: { progress } })`; the snapshot's context is a {@link LessonContext}, `hasTag('busy')`
 * is true while an explicit check or "Show me" runs, and `matches({ completion: 'finished' })`
 * once every step is passed (with or without help; a skipped step keeps the chapter open).
 */
export function createLessonMachine(chapter: Chapter, options: LessonMachineOptions = {}) {
  if (chapter.steps.length === 0) throw new Error(`Chapter "${chapter.id}" has no steps; a lesson needs at least one.`);
  const now = options.now ?? Date.now;
  const stepOf = (ctx: LessonContext): Step => chapter.steps[ctx.currentStep] ?? chapter.steps[0]!;
  // Each check runs once per snapshot: the guard that decides and the action that records a failure
  // share the verdict (the step cannot change between them: they are one transition).
  const verdicts = new WeakMap<InstanceSnapshot, { step: Step; result: ReturnType<typeof runCheck> }>();
  const verdict = (ctx: LessonContext, snapshot: InstanceSnapshot) => {
    const step = stepOf(ctx);
    const known = verdicts.get(snapshot);
    if (known?.step === step) return known.result;
    const result = runCheck(step, snapshot);
    verdicts.set(snapshot, { step, result });
    return result;
  };
  const currentOpen = (ctx: LessonContext) => isOpen(ctx.steps[ctx.currentStep]?.status ?? 'passed');

  /** Moving between steps, allowed whenever the learner is not waiting on "Show me". */
  const navigation = {
    'step.back': { guard: 'canGoBack', target: 'arriving', actions: 'goBack' },
    'step.skip': { guard: 'canSkip', target: 'arriving', actions: 'skip' },
    'step.goto': { guard: 'canGoTo', target: 'arriving', actions: 'goTo' },
  } as const;

  /** A state that reads the instance and checks the current step: a pass completes it. */
  const checking = (mode: CheckMode) => ({
    invoke: {
      id: 'takeSnapshot',
      src: 'takeSnapshot' as const,
      // The audit window checks see: since the chapter started.
      input: ({ context }: { context: LessonContext }) => ({ since: context.startedAt }),
      onDone: [
        {
          guard: { type: 'snapshotPasses' as const, params: ({ event }: { event: { output: InstanceSnapshot } }) => ({ snapshot: event.output }) },
          target: 'arriving',
          actions: 'completeStep' as const,
        },
        {
          target: 'idle',
          actions: { type: 'checkFailed' as const, params: ({ event }: { event: { output: InstanceSnapshot } }) => ({ snapshot: event.output, mode }) },
        },
      ],
      onError: {
        target: 'idle',
        actions: { type: 'checkUnreadable' as const, params: ({ event }: { event: { error: unknown } }) => ({ error: event.error, mode }) },
      },
    },
  });

  return setup({
    types: {} as { context: LessonContext; events: LessonEvent; input: LessonInput },
    actors: {
      takeSnapshot: fromPromise<InstanceSnapshot, TakeSnapshotInput>(notProvided('takeSnapshot')),
      runSolution: fromPromise<void | ShownValue[], RunSolutionInput>(notProvided('runSolution')),
      saveProgress: fromPromise<void, SaveProgressInput>(notProvided('saveProgress')),
    },
    guards: {
      currentStepOpen: ({ context }) => currentOpen(context),
      snapshotPasses: ({ context }, params: { snapshot: InstanceSnapshot }) => verdict(context, params.snapshot).ok,
      canRevealHint: ({ context }) =>
        currentOpen(context) && (context.steps[context.currentStep]?.hintsShown ?? 0) < stepOf(context).hints.length,
      stuck: ({ context }) => becameStuck(context, now()),
      canGoBack: ({ context }) => context.currentStep > 0,
      canSkip: ({ context }) => {
        const status = context.steps[context.currentStep]?.status;
        if (status === 'pending') return true;
        if (status === 'skipped') return nextOpenStep(context.steps, context.currentStep) !== -1;
        return context.currentStep < reachedStep(context.steps);
      },
      canGoTo: ({ context, event }) =>
        event.type === 'step.goto' &&
        Number.isInteger(event.index) &&
        event.index >= 0 &&
        event.index <= reachedStep(context.steps) &&
        event.index !== context.currentStep,
      allPassed: ({ context }) => allPassed(context.steps),
      notAllPassed: ({ context }) => !allPassed(context.steps),
      hasUnsavedChanges: ({ context }) => context.revision > context.savedRevision,
    },
    actions: {
      completeStep: assign(({ context }) => stepPassed(context, chapter, now())),
      // What a failed check does depends on who asked: a live check only refreshes a reason the
      // learner already asked for and never counts; "Check" counts and shows the reason; a check
      // after "Show me" says the solution did not finish the step.
      checkFailed: assign(({ context }, params: { snapshot: InstanceSnapshot; mode: CheckMode }) => {
        const result = verdict(context, params.snapshot);
        switch (params.mode) {
          case 'live':
            return context.lastResult === null ? {} : { lastResult: result };
          case 'explicit':
            return checkFailed(context, chapter, result, now());
          case 'afterSolve':
            return { lastResult: { ok: false as const, reason: `"Show me" ran, but the step is still not done: ${result.ok ? '' : result.reason}` } };
        }
      }),
      // A live check that cannot read the instance stays quiet; the others say why nothing was checked.
      checkUnreadable: assign((_, params: { error: unknown; mode: CheckMode }) =>
        params.mode === 'live'
          ? {}
          : { lastResult: { ok: false as const, reason: `The instance could not be read, so the step was not checked: ${messageOf(params.error)}` } },
      ),
      reportSolveError: assign(({ context }, params: { error: unknown }) => ({
        lastResult: { ok: false as const, reason: `"Show me" could not finish step "${stepOf(context).title}": ${messageOf(params.error)}` },
      })),
      markSolutionShown: assign(({ context }) => touched(solutionShown(context), chapter, now())),
      keepSolutionValues: assign(({ context }, params: { output: unknown }) => solutionValuesKept(context, params.output)),
      revealHint: assign(({ context }) => hintRevealed(context, chapter, now())),
      offerHint: assign({ hintOffered: true }),
      goBack: assign(({ context }) => touched(movedTo(context, context.currentStep - 1, now()), chapter, now())),
      goTo: assign(({ context, event }) =>
        event.type === 'step.goto' ? touched(movedTo(context, event.index, now()), chapter, now()) : {},
      ),
      skip: assign(({ context }) => stepSkipped(context, chapter, now())),
      restart: assign(({ context }) => restarted(context, chapter, now())),
      markFinished: assign(({ context }) =>
        context.finishedAt === null ? touched({ ...context, finishedAt: new Date(now()).toISOString() }, chapter, now()) : {},
      ),
      startSaving: assign(({ context }) => ({ savingRevision: context.revision })),
      saved: assign(({ context }) => ({ savedRevision: context.savingRevision, saveError: null })),
      // Giving up on this revision avoids a retry loop; the next change saves everything again.
      saveFailed: assign(({ context }, params: { error: unknown }) => ({
        savedRevision: context.savingRevision,
        saveError: `Your progress could not be saved: ${messageOf(params.error)}`,
      })),
    },
  }).createMachine({
    id: 'lesson',
    type: 'parallel',
    context: ({ input }) => contextFromProgress(chapter, input?.progress, now()),
    states: {
      activity: {
        initial: 'arriving',
        on: {
          'step.hint': { guard: 'canRevealHint', actions: 'revealHint' },
          'clock.tick': { guard: 'stuck', actions: 'offerHint' },
          'chapter.restart': { target: '.arriving', actions: 'restart' },
        },
        states: {
          // Every arrival at a step checks it at once: the instance may already show it done.
          arriving: {
            always: [{ guard: 'currentStepOpen', target: 'checkingLive' }, { target: 'idle' }],
          },
          idle: {
            on: {
              'instance.changed': { guard: 'currentStepOpen', target: 'checkingLive' },
              'step.check': { guard: 'currentStepOpen', target: 'checkingExplicit' },
              'step.showMe': { guard: 'currentStepOpen', target: 'solving' },
              ...navigation,
            },
          },
          checkingLive: {
            ...checking('live'),
            on: {
              'instance.changed': { target: 'checkingLive', reenter: true },
              'step.check': { target: 'checkingExplicit' },
              'step.showMe': { target: 'solving' },
              ...navigation,
            },
          },
          checkingExplicit: {
            tags: ['busy'],
            ...checking('explicit'),
            on: {
              'instance.changed': { target: 'checkingExplicit', reenter: true },
              'step.showMe': { target: 'solving' },
              ...navigation,
            },
          },
          solving: {
            tags: ['busy'],
            invoke: {
              id: 'runSolution',
              src: 'runSolution',
              input: ({ context }) => ({ chapterId: chapter.id, step: stepOf(context) }),
              onDone: {
                target: 'checkingAfterSolve',
                actions: ['markSolutionShown', { type: 'keepSolutionValues', params: ({ event }) => ({ output: event.output }) }],
              },
              onError: {
                target: 'idle',
                actions: ['markSolutionShown', { type: 'reportSolveError', params: ({ event }) => ({ error: event.error }) }],
              },
            },
          },
          checkingAfterSolve: {
            tags: ['busy'],
            ...checking('afterSolve'),
            on: {
              'instance.changed': { target: 'checkingAfterSolve', reenter: true },
            },
          },
        },
      },
      completion: {
        initial: 'inProgress',
        states: {
          inProgress: { always: { guard: 'allPassed', target: 'finished' } },
          finished: {
            entry: 'markFinished',
            always: { guard: 'notAllPassed', target: 'inProgress' },
          },
        },
      },
      persistence: {
        initial: 'idle',
        states: {
          idle: { always: { guard: 'hasUnsavedChanges', target: 'saving', actions: 'startSaving' } },
          saving: {
            invoke: {
              id: 'saveProgress',
              src: 'saveProgress',
              input: ({ context }) => ({ progress: progressFromContext(context) }),
              onDone: { target: 'idle', actions: 'saved' },
              onError: {
                target: 'idle',
                actions: { type: 'saveFailed', params: ({ event }) => ({ error: event.error }) },
              },
            },
          },
        },
      },
    },
  });
}

/** The machine type of any chapter. */
export type LessonMachine = ReturnType<typeof createLessonMachine>;
