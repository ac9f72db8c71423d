/**
 * Changing actionflows: their Basic Settings and API section (PATCH), and an HTTP action's method,
 * URL template, headers and secret keys (PUT of the node). Expressions and templates are parsed
 * before anything is saved; a secret sent back as asterisks keeps its saved value.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import type { Actionflow, ApiSettings, HttpMethod, HttpNode, NamedExpression, SecretKey } from '$domain/actionflow';
import { NotFoundError, ValidationError } from '$domain/errors';
import { ExpressionError, parseExpression, parseTemplate } from '$domain/expression';
import { MASKED_SECRET, sameName } from '$domain/rules';
import { SANDBOX_API, type ServerContext } from './context';
import { ApiError } from './errors';
import { requireDesigner } from './guards';
import { asObject, booleanField, onlyFields, stringField, type JsonObject } from './input';
import { param, readJson, route } from './route';
import { maskActionflow } from './views';
import { transact } from './transact';

const MAX_NAME = 100;
const MAX_DESCRIPTION = 2_000;
const MAX_HEADERS = 50;
const MAX_SECRET_KEYS = 20;
const MAX_SECRET_CHARS = 4_096;
/** Timeout bounds in milliseconds: 1 ms to one hour. */
export const MAX_TIMEOUT_MS = 3_600_000;
const URL_ALIAS = /^[A-Za-z0-9_-]{0,64}$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,100}$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'GET or POST'];
const API_FIELDS = ['urlAlias', 'apiMode', 'allowAnonymousConnections', 'timeoutMs', 'logRequest', 'logResponse'] as const;

function notFound(id: string): NotFoundError {
  return new NotFoundError(`There is no actionflow with the id ${id}; it may have been deleted.`);
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

function readApi(body: JsonObject, before: ApiSettings, what: string): ApiSettings {
  onlyFields(body, API_FIELDS, `the API settings of ${what}`);
  const urlAlias = (stringField(body, 'urlAlias', 'URL Alias', what) ?? before.urlAlias).trim();
  if (!URL_ALIAS.test(urlAlias)) {
    throw new ValidationError(`The URL Alias of ${what} may hold only letters, digits, underscores and hyphens, at most 64 of them.`, 'api.urlAlias');
  }
  const apiMode = body.apiMode === undefined ? before.apiMode : body.apiMode;
  if (apiMode !== 'synchronous' && apiMode !== 'asynchronous') {
    throw new ValidationError(`The API Mode of ${what} must be synchronous or asynchronous.`, 'api.apiMode');
  }
  const timeoutMs = body.timeoutMs === undefined ? before.timeoutMs : body.timeoutMs;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    throw new ValidationError(`The Timeout of ${what} must be a whole number of milliseconds from 1 to ${MAX_TIMEOUT_MS.toLocaleString('en')}.`, 'api.timeoutMs');
  }
  const flag = (name: 'allowAnonymousConnections' | 'logRequest' | 'logResponse', label: string) => {
    try {
      return booleanField(body, name, label, what) ?? before[name];
    } catch (err) {
      if (err instanceof ValidationError) throw new ValidationError(err.message, `api.${name}`);
      throw err;
    }
  };
  return {
    urlAlias,
    apiMode,
    timeoutMs,
    allowAnonymousConnections: flag('allowAnonymousConnections', 'Allow Anonymous Connections'),
    logRequest: flag('logRequest', 'Log Request'),
    logResponse: flag('logResponse', 'Log Response'),
  };
}

async function applyPatch(ctx: ServerContext, before: Actionflow, body: JsonObject): Promise<Actionflow> {
  const what = `the actionflow ${before.name}`;
  onlyFields(body, ['name', 'description', 'exclusionGroup', 'api'], what);
  const name = (stringField(body, 'name', 'name', what) ?? before.name).trim();
  if (!name) throw new ValidationError(`The name of ${what} is required.`, 'name');
  if (name.length > MAX_NAME) throw new ValidationError(`The name of ${what} must be at most ${MAX_NAME} characters.`, 'name');
  if (/[/\\]/.test(name)) throw new ValidationError(`The name of ${what} cannot hold a slash, because it becomes part of the end point's URL.`, 'name');
  const description = stringField(body, 'description', 'description', what) ?? before.description;
  if (description.length > MAX_DESCRIPTION) {
    throw new ValidationError(`The description of ${what} must be at most ${MAX_DESCRIPTION} characters.`, 'description');
  }
  const exclusionGroup = (stringField(body, 'exclusionGroup', 'Exclusion Group', what) ?? before.exclusionGroup).trim();
  if (exclusionGroup.length > MAX_NAME) {
    throw new ValidationError(`The Exclusion Group of ${what} must be at most ${MAX_NAME} characters.`, 'exclusionGroup');
  }
  let api = before.api;
  if (body.api !== undefined) {
    if (before.kind !== 'apiEndpoint' || !before.api) {
      throw new ValidationError(`${capitaliseWhat(what)} is a screen actionflow, so it has no API settings; only API end points do.`, 'api');
    }
    api = readApi(asObject(body.api, `the API settings of ${what}`), before.api, what);
  }
  const siblings = await ctx.db.actionflows.where('applicationId').equals(before.applicationId).toArray();
  const clash = siblings.find((a) => a.id !== before.id && sameName(a.name, name));
  if (clash) throw new ValidationError(`The application already has an actionflow named ${clash.name}; choose another name.`, 'name');
  if (api && api.urlAlias !== '') {
    const alias = api.urlAlias;
    const taken = await ctx.db.actionflows.filter((a) => a.id !== before.id && !!a.api && sameName(a.api.urlAlias, alias)).first();
    if (taken) throw new ValidationError(`The URL Alias ${alias} is already used by the end point ${taken.name}; choose another.`, 'api.urlAlias');
  }
  return { ...before, name, description, exclusionGroup, api };
}

function capitaliseWhat(what: string): string {
  return what.charAt(0).toUpperCase() + what.slice(1);
}

function readHeaders(value: unknown, what: string): NamedExpression[] {
  if (!Array.isArray(value)) throw new ValidationError(`The headers of ${what} must be a list of name and expression pairs.`, 'headers');
  if (value.length > MAX_HEADERS) throw new ValidationError(`${capitaliseWhat(what)} may have at most ${MAX_HEADERS} headers.`, 'headers');
  const seen = new Set<string>();
  return value.map((raw, i) => {
    const field = `headers[${i}]`;
    const header = asObject(raw, `header ${i + 1} of ${what}`);
    onlyFields(header, ['name', 'expression'], `header ${i + 1} of ${what}`);
    const name = (stringField(header, 'name', 'name', `header ${i + 1} of ${what}`) ?? '').trim();
    if (!HEADER_NAME.test(name)) {
      throw new ValidationError(
        `The header name ${JSON.stringify(name)} of ${what} is not a valid HTTP header name: use letters, digits and !#$%&'*+-.^_\`|~ only.`,
        `${field}.name`,
      );
    }
    if (seen.has(name.toLowerCase())) throw new ValidationError(`${capitaliseWhat(what)} has the header ${name} twice; header names must be unique.`, `${field}.name`);
    seen.add(name.toLowerCase());
    const expression = stringField(header, 'expression', 'expression', `the header ${name} of ${what}`) ?? '';
    if (expression.trim() === '') throw new ValidationError(`The expression of the header ${name} of ${what} is required.`, `${field}.expression`);
    checkParsed(`the expression of the header ${name} of ${what}`, `${field}.expression`, () => parseExpression(expression));
    return { name, expression };
  });
}

function readSecretKeys(value: unknown, before: SecretKey[], what: string): SecretKey[] {
  if (!Array.isArray(value)) throw new ValidationError(`The secret keys of ${what} must be a list.`, 'secretKeys');
  if (value.length > MAX_SECRET_KEYS) throw new ValidationError(`${capitaliseWhat(what)} may have at most ${MAX_SECRET_KEYS} secret keys.`, 'secretKeys');
  const seen = new Set<string>();
  return value.map((raw, i) => {
    const field = `secretKeys[${i}]`;
    const label = `secret key ${i + 1} of ${what}`;
    const key = asObject(raw, label);
    onlyFields(key, ['name', 'enabled', 'secret'], label);
    const name = (stringField(key, 'name', 'name', label) ?? '').trim();
    if (!IDENTIFIER.test(name)) {
      throw new ValidationError(
        `The secret key name ${JSON.stringify(name)} of ${what} must start with a letter or underscore and hold only letters, digits and underscores, so that _datasource.${name || 'Name'} can refer to it.`,
        `${field}.name`,
      );
    }
    if (seen.has(name.toLowerCase())) throw new ValidationError(`${capitaliseWhat(what)} has the secret key ${name} twice; secret key names must be unique.`, `${field}.name`);
    seen.add(name.toLowerCase());
    const enabled = booleanField(key, 'enabled', 'Enabled', `the secret key ${name} of ${what}`) ?? true;
    let secret = stringField(key, 'secret', 'secret', `the secret key ${name} of ${what}`) ?? '';
    if (secret === MASKED_SECRET) {
      const saved = before.find((k) => k.name === name);
      if (!saved || saved.secret === '') {
        throw new ValidationError(`The secret key ${name} of ${what} has no saved secret to keep; type the secret itself.`, `${field}.secret`);
      }
      secret = saved.secret;
    }
    if (secret.length > MAX_SECRET_CHARS) {
      throw new ValidationError(`The secret of the secret key ${name} of ${what} must be at most ${MAX_SECRET_CHARS} characters.`, `${field}.secret`);
    }
    return { name, enabled, secret };
  });
}

function readHttpNode(body: JsonObject, before: HttpNode, siblings: Actionflow['nodes'], afName: string): HttpNode {
  const what = `the HTTP action ${before.name} of the actionflow ${afName}`;
  onlyFields(body, ['name', 'method', 'urlTemplate', 'headers', 'secretKeys', 'logTraffic'], what);
  const name = (stringField(body, 'name', 'name', what, true) ?? '').trim();
  if (!name) throw new ValidationError(`The name of ${what} is required.`, 'name');
  if (name.length > MAX_NAME) throw new ValidationError(`The name of ${what} must be at most ${MAX_NAME} characters.`, 'name');
  const clash = siblings.find((n) => n.id !== before.id && sameName(n.name, name));
  if (clash) throw new ValidationError(`The actionflow ${afName} already has an action named ${clash.name}; choose another name.`, 'name');
  const method = body.method;
  if (typeof method !== 'string' || !HTTP_METHODS.includes(method as HttpMethod)) {
    throw new ValidationError(`The HTTP Method of ${what} must be one of ${HTTP_METHODS.join(', ')}.`, 'method');
  }
  const urlTemplate = stringField(body, 'urlTemplate', 'URL Template', what, true);
  if (urlTemplate.trim() === '') throw new ValidationError(`The URL Template of ${what} is required.`, 'urlTemplate');
  checkParsed(`the URL Template of ${what}`, 'urlTemplate', () => parseTemplate(urlTemplate));
  const headers = readHeaders(body.headers ?? [], what);
  const secretKeys = readSecretKeys(body.secretKeys ?? [], before.secretKeys, what);
  const logTraffic = booleanField(body, 'logTraffic', 'Log Traffic', what) ?? before.logTraffic;
  return { ...before, name, method: method as HttpMethod, urlTemplate, headers, secretKeys, logTraffic };
}

/** Handlers of `/sandbox/api/actionflows/...`. */
export function actionflowHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'patch', `*${SANDBOX_API}/actionflows/:id`, async (args) => {
      await requireDesigner(ctx, args.request, 'change actionflows');
      const id = param(args, 'id');
      const body = await readJson(args.request, 'change an actionflow');
      const saved = await transact(db, [db.actionflows], async () => {
        const before = await db.actionflows.get(id);
        if (!before) throw notFound(id);
        const after = await applyPatch(ctx, before, asObject(body, `the actionflow ${before.name}`));
        await db.actionflows.put(after);
        return after;
      });
      ctx.notifyChanged('actionflows');
      return HttpResponse.json(maskActionflow(saved));
    }),

    route(ctx, 'put', `*${SANDBOX_API}/actionflows/:id/nodes/:nodeId`, async (args) => {
      await requireDesigner(ctx, args.request, 'change actionflows');
      const id = param(args, 'id');
      const nodeId = param(args, 'nodeId');
      const body = await readJson(args.request, 'change an action');
      const saved = await transact(db, [db.actionflows], async () => {
        const before = await db.actionflows.get(id);
        if (!before) throw notFound(id);
        const node = before.nodes.find((n) => n.id === nodeId);
        if (!node) throw new NotFoundError(`The actionflow ${before.name} has no action with the id ${nodeId}.`);
        if (node.kind !== 'http') {
          throw new ValidationError(`The action ${node.name} of the actionflow ${before.name} is a ${node.kind} action; only HTTP actions can be changed here.`);
        }
        const changed = readHttpNode(asObject(body, `the HTTP action ${node.name}`), node, before.nodes, before.name);
        const after: Actionflow = { ...before, nodes: before.nodes.map((n) => (n.id === nodeId ? changed : n)) };
        await db.actionflows.put(after);
        return after;
      });
      ctx.notifyChanged('actionflows');
      return HttpResponse.json(maskActionflow(saved));
    }),
  ];
}
