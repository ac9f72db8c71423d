/**
 * Running a screen button's actionflow as the logged-in user. The run uses the privileges the
 * session took at login (so a group change needs a new login), and adds one audit entry.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { displayName } from '$domain/entities';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '$domain/errors';
import { RUN_ACTIONS, privilegesOf } from '$domain/privileges';
import { OUTDATED_SESSION_CODE } from '$domain/rules';
import { ActionflowError, runActionflow, type RunAs } from '$domain/runtime';
import { SANDBOX_API, type ServerContext } from './context';
import { ApiError } from './errors';
import { tryAcquireGroup } from './exclusion-groups';
import { requireSession } from './guards';
import { asObject, onlyFields } from './input';
import { param, readJson, route } from './route';
import { createRuntimeEnv } from './runtime-env';

/** What a button run answers. */
export interface ButtonRunAnswer {
  outcome: 'success' | 'error';
  fields: Record<string, string>;
  message?: string;
}

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

/** The privileges `userId` holds now, through their groups and roles (a session keeps those of its login). */
async function heldNow(ctx: ServerContext, userId: string): Promise<string[]> {
  const db = ctx.db;
  return db.transaction('r', [db.users, db.userGroups, db.roles], async () =>
    privilegesOf(userId, { users: await db.users.toArray(), userGroups: await db.userGroups.toArray(), roles: await db.roles.toArray() }),
  );
}

/** Handlers of `/sandbox/api/screens/:id/buttons/:name/run`. */
export function screenHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'post', `*${SANDBOX_API}/screens/:id/buttons/:name/run`, async (args) => {
      const { session, user } = await requireSession(ctx, args.request, 'run actions from screens');
      const screenId = param(args, 'id');
      const buttonName = param(args, 'name');
      const screen = await db.screens.get(screenId);
      if (!screen) throw new NotFoundError(`There is no screen with the id ${screenId}.`);
      const button = screen.buttons.find((b) => b.name === buttonName);
      if (!button) throw new NotFoundError(`The screen ${screen.name} has no button named ${buttonName}.`);
      if (!session.privileges.includes(RUN_ACTIONS) && !user.designer) {
        throw new PermissionError(
          `The user ${user.login} cannot run the ${button.label} button: their session does not hold the ${RUN_ACTIONS} privilege (after a user group change, log out and in again).`,
        );
      }
      const what = `the ${button.label} button of the screen ${screen.name}`;
      const form = readForm(await readJson(args.request, `run ${what}`), what);
      if (!button.actionflowId) throw new ConflictError(`The ${button.label} button of the screen ${screen.name} has no actionflow attached, so there is nothing to run.`);
      const actionflow = await db.actionflows.get(button.actionflowId);
      if (!actionflow) {
        throw new ConflictError(`The ${button.label} button of the screen ${screen.name} is attached to an actionflow that no longer exists.`);
      }

      const runAs: RunAs = { userId: user.id, login: user.login, name: displayName(user), privileges: [...session.privileges] };
      const audit = (status: number, code: string | null, reason: string | null) =>
        args.journal.audit({
          runAs: runAs.login,
          runAsName: runAs.name,
          actionflow: actionflow.name,
          endpoint: `${screen.name} screen, ${button.label} button`,
          outcome: status < 400 ? 'success' : status >= 500 ? 'error' : 'refused',
          status,
          code,
          reason,
        });

      const lease = await tryAcquireGroup(actionflow.exclusionGroup);
      if (!lease) {
        const refusal = new ApiError(
          409,
          'exclusion_group_busy',
          `The actionflow ${actionflow.name} did not run: another actionflow of the exclusion group ${actionflow.exclusionGroup} is running.`,
        );
        audit(409, refusal.code, refusal.message);
        throw refusal;
      }
      let answer: ButtonRunAnswer;
      try {
        const result = await runActionflow(actionflow, { ...form }, createRuntimeEnv(ctx, runAs, form));
        answer = { outcome: 'success', fields: result.kind === 'screen' ? result.fields : {} };
        audit(200, null, null);
      } catch (err) {
        if (!(err instanceof ActionflowError)) {
          audit(500, 'internal_error', `The actionflow ${actionflow.name} failed unexpectedly.`);
          throw err;
        }
        // Refused for a privilege the user holds now but their session does not: the session is
        // older than the group change, and the platform makes the learner log in again for it.
        const outdated = err.missingPrivilege !== null && (await heldNow(ctx, user.id)).includes(err.missingPrivilege);
        const message = outdated
          ? `${err.message} The session of ${user.login} started before their user groups last changed: it does not hold ${err.missingPrivilege}, which ${user.login} holds now. Log out and log in again to pick the change up.`
          : err.message;
        answer = { outcome: 'error', fields: {}, message };
        audit(500, outdated ? OUTDATED_SESSION_CODE : 'actionflow_error', message);
      } finally {
        lease.release();
      }
      return HttpResponse.json(answer);
    }),
  ];
}
