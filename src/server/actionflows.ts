/**
 * Actionflow routes: create (a screen actionflow, or an API end point with its Input and Output),
 * read, save the whole graph and settings in one validated PUT carrying the version it was made from
 * (a stale version changes nothing), change settings (PATCH), change one HTTP action (the properties
 * form), duplicate, delete (refused while a button uses it), and the runs of an actionflow.
 * A secret sent back as asterisks keeps its saved value — matched by the secret key's id, so a
 * renamed secret key keeps it too.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { jsonResponse } from './json-response';
import {
  validateActionflow,
  focusOfProblem,
  newActionflow,
  readGraph,
  readName,
  readSettings,
  Reader,
  SETTINGS_FIELDS,
  type Action,
  type Actionflow,
  type AnyAction,
  type HttpProps,
  type SecretKey,
} from '$domain/actionflow';
import { httpKind } from '$domain/actionflow/kinds/http';
import type { NewActionflow, SavedActionflow } from '$domain/contract';
import { NotFoundError, ValidationError } from '$domain/errors';
import { ExpressionError, parseExpression, parseTemplate } from '$domain/expression';
import { DESCRIPTION_MAX_LENGTH, MASKED_SECRET, NAME_MAX_LENGTH, sameName } from '$domain/rules';
import { SANDBOX_API, type ServerContext } from './context';
import { ApiError } from './errors';
import { requireDesigner, requireSession } from './guards';
import { asObject } from './input';
import { param, readJson, route } from './route';
import { designRepositoryOf } from './runs/design-repository';
import { maskActionflow } from './views';
import { transact } from './transact';

function notFound(id: string): NotFoundError {
  return new NotFoundError(`There is no actionflow with the id ${id}; it may have been deleted.`);
}

function what(flow: Pick<Actionflow, 'name'>): string {
  return `the actionflow ${flow.name}`;
}

/** The saved actionflow as the client sees it: secrets masked, with its problems. */
async function saved(ctx: ServerContext, flow: Actionflow): Promise<SavedActionflow> {
  const problems = validateActionflow(flow, await designRepositoryOf(ctx, flow.applicationId));
  return { actionflow: maskActionflow(flow), problems: problems.map((p) => ({ ...p, focus: focusOfProblem(flow.id, p.where) })) };
}

/** Refuses a name another actionflow of the application has, and a URL Alias another end point uses. */
async function checkUnique(ctx: ServerContext, flow: Actionflow): Promise<void> {
  const siblings = await ctx.db.actionflows.where('applicationId').equals(flow.applicationId).toArray();
  const clash = siblings.find((a) => a.id !== flow.id && sameName(a.name, flow.name));
  if (clash) throw new ValidationError(`The application already has an actionflow named ${clash.name}; choose another name.`, 'name');
  const alias = flow.api?.urlAlias ?? '';
  if (alias !== '') {
    const taken = await ctx.db.actionflows.filter((a) => a.id !== flow.id && !!a.api && sameName(a.api.urlAlias, alias)).first();
    if (taken) throw new ValidationError(`The URL Alias ${alias} is already used by the end point ${taken.name}; choose another.`, 'api.urlAlias');
  }
}

/**
 * Puts back the saved secrets of secret keys sent as asterisks: the key of the same id in the same
 * action, else the one of the same name. A masked secret with nothing saved behind it is refused.
 */
function keepSecrets(before: Actionflow | null, actions: AnyAction[]): AnyAction[] {
  return actions.map((action, i) => {
    if (action.kind !== 'http') return action;
    const old = before?.actions.find((a): a is Action<'http'> => a.id === action.id && a.kind === 'http');
    const secretKeys = action.props.secretKeys.map((key, k) => restoreSecret(key, old?.props.secretKeys ?? [], `actions[${i}].props.secretKeys[${k}].secret`, action.name));
    return { ...action, props: { ...action.props, secretKeys } };
  });
}

function restoreSecret(key: SecretKey, saved: SecretKey[], field: string, actionName: string): SecretKey {
  if (key.secret !== MASKED_SECRET) return key;
  const match = saved.find((s) => s.id === key.id) ?? saved.find((s) => s.name === key.name);
  if (!match || match.secret === '') {
    throw new ValidationError(`The secret key ${key.name} of the HTTP action ${actionName} has no saved secret to keep; type the secret itself.`, field);
  }
  return { ...key, secret: match.secret };
}

/** Re-throws an expression error as a 400 `invalid_expression` that also says where the text was. */
function checkParsed(where: string, field: string, parse: () => void): void {
  try {
    parse();
  } catch (err) {
    if (err instanceof ExpressionError) throw new ApiError(400, 'invalid_expression', `${err.message} It is ${where}.`, field);
    throw err;
  }
}

/** The HTTP action properties form: every field checked, expressions parsed, before anything is saved. */
function readHttpForm(body: unknown, before: Action<'http'>, flow: Actionflow): Action<'http'> {
  const raw = asObject(body, `the HTTP action ${before.name}`);
  const name = new Reader(raw.name, 'name', `the name of the HTTP action ${before.name} of ${what(flow)}`).string({ max: 100, trim: true });
  if (!name) throw new ValidationError(`The name of the HTTP action ${before.name} of ${what(flow)} is required.`, 'name');
  const clash = flow.actions.find((a) => a.id !== before.id && sameName(a.name, name));
  if (clash) throw new ValidationError(`${capitalise(what(flow))} already has an action named ${clash.name}; choose another name.`, 'name');
  const { name: _name, ...rest } = raw;
  const label = `the HTTP action ${name} of ${what(flow)}`;
  const props: HttpProps = httpKind.read(new Reader({ ...before.props, ...rest }, '', label));
  if (props.urlTemplate.trim() === '') throw new ValidationError(`The URL Template of ${label} is required.`, 'urlTemplate');
  checkParsed(`the URL Template of ${label}`, 'urlTemplate', () => parseTemplate(props.urlTemplate));
  if (props.bodyTemplate.trim() !== '') checkParsed(`the Body Template of ${label}`, 'bodyTemplate', () => parseTemplate(props.bodyTemplate));
  if (props.errorExpression.trim() !== '') checkParsed(`the Error Expression of ${label}`, 'errorExpression', () => parseExpression(props.errorExpression));
  props.headers.forEach((h, i) => {
    if (h.expression.trim() === '') throw new ValidationError(`The expression of the header ${h.name} of ${label} is required.`, `headers[${i}].expression`);
    checkParsed(`the expression of the header ${h.name} of ${label}`, `headers[${i}].expression`, () => parseExpression(h.expression));
  });
  return { ...before, name, props: { ...props, secretKeys: props.secretKeys.map((k, i) => restoreSecret(k, before.props.secretKeys, `secretKeys[${i}].secret`, name)) } };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function staleVersion(flow: Actionflow, version: unknown): ApiError {
  return new ApiError(
    409,
    'stale_version',
    `${capitalise(what(flow))} was saved elsewhere (it is now at version ${flow.version}) after your draft was made from version ${String(version)}; nothing was saved. Reload it to see those changes, or keep your draft and save it again over them.`,
    'version',
  );
}

/** The buttons that run an actionflow, as "the Call API button of the screen Call API". */
async function buttonsUsing(ctx: ServerContext, id: string): Promise<string[]> {
  const screens = await ctx.db.screens.toArray();
  return screens.flatMap((s) => s.buttons.filter((b) => b.actionflowId === id).map((b) => `the ${b.label} button of the screen ${s.name}`));
}

/** Handlers of `/sandbox/api/actionflows/...`. */
export function actionflowHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'post', `*${SANDBOX_API}/actionflows`, async (args) => {
      await requireDesigner(ctx, args.request, 'create actionflows');
      const body = new Reader(await readJson(args.request, 'create an actionflow'), '', 'the new actionflow');
      const raw = body.object(['applicationId', 'kind', 'name', 'description']) as Partial<Record<keyof NewActionflow, unknown>>;
      const kind = body.field('kind', 'the kind of the new actionflow').oneOf(['screen', 'apiEndpoint']);
      const created = await transact(db, [db.actionflows, db.applications], async () => {
        const application = await db.applications.get(String(raw.applicationId ?? ''));
        if (!application) throw new ValidationError(`There is no application with the id ${String(raw.applicationId ?? '')} to create the actionflow in.`, 'applicationId');
        const name = readName(body.field('name', 'the name of the new actionflow'));
        const description = body.field('description', 'the description of the new actionflow').string({ max: DESCRIPTION_MAX_LENGTH, fallback: '' });
        const flow = newActionflow({ id: `af-${crypto.randomUUID()}`, applicationId: application.id, kind, name, description });
        await checkUnique(ctx, flow);
        await db.actionflows.add(flow);
        return flow;
      });
      return jsonResponse(await saved(ctx, created), { status: 201 });
    }),

    route(ctx, 'get', `*${SANDBOX_API}/actionflows/:id`, async (args) => {
      await requireSession(ctx, args.request, 'read actionflows');
      const flow = await db.actionflows.get(param(args, 'id'));
      if (!flow) throw notFound(param(args, 'id'));
      return jsonResponse(await saved(ctx, flow));
    }),

    route(ctx, 'put', `*${SANDBOX_API}/actionflows/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'change actionflows');
      const id = param(args, 'id');
      const json = await readJson(args.request, 'save an actionflow');
      const next = await transact(db, [db.actionflows], async () => {
        const before = await db.actionflows.get(id);
        if (!before) throw notFound(id);
        const body = new Reader(json, '', `the save of ${what(before)}`);
        const raw = body.object(['version', 'actions', 'connections', ...SETTINGS_FIELDS]);
        if (raw.version !== before.version) {
          if (typeof raw.version !== 'number') throw new ValidationError(`The save of ${what(before)} must say which version it was made from (version).`, 'version');
          throw staleVersion(before, raw.version);
        }
        const settings = readSettings(body, before, what(before));
        const graph = readGraph(body);
        const flow: Actionflow = { ...before, ...settings, ...graph, actions: keepSecrets(before, graph.actions), version: before.version + 1 };
        await checkUnique(ctx, flow);
        await db.actionflows.put(flow);
        return flow;
      });
      return jsonResponse(await saved(ctx, next));
    }),

    route(ctx, 'patch', `*${SANDBOX_API}/actionflows/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'change actionflows');
      const id = param(args, 'id');
      const json = await readJson(args.request, 'change an actionflow');
      const next = await transact(db, [db.actionflows], async () => {
        const before = await db.actionflows.get(id);
        if (!before) throw notFound(id);
        const body = new Reader(json, '', what(before));
        const raw = body.object([...SETTINGS_FIELDS, 'version']);
        if (raw.version !== undefined && raw.version !== before.version) throw staleVersion(before, raw.version);
        const flow: Actionflow = { ...before, ...readSettings(body, before, what(before)), version: before.version + 1 };
        await checkUnique(ctx, flow);
        await db.actionflows.put(flow);
        return flow;
      });
      return jsonResponse(maskActionflow(next));
    }),

    route(ctx, 'put', `*${SANDBOX_API}/actionflows/:id/nodes/:nodeId`, async (args) => {
      await requireDesigner(ctx, args.request, 'change actionflows');
      const id = param(args, 'id');
      const nodeId = param(args, 'nodeId');
      const body = await readJson(args.request, 'change an action');
      const next = await transact(db, [db.actionflows], async () => {
        const before = await db.actionflows.get(id);
        if (!before) throw notFound(id);
        const action = before.actions.find((a) => a.id === nodeId);
        if (!action) throw new NotFoundError(`${capitalise(what(before))} has no action with the id ${nodeId}.`);
        if (action.kind !== 'http') {
          throw new ValidationError(`The action ${action.name} of ${what(before)} is a ${action.kind} action; only HTTP actions can be changed here.`);
        }
        const changed = readHttpForm(body, action, before);
        const flow: Actionflow = { ...before, actions: before.actions.map((a) => (a.id === nodeId ? changed : a)), version: before.version + 1 };
        await db.actionflows.put(flow);
        return flow;
      });
      return jsonResponse(maskActionflow(next));
    }),

    route(ctx, 'post', `*${SANDBOX_API}/actionflows/:id/duplicate`, async (args) => {
      await requireDesigner(ctx, args.request, 'duplicate actionflows');
      const id = param(args, 'id');
      const json = await readJson(args.request, 'duplicate an actionflow');
      const copy = await transact(db, [db.actionflows], async () => {
        const before = await db.actionflows.get(id);
        if (!before) throw notFound(id);
        const body = new Reader(json, '', `the copy of ${what(before)}`);
        const raw = body.object(['name']);
        const siblings = await db.actionflows.where('applicationId').equals(before.applicationId).toArray();
        // The copy's name must fit the name rule too: a long name is shortened before " (copy n)".
        const copyName = (suffix: string) => `${before.name.slice(0, NAME_MAX_LENGTH - suffix.length).trimEnd()}${suffix}`;
        let name = copyName(' (copy)');
        for (let n = 2; siblings.some((s) => sameName(s.name, name)); n++) name = copyName(` (copy ${n})`);
        if (raw.name !== undefined) name = readSettings(body, { ...before, name: '' }, `the copy of ${what(before)}`).name;
        // A URL Alias names one end point, so the copy starts without one.
        const flow: Actionflow = { ...before, id: `af-${crypto.randomUUID()}`, name, version: 1, api: before.api ? { ...before.api, urlAlias: '' } : null };
        await checkUnique(ctx, flow);
        await db.actionflows.add(flow);
        return flow;
      });
      return jsonResponse(await saved(ctx, copy), { status: 201 });
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/actionflows/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'delete actionflows');
      const id = param(args, 'id');
      await transact(db, [db.actionflows, db.screens], async () => {
        const flow = await db.actionflows.get(id);
        if (!flow) throw notFound(id);
        const users = await buttonsUsing(ctx, id);
        if (users.length > 0) {
          throw new ApiError(409, 'in_use', `${capitalise(what(flow))} cannot be deleted while ${users.join(' and ')} ${users.length === 1 ? 'uses' : 'use'} it; detach it first.`);
        }
        await db.actionflows.delete(id);
      });
      return new HttpResponse(null, { status: 204 });
    }),

    route(ctx, 'get', `*${SANDBOX_API}/actionflows/:id/runs`, async (args) => {
      await requireSession(ctx, args.request, 'read the runs of actionflows');
      const id = param(args, 'id');
      if (!(await db.actionflows.get(id))) throw notFound(id);
      const runs = await db.runs.where('actionflowId').equals(id).toArray();
      return jsonResponse(runs.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1)));
    }),
  ];
}

