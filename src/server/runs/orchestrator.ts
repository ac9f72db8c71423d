/**
 * The one run orchestrator: every actionflow run — an incoming API call or a screen button — goes
 * through `startRun`. It refuses a run whose actionflow has problems (when it validates before
 * running), takes the actionflow's exclusion group (across tabs), runs it as the given user within
 * its timeout, keeps a registry of running runs (what each is doing, how long a sleep has left),
 * lets a run be stopped, writes one audit entry, and records the run with its trace.
 */
import { announceRunsChange } from '$instance/change-feed';
import { ActionflowError, RunFailure, runActionflow, type Actionflow, type Problem, type RunAnswer, type RunAs } from '$domain/actionflow';
import { displayName } from '$domain/entities';
import { OUTDATED_SESSION_CODE } from '$domain/rules';
import type { RunningRun, RunOrigin, RunRecord, RunStatus } from '$domain/runs';
import type { ServerContext } from '../context';
import { defaultGroupLocks, type GroupLocks } from '../exclusion-groups';
import type { AuditDraft, CallJournal } from '../journal';
import { instanceData, sendHttp, stoppableClock } from '../runtime-env';
import { designRepositoryOf, problemsOf } from './design-repository';

export interface StartRun {
  flow: Actionflow;
  runAs: RunAs;
  /** Call parameters (an end point) or screen fields (a button). */
  inputs: Record<string, unknown>;
  /** Screen fields as `_form.X`. */
  form?: Record<string, unknown>;
  origin: RunOrigin;
  /** Stop the run after this long (the end point's Timeout); null: runs until done or stopped. */
  timeoutMs: number | null;
  /**
   * The privileges the user holds now (a button run: `runAs` has those of the session's login). A
   * refusal for one held now but not by the session is recorded as `outdated_session`, saying so.
   */
  heldNow?: readonly string[];
  journal: CallJournal;
}

export interface HttpFailure {
  actionId: string;
  actionName: string;
  status: number;
}

export type RunOutcome =
  | { status: 'succeeded'; runId: string; answers: RunAnswer[]; httpFailures: HttpFailure[]; refusal: { actionId: string; code: string; message: string } | null }
  | { status: 'failed' | 'stopped' | 'timedOut'; runId: string; message: string; actionId: string | null }
  | { status: 'refused'; runId: null; code: 'exclusion_group_busy' | 'invalid_actionflow'; message: string; problems: Problem[] };

export interface RunHandle {
  runId: string | null;
  /** Settles when the run has an outcome (a timed-out run may still be stopping). */
  outcome: Promise<RunOutcome>;
  /** Settles when the run has really ended (and its exclusion group is free). */
  whenStopped: Promise<void>;
}

interface RunState extends RunningRun {
  stop: AbortController;
  stoppedBy: string | null;
}

class Orchestrator {
  readonly running = new Map<string, RunState>();
  private readonly locks: GroupLocks;

  constructor(private readonly ctx: ServerContext) {
    this.locks = ctx.locks ?? defaultGroupLocks();
  }

  async start(request: StartRun): Promise<RunHandle> {
    const { ctx } = this;
    const { flow } = request;
    const refuse = (code: 'exclusion_group_busy' | 'invalid_actionflow', message: string, problems: Problem[] = []): RunHandle => {
      const outcome: RunOutcome = { status: 'refused', runId: null, code, message, problems };
      this.audit(request, code === 'exclusion_group_busy' ? 409 : 500, code, message);
      return { runId: null, outcome: Promise.resolve(outcome), whenStopped: Promise.resolve() };
    };

    if (flow.validateBeforeRunning && !flow.allowRunWithValidationErrors) {
      const problems = await problemsOf(ctx, flow);
      if (problems.length > 0) {
        const first = problems.slice(0, 3).map((p) => p.message).join(' ');
        const more = problems.length > 3 ? ` (${problems.length - 3} more.)` : '';
        return refuse('invalid_actionflow', `The actionflow ${flow.name} did not run: it has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`} to fix first. ${first}${more}`, problems);
      }
    }

    // Read before the group is taken, so nothing between taking and the run can leave it held.
    const repository = await designRepositoryOf(ctx, flow.applicationId);
    const attempt = await this.locks.tryAcquire(flow.exclusionGroup, flow.name);
    if (!attempt.ok) {
      const holder = attempt.heldBy ? `${attempt.heldBy}, which is still running` : 'another actionflow that is still running';
      return refuse(
        'exclusion_group_busy',
        `The ${flow.kind === 'apiEndpoint' ? 'end point' : 'actionflow'} ${flow.name} did not run: its exclusion group ${flow.exclusionGroup.trim()} is taken by ${holder}. Wait for it to finish, then try again.`,
      );
    }

    const runId = crypto.randomUUID();
    const stop = new AbortController();
    const state: RunState = {
      id: runId,
      actionflowId: flow.id,
      actionflowName: flow.name,
      origin: request.origin,
      runAs: request.runAs.login,
      startedAt: ctx.clock.now().toISOString(),
      actionId: null,
      actionName: null,
      sleepingUntil: null,
      exclusionGroup: flow.exclusionGroup.trim(),
      stop,
      stoppedBy: null,
    };
    this.running.set(runId, state);
    announceRunsChange(ctx.db.name);

    const httpFailures: HttpFailure[] = [];
    const notes: { refusal: { actionId: string; code: string; message: string } | null } = { refusal: null };
    const noteRefusal = (r: { actionId: string; code: string; message: string; privilege?: string }) => {
      if (notes.refusal) return;
      const { login } = request.runAs;
      const outdated = !!r.privilege && !request.runAs.privileges.includes(r.privilege) && !!request.heldNow?.includes(r.privilege);
      notes.refusal = outdated
        ? {
            actionId: r.actionId,
            code: OUTDATED_SESSION_CODE,
            message: `${r.message} The session of ${login} started before their user groups last changed: it does not hold ${r.privilege}, which ${login} holds now. Log out and log in again to pick the change up.`,
          }
        : { actionId: r.actionId, code: r.code, message: r.message };
    };
    const run = runActionflow(flow, {
      inputs: request.inputs,
      repository,
      trace: ctx.traceRuns !== false,
      onAction: (action) => {
        state.actionId = action.id;
        state.actionName = action.name;
        announceRunsChange(ctx.db.name);
      },
      env: {
        runAs: request.runAs,
        clock: stoppableClock(ctx.clock, stop.signal, (until) => {
          state.sleepingUntil = until ? until.toISOString() : null;
          announceRunsChange(ctx.db.name);
        }),
        form: request.form ?? {},
        data: instanceData(ctx),
        send: (r) => sendHttp(ctx, r, stop.signal),
        signal: stop.signal,
        flowName: flow.name,
        onRefusal: noteRefusal,
        onHttpFailure: (f) => void httpFailures.push(f),
      },
    });

    const finished = new AbortController();
    const timedOut =
      request.timeoutMs === null
        ? null
        : ctx.clock.sleep(request.timeoutMs, finished.signal).then(() => 'timeout' as const);
    const settled = run.then(
      (result) => ({ ok: true as const, result }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    const whenStopped = settled.then(() => {
      this.running.delete(runId);
      attempt.lease.release();
      announceRunsChange(ctx.db.name);
    });

    const outcome = (async (): Promise<RunOutcome> => {
      const first = await (timedOut ? Promise.race([settled, timedOut]) : settled);
      finished.abort();
      const endedAt = () => ctx.clock.now().toISOString();
      if (first === 'timeout') {
        stop.abort();
        const message = `The end point ${flow.name} did not finish within its timeout of ${request.timeoutMs} ms.`;
        // The trace is kept once the run has really stopped.
        void settled.then((s) => this.record(request, state, 'timedOut', message, s.ok ? s.result.trace : traceOf(s.error), endedAt()));
        return { status: 'timedOut', runId, message, actionId: state.actionId };
      }
      if (first.ok) {
        const answers = first.result.answers;
        this.record(request, state, 'succeeded', notes.refusal?.message ?? null, first.result.trace, endedAt(), answers, notes.refusal?.code);
        return { status: 'succeeded', runId, answers, httpFailures, refusal: notes.refusal };
      }
      const failure = first.error instanceof RunFailure ? first.error : new RunFailure(first.error, null);
      const cause = failure.error;
      if (stop.signal.aborted) {
        const message = `The actionflow ${flow.name} was stopped${state.stoppedBy ? ` by ${state.stoppedBy}` : ''} before it finished.`;
        this.record(request, state, 'stopped', message, failure.trace, endedAt());
        return { status: 'stopped', runId, message, actionId: state.actionId };
      }
      if (!(cause instanceof ActionflowError)) {
        console.error(`The actionflow ${flow.name} failed unexpectedly.`, cause);
        const message = `The actionflow ${flow.name} failed unexpectedly; its changes so far stay as they are.`;
        this.record(request, state, 'failed', message, failure.trace, endedAt());
        return { status: 'failed', runId, message, actionId: state.actionId };
      }
      this.record(request, state, 'failed', cause.message, failure.trace, endedAt());
      return { status: 'failed', runId, message: cause.message, actionId: cause.actionId };
    })();
    return { runId, outcome, whenStopped };
  }

  /** Stops a running run of this page; false when there is none of that id. */
  stop(runId: string, by: string): boolean {
    const state = this.running.get(runId);
    if (!state) return false;
    state.stoppedBy = by;
    state.stop.abort();
    return true;
  }

  list(): RunningRun[] {
    return [...this.running.values()].map(({ stop: _stop, stoppedBy: _by, ...view }) => view);
  }

  private audit(request: StartRun, status: number, code: string | null, reason: string | null): void {
    const entry: AuditDraft = {
      runAs: request.runAs.login,
      runAsName: request.runAs.name,
      actionflow: request.flow.name,
      endpoint: request.origin.label,
      outcome: status < 400 ? 'success' : status >= 500 ? 'error' : 'refused',
      status,
      code,
      reason,
    };
    request.journal.audit(entry);
  }

  private record(
    request: StartRun,
    state: RunState,
    status: RunStatus,
    message: string | null,
    trace: RunRecord['trace'],
    endedAt: string,
    answers: RunAnswer[] = [],
    refusalCode?: string,
  ): void {
    const output = answers.find((a): a is Extract<RunAnswer, { kind: 'output' }> => a.kind === 'output');
    const { status: code, reason, auditCode } = auditOf(request, status, message, output, refusalCode);
    this.audit(request, code, auditCode, reason);
    request.journal.run({
      id: state.id,
      actionflowId: request.flow.id,
      actionflowName: request.flow.name,
      version: request.flow.version,
      origin: request.origin,
      runAs: request.runAs.login,
      startedAt: state.startedAt,
      endedAt,
      status,
      message,
      trace,
      answer: output ? { statusCode: output.statusCode, contentType: output.contentType, body: output.body } : null,
    });
  }
}

/** The status, code and reason of a finished run's audit entry. */
function auditOf(
  request: StartRun,
  status: RunStatus,
  message: string | null,
  output: Extract<RunAnswer, { kind: 'output' }> | undefined,
  refusalCode = 'missing_privilege',
): { status: number; auditCode: string | null; reason: string | null } {
  switch (status) {
    case 'timedOut':
      return { status: 504, auditCode: 'timeout', reason: message };
    case 'stopped':
      return { status: 499, auditCode: 'stopped', reason: message };
    case 'failed':
      return { status: 500, auditCode: 'actionflow_error', reason: message };
    default:
      break;
  }
  if (request.origin.kind === 'endpoint') {
    if (!output) return { status: 500, auditCode: 'actionflow_error', reason: `The end point ${request.flow.name} ended without reaching an Output action.` };
    const body = output.body as { error?: { code?: unknown; message?: unknown } } | null;
    const failed = output.statusCode >= 400;
    return {
      status: output.statusCode,
      auditCode: failed && typeof body?.error?.code === 'string' ? body.error.code : null,
      reason: failed && typeof body?.error?.message === 'string' ? body.error.message : null,
    };
  }
  // A button run whose HTTP action kept a secret back is recorded as that refusal.
  if (message) return { status: 403, auditCode: refusalCode, reason: message };
  return { status: 200, auditCode: null, reason: null };
}

function traceOf(error: unknown): RunRecord['trace'] {
  return error instanceof RunFailure ? error.trace : null;
}

const orchestrators = new WeakMap<ServerContext, Orchestrator>();

/** The orchestrator of a server context (one per page, or per test server). */
export function orchestratorOf(ctx: ServerContext): Orchestrator {
  let found = orchestrators.get(ctx);
  if (!found) orchestrators.set(ctx, (found = new Orchestrator(ctx)));
  return found;
}

/** The user a session's user runs as, with the privileges the session took at login. */
export function runAsUser(user: { id: string; login: string; firstName: string; surname: string }, privileges: string[]): RunAs {
  return { userId: user.id, login: user.login, name: displayName(user), privileges: [...privileges] };
}

export type { Orchestrator };
