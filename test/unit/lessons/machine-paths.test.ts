/**
 * Paths through the lesson machine, generated rather than hand-walked. From any snapshot, the
 * events to try are those its own transitions accept (`getNextTransitions`), including the done and
 * error events of the actors it has running, each with sample payloads. A breadth-first search
 * tries every such path up to a length; fast-check then tries long random ones. Invariants are
 * asserted on every snapshot reached and on every step between two.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor, getNextTransitions, type AnyActorScope, type EventFromLogic, type SnapshotFrom } from 'xstate';
import { allPassed, reachedStep } from '$lessons/context';
import { createLessonMachine, type LessonMachine } from '$lessons/machine';
import type { Chapter } from '$lessons/types';
import { fakeChapter, fakeStep, snapshotWith } from './fake-chapter';

type Snapshot = SnapshotFrom<LessonMachine>;
type Event = EventFromLogic<LessonMachine>;

const ALL_DONE = snapshotWith('step-a', 'step-b', 'step-c');
const NOTHING_DONE = snapshotWith();
// Step c's check throws on this one, so the broken-check path is walked too.
const BREAKS_CHECK = snapshotWith('boom');

/** Concrete events for an event type a snapshot accepts. */
function samples(type: string, n: number): Event[] {
  const e = (event: { type: string; [k: string]: unknown }) => event as Event;
  switch (type) {
    case 'step.goto':
      return [-1, 0, 1, n - 1, n, 1.5].map((index) => e({ type, index }));
    case 'xstate.done.actor.takeSnapshot':
      return [ALL_DONE, NOTHING_DONE, BREAKS_CHECK].map((output) => e({ type, output }));
    case 'xstate.done.actor.runSolution':
    case 'xstate.done.actor.saveProgress':
      return [e({ type, output: undefined })];
    case 'xstate.error.actor.takeSnapshot':
    case 'xstate.error.actor.runSolution':
    case 'xstate.error.actor.saveProgress':
      return [e({ type, error: new Error('It failed.') })];
    case 'instance.changed':
    case 'step.check':
    case 'step.hint':
    case 'step.showMe':
    case 'step.back':
    case 'step.skip':
    case 'chapter.restart':
    case 'clock.tick':
      return [e({ type })];
    default:
      throw new Error(`The path generator has no sample for event "${type}"; add one.`);
  }
}

const label = (event: Event) => ('index' in event ? `${event.type}(${event.index})` : event.type);

/** The machine as a pure function, plus a clock the walks move on. */
function model(chapter: Chapter) {
  const clock = { t: Date.parse('2025-03-01T09:00:00.000Z') };
  const machine = createLessonMachine(chapter, { now: () => clock.t });
  // What xstate's transition() builds on every call (an actor scope that runs no action), built
  // once: transition() creates a whole actor per call, ten times the cost of the step itself.
  const self = createActor(machine, { input: {} });
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    logger: () => {},
    defer: () => {},
    emit: () => {},
    system: self.system,
    stopChild: () => {},
    actionExecutor: () => {},
  };
  return {
    clock,
    initial: () => machine.getInitialSnapshot(scope, {}) as Snapshot,
    next: (s: Snapshot, event: Event) => machine.transition(s, event, scope) as Snapshot,
    eventsFor: (s: Snapshot) =>
      [...new Set(getNextTransitions(s).map((tr) => tr.eventType))]
        .filter((type) => type !== '')
        .flatMap((type) => samples(type, chapter.steps.length)),
  };
}

/** Identity of a snapshot for the search: times, revisions, wording and saving left out. */
function keyOf(s: Snapshot): string {
  const c = s.context;
  const { activity, completion } = s.value as Record<string, string>;
  return JSON.stringify([
    activity,
    completion,
    c.currentStep,
    c.steps.map((st) => [st.status, Math.min(st.attempts, 3), st.hintsShown, st.solutionShown]),
    c.lastResult === null ? null : c.lastResult.ok,
    c.hintOffered,
  ]);
}

/** What must hold of every snapshot, and of every step from `before` to `after`; [] when all do. */
function violations(chapter: Chapter, before: Snapshot | null, event: Event | null, after: Snapshot): string[] {
  const c = after.context;
  const n = chapter.steps.length;
  const found: string[] = [];
  const must = (holds: boolean, what: string) => holds || found.push(what);
  const { activity } = after.value as Record<string, string>;
  must(after.status === 'active', 'the machine stays active');
  must(Number.isInteger(c.currentStep) && c.currentStep >= 0 && c.currentStep < n, 'the current step is a step');
  must(c.currentStep <= reachedStep(c.steps), 'the current step is at most the first pending one');
  must(after.matches({ completion: 'finished' }) === allPassed(c.steps), 'finished iff every step is passed (a skipped one keeps it open)');
  must((c.finishedAt !== null) === allPassed(c.steps), 'finishedAt is set iff finished');
  must(activity === 'idle' || ['pending', 'skipped'].includes(c.steps[c.currentStep]!.status), 'only an open step is checked or solved');
  must(c.savedRevision <= c.revision, 'nothing is saved before it happens');
  c.steps.forEach((s, i) => {
    must(s.id === chapter.steps[i]!.id, `steps[${i}] keeps its id`);
    must(s.hintsShown <= chapter.steps[i]!.hints.length, `steps[${i}] shows no more hints than it has`);
    must(s.status !== 'passedWithHelp' || s.solutionShown, `steps[${i}] is passed with help only after "Show me"`);
    must((s.completedAt !== null) === (s.status === 'passed' || s.status === 'passedWithHelp'), `steps[${i}] has a time iff passed`);
  });
  const points = chapter.steps.reduce((sum, s, i) => sum + (c.steps[i]!.status === 'passed' ? (s.points ?? 1) : 0), 0);
  must(c.score === (chapter.kind === 'exercise' ? points : null), 'the score is the points of steps passed without help');
  if (before && event?.type !== 'chapter.restart') {
    before.context.steps.forEach((was, i) => {
      const is = c.steps[i]!;
      // Nothing done is ever undone, except by a restart; a skipped step may still be passed.
      if (was.status === 'passed' || was.status === 'passedWithHelp') must(is.status === was.status, `steps[${i}] stays ${was.status}`);
      if (was.status === 'skipped') must(is.status !== 'pending', `steps[${i}] does not become pending again`);
      must(is.attempts >= was.attempts && is.hintsShown >= was.hintsShown, `steps[${i}] counts never go down`);
    });
  }
  return found;
}

/** Every path up to `maxLength` events (one per distinct snapshot), with the problems it finds. */
function breadthFirst(chapter: Chapter, maxLength: number) {
  const m = model(chapter);
  const initial = m.initial();
  const problems = violations(chapter, null, null, initial).map((v) => `at start: ${v}`);
  const reached = new Map<string, { snapshot: Snapshot; path: string[] }>([[keyOf(initial), { snapshot: initial, path: [] }]]);
  let frontier = [...reached.values()];
  let edges = 0;
  for (let length = 1; length <= maxLength && frontier.length > 0; length++) {
    // A minute per event, so two ticks make a learner "stuck".
    m.clock.t += 61_000;
    const next: typeof frontier = [];
    for (const { snapshot: before, path } of frontier) {
      for (const event of m.eventsFor(before)) {
        const after = m.next(before, event);
        edges++;
        const where = [...path, label(event)];
        for (const v of violations(chapter, before, event, after)) problems.push(`${where.join(' → ')}: ${v}`);
        const key = keyOf(after);
        if (reached.has(key)) continue;
        const entry = { snapshot: after, path: where };
        reached.set(key, entry);
        next.push(entry);
      }
    }
    frontier = next;
  }
  return { reached: [...reached.values()], edges, problems };
}

function threeSteps(kind: Chapter['kind']): Chapter {
  const instance = { roles: new Set<string>() };
  const chapter = fakeChapter(instance, ['step-a', 'step-b', 'step-c'], kind);
  chapter.steps[2] = {
    ...chapter.steps[2]!,
    check: (s) => {
      if (s.roles.some((r) => r.name === 'boom')) throw new Error('boom');
      return fakeStep('step-c', instance).check(s);
    },
  };
  return chapter;
}

const shortest = (reached: { snapshot: Snapshot; path: string[] }[], holds: (s: Snapshot) => boolean) =>
  reached.filter((r) => holds(r.snapshot)).map((r) => r.path).sort((a, b) => a.length - b.length)[0];

describe('generated paths through the lesson machine', () => {
  it('keep every invariant on every path of up to five events (guided chapter)', { timeout: 120_000 }, () => {
    const { reached, edges, problems } = breadthFirst(threeSteps('chapter'), 5);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(edges).toBeGreaterThan(5_000);
    const activities = new Set(reached.map((r) => (r.snapshot.value as Record<string, string>).activity));
    expect([...activities].sort()).toEqual(['checkingAfterSolve', 'checkingExplicit', 'checkingLive', 'idle', 'solving']);
    const statuses = new Set(reached.flatMap((r) => r.snapshot.context.steps.map((s) => s.status)));
    expect([...statuses].sort()).toEqual(['passed', 'passedWithHelp', 'pending', 'skipped']);

    // The shortest ways the search found: they document how the machine is driven.
    expect(shortest(reached, (s) => s.matches({ completion: 'finished' }))).toEqual([
      'xstate.done.actor.takeSnapshot',
      'xstate.done.actor.takeSnapshot',
      'xstate.done.actor.takeSnapshot',
    ]);
    // Skipping every step leaves the chapter open.
    expect(reached.some((r) => r.snapshot.context.steps.every((st) => st.status === 'skipped'))).toBe(true);
    expect(shortest(reached, (s) => s.context.steps[0]!.status === 'passedWithHelp')).toEqual([
      'step.showMe',
      'xstate.done.actor.runSolution',
      'xstate.done.actor.takeSnapshot',
    ]);
    expect(reached.some((r) => r.snapshot.context.hintOffered)).toBe(true);
  });

  it('keep every invariant on every path of up to four events (exercise)', { timeout: 120_000 }, () => {
    const { reached, problems } = breadthFirst(threeSteps('exercise'), 4);
    expect(problems.slice(0, 5)).toEqual([]);
    expect(new Set(reached.map((r) => r.snapshot.context.score))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6]));
  });

  it('keep every invariant on long random paths', { timeout: 120_000 }, () => {
    for (const kind of ['chapter', 'exercise'] as const) {
      const chapter = threeSteps(kind);
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 10, maxLength: 40 }), fc.array(fc.nat({ max: 150 }), { maxLength: 40 }), (choices, seconds) => {
          const m = model(chapter);
          let s = m.initial();
          const path: string[] = [];
          choices.forEach((choice, i) => {
            const events = m.eventsFor(s);
            const event = events[choice % events.length]!;
            m.clock.t += (seconds[i] ?? 1) * 1000;
            path.push(label(event));
            const after = m.next(s, event);
            const found = violations(chapter, s, event, after);
            if (found.length > 0) throw new Error(`${path.join(' → ')}: ${found.join('; ')}`);
            s = after;
          });
        }),
        { numRuns: 60, seed: 20250301 },
      );
    }
  });
});
