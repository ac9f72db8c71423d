/**
 * Actionflows as editable graphs: the model, the registry of action kinds, validation, edits with
 * their inverses, reading untrusted graphs, and the runtime.
 */
export * from './model';
export * from './kinds/index';
export {
  ActionflowError,
  DataWriteError,
  canMap,
  coerce,
  filterHolds,
  type ActionKind,
  type ActionRunEnv,
  type DataAccess,
  type DataFilter,
  type DesignRepository,
  type HttpExchange,
  type HttpResult,
  type ItemResult,
  type KindContext,
  type Problem,
  type ProblemPlace,
  type RunAnswer,
  type RunItem,
} from './kind';
export { FlowAttributes } from './attributes';
export { validateActionflow, actionLabel } from './validate';
export { applyEdit, applyEdits, mapAllEdit, EditError, type Applied, type Edit } from './edits';
export { newAction, newActionflow, newConnection, freeId, freeName } from './create';
export { readGraph, readSettings, readApiSettings, readName, SETTINGS_FIELDS, MAX_ACTIONS, MAX_CONNECTIONS, MAX_MAPPINGS, PART_ID_PATTERN } from './read-graph';
export { Reader } from './reader';
export { runActionflow, RunFailure, MAX_RECORDS_PER_ACTION, type RunOptions, type RunResult } from './run/executor';
export { TraceRecorder, sampleRecord, TRACE_SAMPLE, type ActionTrace, type RunTrace, type TracedRecords } from './run/trace';
export type { RunAs } from './run/run-as';
export { migrateActionflowV1, isActionflowV1, type ActionflowV1 } from './migrate';
export { parseJsonPath, queryJsonPath } from './json-path';
export { focusOfProblem, actionFocus, attributeFocus, connectionFocus, pointFocus } from './focus';
