/** The time source of expressions (`now()`, `sleep()`), swappable so tests never wait for real. */

/** Where expressions get the time from, and how they wait. */
export interface Clock {
  /** The current time. */
  now(): Date;
  /**
   * Resolves after `ms` milliseconds of this clock's time. When `signal` aborts first, the sleep is
   * dropped (its timer freed) and never resolves: used for timeouts that the work beat.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The browser's (or node's) own time, waiting with `setTimeout`. */
export const realClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return;
      const timer = setTimeout(resolve, Math.max(0, ms));
      signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });
    }),
};

/** A clock that moves only when told to; see {@link createManualClock}. */
export interface ManualClock extends Clock {
  /** The same as {@link advance} (so a manual clock can stand in for the sandbox's clock). */
  fastForward(ms: number): void;
  /** Moves time forward by `ms` and wakes every sleep whose end is now reached, earliest first. */
  advance(ms: number): void;
  /** How many sleeps are waiting. */
  readonly pendingSleeps: number;
  /** Resolves as soon as at least one sleep is waiting (at once if one already is). */
  whenSleeping(): Promise<void>;
}

interface Sleeper {
  wakeAt: number;
  wake: () => void;
}

/**
 * A clock for tests: `now()` starts at `start` (default 2025-01-01T00:00:00Z) and `sleep(ms)`
 * resolves only when {@link ManualClock.advance} moves time to its end, so `sleep(20)` is
 * fast-forwarded instead of waited for.
 */
export function createManualClock(start: Date = new Date('2025-01-01T00:00:00.000Z')): ManualClock {
  let time = start.getTime();
  let sleepers: Sleeper[] = [];
  let watchers: (() => void)[] = [];

  return {
    now: () => new Date(time),
    sleep(ms, signal) {
      if (signal?.aborted) return new Promise<void>(() => {});
      if (!(ms > 0)) return Promise.resolve();
      return new Promise<void>((wake) => {
        const sleeper = { wakeAt: time + ms, wake };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', () => (sleepers = sleepers.filter((s) => s !== sleeper)), { once: true });
        const waiting = watchers;
        watchers = [];
        for (const notify of waiting) notify();
      });
    },
    advance(ms) {
      time += Math.max(0, ms);
      const due = sleepers.filter((s) => s.wakeAt <= time).sort((a, b) => a.wakeAt - b.wakeAt);
      sleepers = sleepers.filter((s) => s.wakeAt > time);
      for (const sleeper of due) sleeper.wake();
    },
    fastForward(ms) {
      this.advance(ms);
    },
    get pendingSleeps() {
      return sleepers.length;
    },
    whenSleeping() {
      if (sleepers.length > 0) return Promise.resolve();
      return new Promise<void>((resolve) => watchers.push(resolve));
    },
  };
}

/** A clock whose time an instructor (or a test) can move forward, waking the sleeps it reaches. */
export interface AdjustableClock extends Clock {
  /** Moves time forward by `ms`: sleeps whose end is reached wake at once. */
  fastForward(ms: number): void;
}

/** Whether `clock` can be fast-forwarded. */
export function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).fastForward === 'function';
}

/**
 * The sandbox's clock in the browser: real time, plus whatever it was fast-forwarded by. A sleep
 * ends when its real time is up or when a fast-forward reaches its end, whichever comes first.
 */
export function createSimulatedClock(): AdjustableClock {
  let offset = 0;
  const sleepers = new Set<{ wakeAt: number; wake: () => void }>();
  const now = () => Date.now() + offset;
  return {
    now: () => new Date(now()),
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        if (signal?.aborted) return;
        const sleeper = {
          wakeAt: now() + Math.max(0, ms),
          wake: () => {
            clearTimeout(timer);
            sleepers.delete(sleeper);
            resolve();
          },
        };
        const timer = setTimeout(sleeper.wake, Math.max(0, ms));
        sleepers.add(sleeper);
        signal?.addEventListener(
          'abort',
          () => {
            clearTimeout(timer);
            sleepers.delete(sleeper);
          },
          { once: true },
        );
      });
    },
    fastForward(ms) {
      offset += Math.max(0, ms);
      const time = now();
      for (const sleeper of [...sleepers].sort((a, b) => a.wakeAt - b.wakeAt)) if (sleeper.wakeAt <= time) sleeper.wake();
    },
  };
}
