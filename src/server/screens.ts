/**
 * Screen buttons: attaching an actionflow to a button (one actionflow may serve several buttons:
 * each is another instance of it), and running a button's actionflow as the logged-in user through
 * the run orchestrator. The run uses the privileges the session took at login (so a group change
 * needs a new login).
 */
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import type { Actionflow, RunAnswer } from '$domain/actionflow';
import type { Screen } from '$domain/entities';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '$domain/errors';
import { RUN_ACTIONS, privilegesOf } from '$domain/privileges';
import type { ButtonRunAnswer } from '$domain/contract';
import { SANDBOX_API, type ServerContext } from './context';
import { requireDesigner, requireSession } from './guards';
import { asObject, onlyFields, stringField } from './input';
import { param, readJson, route } from './route';
import { orchestratorOf, runAsUser, type RunOutcome } from './runs/orchestrator';
import { transact } from './transact';
import { focusOfProblem } from '$domain/actionflow';

function readForm(body: unknown, what: string): Record<string, string> {
  const object = asObject(body, what);
  onlyFields(object, ['form'], what);
  if (object.form === undefined) return {};
  const form = asObject(object.form, `the screen fields of ${what}`);
  for (const [name, value] of Object.entries(form)) {
    if (typeof value !== 'string') throw new ValidationError(`The screen field ${name} of ${what} must be sent as text.`, `form.${name}`);
  }
  return form as Record<string, string>;
}

/** The fields of `screen` that some Screen output of `flow` fills: a run replaces all of them. */
export function fieldsFilledBy(flow: Actionflow, screen: Screen): string[] {
  const outputs = new Set(flow.actions.filter((a) => a.kind === 'screenOutput' && a.props.screenId === screen.id).map((a) => a.id));
  const names = new Set<string>();
  for (const c of flow.connections) if (outputs.has(c.to)) for (const m of c.mappings) names.add(m.target);
  return screen.fields.map((f) => f.name).filter((name) => names.has(name));
}

function answerOf(flow: Actionflow, screen: Screen, outcome: RunOutcome): ButtonRunAnswer {
  const cleared = Object.fromEntries(fieldsFilledBy(flow, screen).map((name) => [name, '']));
  switch (outcome.status) {
    case 'succeeded': {
      const fields = { ...cleared };
      for (const a of outcome.answers) if (a.kind === 'screen' && a.screenId === screen.id) Object.assign(fields, (a as Extract<RunAnswer, { kind: 'screen' }>).fields);
      return {
        runId: outcome.runId,
        outcome: 'success',
        fields,
        ...(outcome.refusal ? { message: outcome.refusal.message } : {}),
        httpFailures: outcome.httpFailures.map((f) => ({ actionId: f.actionId, actionName: f.actionName, status: f.status })),
      };
    }
    case 'refused':
      return {
        runId: null,
        outcome: 'refused',
        code: outcome.code,
        fields: {},
        message: outcome.message,
        problems: outcome.problems.map((p) => ({ message: p.message, focus: focusOfProblem(flow.id, p.where) })),
        httpFailures: [],
      };
    default:
      return { runId: outcome.runId, outcome: outcome.status === 'stopped' ? 'stopped' : 'error', fields: cleared, message: outcome.message, httpFailures: [] };
  }
}

async function screenAndButton(ctx: ServerContext, screenId: string, buttonName: string) {
  const screen = await ctx.db.screens.get(screenId);
  if (!screen) throw new NotFoundError(`There is no screen with the id ${screenId}.`);
  const button = screen.buttons.find((b) => b.name === buttonName);
  if (!button) throw new NotFoundError(`The screen ${screen.name} has no button named ${buttonName}.`);
  return { screen, button };
}

/** The privileges `userId` holds now, through their groups and roles (a session keeps those of its login). */
async function heldNow(ctx: ServerContext, userId: string): Promise<string[]> {
  const db = ctx.db;
  return db.transaction('r', [db.users, db.userGroups, db.roles], async () =>
    privilegesOf(userId, { users: await db.users.toArray(), userGroups: await db.userGroups.toArray(), roles: await db.roles.toArray() }),
  );
}

/** Handlers of `/sandbox/api/screens/:id/buttons/:name/...`. */
export function screenHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'post', `*${SANDBOX_API}/screens/:id/buttons/:name/run`, async (args) => {
      const { session, user } = await requireSession(ctx, args.request, 'run actions from screens');
      const { screen, button } = await screenAndButton(ctx, param(args, 'id'), param(args, 'name'));
      if (!session.privileges.includes(RUN_ACTIONS) && !user.designer) {
        throw new PermissionError(
          `The user ${user.login} cannot run the ${button.label} button: their session does not hold the ${RUN_ACTIONS} privilege (after a user group change, log out and in again).`,
        );
      }
      const what = `the ${button.label} button of the screen ${screen.name}`;
      const form = readForm(await readJson(args.request, `run ${what}`), what);
      if (!button.actionflowId) throw new ConflictError(`The ${button.label} button of the screen ${screen.name} has no actionflow attached, so there is nothing to run.`);
      const flow = await db.actionflows.get(button.actionflowId);
      if (!flow) throw new ConflictError(`The ${button.label} button of the screen ${screen.name} is attached to an actionflow that no longer exists.`);
      const run = await orchestratorOf(ctx).start({
        flow,
        runAs: runAsUser(user, session.privileges),
        // A refusal the session's age explains says so (the session keeps its login's privileges).
        heldNow: await heldNow(ctx, user.id),
        inputs: { ...form },
        form,
        origin: { kind: 'button', label: `${screen.name} screen, ${button.label} button`, screenId: screen.id, buttonName: button.name },
        timeoutMs: null,
        journal: args.journal,
      });
      return jsonResponse(answerOf(flow, screen, await run.outcome));
    }),

    route(ctx, 'put', `*${SANDBOX_API}/screens/:id/buttons/:name/actionflow`, async (args) => {
      await requireDesigner(ctx, args.request, 'attach actionflows to buttons');
      const body = asObject(await readJson(args.request, 'attach an actionflow'), 'the attachment');
      onlyFields(body, ['actionflowId'], 'the attachment of an actionflow to a button');
      const actionflowId = stringField(body, 'actionflowId', 'actionflow', 'the attachment', true);
      const saved = await transact(db, [db.screens, db.actionflows], async () => {
        const { screen, button } = await screenAndButton(ctx, param(args, 'id'), param(args, 'name'));
        const flow = await db.actionflows.get(actionflowId);
        if (!flow) throw new NotFoundError(`There is no actionflow with the id ${actionflowId}; it may have been deleted.`);
        if (flow.applicationId !== screen.applicationId) throw new ValidationError(`The actionflow ${flow.name} belongs to another application than the screen ${screen.name}.`, 'actionflowId');
        if (flow.kind !== 'screen') throw new ValidationError(`The actionflow ${flow.name} is an API end point, which calls run; only screen actionflows run from buttons.`, 'actionflowId');
        const next: Screen = { ...screen, buttons: screen.buttons.map((b) => (b.name === button.name ? { ...b, actionflowId } : b)) };
        await db.screens.put(next);
        return next;
      });
      return jsonResponse(saved);
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/screens/:id/buttons/:name/actionflow`, async (args) => {
      await requireDesigner(ctx, args.request, 'detach actionflows from buttons');
      const saved = await transact(db, [db.screens], async () => {
        const { screen, button } = await screenAndButton(ctx, param(args, 'id'), param(args, 'name'));
        const next: Screen = { ...screen, buttons: screen.buttons.map((b) => (b.name === button.name ? { ...b, actionflowId: null } : b)) };
        await db.screens.put(next);
        return next;
      });
      return jsonResponse(saved);
    }),

  ];
}
