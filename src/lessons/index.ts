/** The lesson engine: the lesson format, the machine builder, progress and the chapter registry. */
export type { Chapter, ChapterKind, CheckResult, ShownValue, SolveContext, StartCheck, Step, StepStatus } from './types';
export { KEBAB_CASE, LessonFormatError, validateChapter } from './schema';
export { runCheck } from './check';
export { FAILED_CHECKS_BEFORE_HINT, STUCK_MS_BEFORE_HINT, type LessonContext, type StepState } from './context';
// The lesson machine and its actors (xstate) are imported from their own modules, './machine'
// and './actors', by the one module that starts a chapter's machine: a value re-exported here
// would bring xstate to every page that imports anything from this index.
export type {
  LessonEvent,
  LessonInput,
  LessonMachine,
  LessonMachineOptions,
  RunSolutionInput,
  SaveProgressInput,
  TakeSnapshotInput,
} from './machine';
export type { LessonDeps } from './actors';
export {
  contextFromProgress,
  listProgress,
  loadProgress,
  mergeProgress,
  parseProgress,
  progressFromContext,
  ProgressError,
  saveProgress,
  type Progress,
  type StepProgress,
} from './progress';
export { progressReport, type ChapterReport, type ProgressReport, type StepReport } from './report';
export { getChapter, listChapters, registerChapters } from './registry';
export { startVerdict, type StartVerdict } from './start-checks';
export { LessonRuntime, CHECKED_TABLES, FastForwardError, idsOf, touches, type ChangedIds, type FastForwardProgress, type FeedTable, type InstanceChange, type InstanceChangeListener, type Login } from './runtime';
