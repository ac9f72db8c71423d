/**
 * The shapes of the sandbox API's actionflow, screen-button and run routes, shared by the server
 * (which reads and answers them) and the client (which sends and receives them): one definition,
 * no hand-kept mirror. Paths are under `/sandbox/api`.
 *
 *   POST   /actionflows                              NewActionflow → 201 SavedActionflow
 *   GET    /actionflows/:id                          → SavedActionflow
 *   PUT    /actionflows/:id                          ActionflowSave → SavedActionflow (409 stale_version)
 *   PATCH  /actionflows/:id                          ActionflowPatch → Actionflow (settings only)
 *   POST   /actionflows/:id/duplicate                { name? } → 201 SavedActionflow
 *   DELETE /actionflows/:id                          → 204 (409 in_use while a button uses it)
 *   GET    /actionflows/:id/runs                     → RunRecord[] (newest first, with traces)
 *   PUT    /screens/:id/buttons/:name/actionflow     { actionflowId } → Screen
 *   DELETE /screens/:id/buttons/:name/actionflow     → Screen
 *   POST   /screens/:id/buttons/:name/run            { form } → ButtonRunAnswer
 *   GET    /runs                                     → RunningRun[] (this page's running runs)
 *   POST   /runs/:id/stop                            → 204
 *   GET    /clock                                    → ClockView
 *   POST   /clock/fast-forward                       { ms } → ClockView
 */
import type { Actionflow, ActionflowGraph, ActionflowKind, ActionflowSettings, ApiSettings } from './actionflow';

/** A saved actionflow and what validation says of it (saving with problems is allowed). */
export interface SavedActionflow {
  actionflow: Actionflow;
  problems: { message: string; where: import('./actionflow').ProblemPlace; focus: string }[];
}

/** POST /actionflows: an empty screen actionflow (its Input) or an API end point (Input and Output). */
export interface NewActionflow {
  applicationId: string;
  kind: ActionflowKind;
  name: string;
  description?: string;
}

/** PUT /actionflows/:id: the whole graph and settings, with the version the draft was made from. */
export type ActionflowSave = ActionflowGraph & Partial<Omit<ActionflowSettings, 'api'>> & { version: number; api?: Partial<ApiSettings> };

/** PATCH /actionflows/:id: some settings; `version`, when given, must be the current one. */
export interface ActionflowPatch {
  name?: string;
  description?: string;
  exclusionGroup?: string;
  validateBeforeRunning?: boolean;
  allowRunWithValidationErrors?: boolean;
  /** Only for API end point actionflows. */
  api?: Partial<ApiSettings>;
  version?: number;
}

/** What a button run answers. */
export interface ButtonRunAnswer {
  /** The run's id (null when it was refused before it started). */
  runId: string | null;
  /**
   * `success`: the actionflow ran to its end (an HTTP action in it may still have failed: see
   * `httpFailures`); `error`: an action failed; `stopped`: someone stopped it; `refused`: it did not
   * start (its exclusion group is taken, or it has problems and validates before running).
   */
  outcome: 'success' | 'error' | 'stopped' | 'refused';
  /** Why it was refused. */
  code?: 'exclusion_group_busy' | 'invalid_actionflow';
  /**
   * Every field of the screen the actionflow fills: what this run set, and '' for the fields it
   * fills on another path (so no field keeps a previous run's value).
   */
  fields: Record<string, string>;
  /** A sentence: why it failed, was refused or stopped, or what an HTTP action was refused. */
  message?: string;
  /** HTTP actions whose call failed (their answer went to `error`), with the status. */
  httpFailures: { actionId: string; actionName: string; status: number }[];
  /** For `invalid_actionflow`: each problem with the designer's focus name. */
  problems?: { message: string; focus: string }[];
}

/** GET /clock: the sandbox's time (it may have been fast-forwarded). */
export interface ClockView {
  now: string;
  /** Whether this page's clock can be fast-forwarded. */
  adjustable: boolean;
}
