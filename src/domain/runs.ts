/**
 * Runs of actionflows as the sandbox keeps them: each run's outcome and its trace (kept for the last
 * runs of each actionflow, for the designer to lay over the canvas), and what a running one is doing.
 */
import type { RunTrace } from './actionflow/run/trace';

/** How a run ended (or that it is still going). */
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'stopped' | 'timedOut' | 'refused';

/** Where a run came from, in words and by kind. */
export interface RunOrigin {
  kind: 'endpoint' | 'button';
  /** The end point's path, or "Call API screen, Call API button". */
  label: string;
  screenId?: string;
  buttonName?: string;
}

/** One run, stored once it ends (the last {@link RUNS_KEPT_PER_ACTIONFLOW} of each actionflow). */
export interface RunRecord {
  id: string;
  actionflowId: string;
  actionflowName: string;
  /** The actionflow's version that ran (a trace lies over that graph). */
  version: number;
  origin: RunOrigin;
  runAs: string;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus;
  /** A sentence saying how it ended, for anything but a plain success. */
  message: string | null;
  trace: RunTrace | null;
  /** For an asynchronous end point call: the answer to give when it is polled. */
  answer: { statusCode: number; contentType: string; body: unknown } | null;
}

/** Runs kept per actionflow (older ones are dropped when a new one is stored). */
export const RUNS_KEPT_PER_ACTIONFLOW = 10;

/** What a running run is doing now (for the screen's progress and the designer). */
export interface RunningRun {
  id: string;
  actionflowId: string;
  actionflowName: string;
  origin: RunOrigin;
  runAs: string;
  startedAt: string;
  /** The action running now, if any. */
  actionId: string | null;
  actionName: string | null;
  /** When the sleep it waits in ends (the sandbox clock's time), if it is sleeping. */
  sleepingUntil: string | null;
  exclusionGroup: string;
}
