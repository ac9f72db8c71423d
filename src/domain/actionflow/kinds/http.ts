/**
 * HTTP ("Call API"): sends one request per record and sends one record on `out` or `error`, with the
 * input's attributes passing through. Expressions may read the action's secret keys as
 * `_datasource.<Name>`, but only when the user the actionflow runs as holds "Use API Key"; otherwise
 * the request is not sent and the record goes to `error`, saying why. The Error Expression (by
 * default: a status outside 200-299) sees `in` and `_result`; each output's attributes read
 * `_result.status`, `_result.body` and `_result.contentType`.
 */
import { ExpressionError, renderTemplate } from '../../expression';
import { parseJson5 } from '../json5';
import { isTruthy } from '../../expression/values';
import { USE_API_KEY } from '../../privileges';
import { HEADER_NAME_PATTERN, IDENTIFIER_PATTERN, MASKED_SECRET, SECRET_MAX_LENGTH } from '../../rules';
import { ActionflowError, actionProblem, declaredInputs, expressionProblems, type ActionKind, type HttpResult, type Problem } from '../kind';
import { parseJsonPath, queryJsonPath } from '../json-path';
import type { NamedExpression } from '../model';
import { uniqueNames, type Reader } from '../reader';
import { computeAttributes, computedProblems, evaluateFor, NAME_RULE, readComputedAttributes } from './common';
import { defaultHttpOutput, HTTP_OUTPUT_TYPES, type HttpOutput } from './http-output';

export { HTTP_OUTPUT_TYPES, defaultHttpOutput, type HttpOutput, type HttpOutputType } from './http-output';

export const HTTP_METHODS = ['GET', 'POST', 'GET or POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A secret of an HTTP action, referenced in expressions as `_datasource.<name>`. */
export interface SecretKey {
  /** Stable across renames, so a saved secret is kept when its row is renamed. */
  id: string;
  name: string;
  enabled: boolean;
  /** The secret value. The server masks it as asterisks whenever it sends an actionflow out. */
  secret: string;
}

export interface HttpProps {
  method: HttpMethod;
  urlTemplate: string;
  /** Sent as the request body unless it is only whitespace. */
  bodyTemplate: string;
  headers: NamedExpression[];
  secretKeys: SecretKey[];
  /** True means the answer goes to `error`; empty: a status outside 200-299. */
  errorExpression: string;
  /** Keeps what was sent and received in the run's trace. */
  logTraffic: boolean;
  maxLogLength: number;
  /** Off: spaces in the URL become %20. */
  useRawUrl: boolean;
  outputs: { out: HttpOutput; error: HttpOutput };
}

export const MAX_HEADERS = 50;
export const MAX_SECRET_KEYS = 20;
const RESULT_ROOTS = ['in', '_form', '_context', '_user', '_result'];

function readOutput(reader: Reader): HttpOutput {
  if (reader.value === undefined) return defaultHttpOutput();
  reader.object(['outputType', 'charset', 'jsonPath', 'attributes']);
  const output: HttpOutput = {
    outputType: reader.field('outputType', `the Output Type of ${reader.what}`).oneOf(HTTP_OUTPUT_TYPES, 'String'),
    charset: reader.field('charset', `the Default Charset of ${reader.what}`).string({ max: 40, fallback: 'utf-8', trim: true }),
    jsonPath: reader.field('jsonPath', `the JSON Path of ${reader.what}`).string({ max: 500, fallback: '$', trim: true }),
    attributes: readComputedAttributes(reader.field('attributes', `the attributes of ${reader.what}`)),
  };
  return output;
}

export const httpKind: ActionKind<'http', HttpProps> = {
  kind: 'http',
  label: 'HTTP',
  description: 'Calls a URL and sends the answer on out, or on error when it failed.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => ['out', 'error'],
  inputs: (action) => declaredInputs(action),
  defaults: () => ({
    method: 'GET',
    urlTemplate: '',
    bodyTemplate: '',
    headers: [],
    secretKeys: [],
    errorExpression: '',
    logTraffic: false,
    maxLogLength: 10_000,
    useRawUrl: false,
    outputs: { out: defaultHttpOutput(), error: defaultHttpOutput() },
  }),
  read(props) {
    props.object(['method', 'urlTemplate', 'bodyTemplate', 'headers', 'secretKeys', 'errorExpression', 'logTraffic', 'maxLogLength', 'useRawUrl', 'outputs']);
    const headerList = props.field('headers', `the headers of ${props.what}`);
    const headers = (headerList.value === undefined ? [] : headerList.list(MAX_HEADERS, (i) => `header ${i + 1} of ${props.what}`)).map((item) => {
      item.object(['name', 'expression']);
      return {
        reader: item,
        value: {
          name: item
            .field('name', `the name of ${item.what}`)
            .string({ pattern: HEADER_NAME_PATTERN, patternRule: "is not a valid HTTP header name: use letters, digits and !#$%&'*+-.^_`|~ only", trim: true }),
          expression: item.field('expression', `the expression of ${item.what}`).string({ fallback: '' }),
        },
      };
    });
    uniqueNames(headers.map((h) => ({ reader: h.reader, name: h.value.name })), headerList.what);
    const secretList = props.field('secretKeys', `the secret keys of ${props.what}`);
    const secretKeys = (secretList.value === undefined ? [] : secretList.list(MAX_SECRET_KEYS, (i) => `secret key ${i + 1} of ${props.what}`)).map((item, i) => {
      const raw = item.object(['id', 'name', 'enabled', 'secret']);
      return {
        reader: item,
        value: {
          id: raw.id === undefined ? `secret-${i + 1}` : item.field('id', `the id of ${item.what}`).string({ max: 64, trim: true }),
          name: item.field('name', `the name of ${item.what}`).string({ pattern: IDENTIFIER_PATTERN, patternRule: `${NAME_RULE.replace('in.Name', '_datasource.Name')}`, trim: true }),
          enabled: item.field('enabled', `the Enabled setting of ${item.what}`).boolean(true),
          secret: item.field('secret', `the secret of ${item.what}`).string({ max: SECRET_MAX_LENGTH, fallback: '' }),
        },
      };
    });
    uniqueNames(secretKeys.map((s) => ({ reader: s.reader, name: s.value.name })), secretList.what);
    // A masked secret is kept by its key's id, so two keys of one id would make that ambiguous.
    const ids = new Set<string>();
    for (const { reader, value } of secretKeys) {
      if (ids.has(value.id)) reader.fail(`Two secret keys have the id ${value.id} in ${props.what}; ids must be unique.`, `${reader.path}.id`);
      ids.add(value.id);
    }
    const outputs = props.field('outputs', `the outputs of ${props.what}`);
    if (outputs.value !== undefined) outputs.object(['out', 'error']);
    return {
      method: props.field('method', `the HTTP Method of ${props.what}`).oneOf(HTTP_METHODS, 'GET'),
      urlTemplate: props.field('urlTemplate', `the URL Template of ${props.what}`).string({ fallback: '' }),
      bodyTemplate: props.field('bodyTemplate', `the Body Template of ${props.what}`).string({ fallback: '' }),
      headers: headers.map((h) => h.value),
      secretKeys: secretKeys.map((s) => s.value),
      errorExpression: props.field('errorExpression', `the Error Expression of ${props.what}`).string({ fallback: '' }),
      logTraffic: props.field('logTraffic', `the Log Traffic setting of ${props.what}`).boolean(false),
      maxLogLength: props.field('maxLogLength', `the Maximum HTTP Log Length of ${props.what}`).number({ min: 0, max: 1_000_000, integer: true, fallback: 10_000 }),
      useRawUrl: props.field('useRawUrl', `the Use Raw URL setting of ${props.what}`).boolean(false),
      outputs: {
        out: readOutput(outputs.field('out', `the out output of ${props.what}`)),
        error: readOutput(outputs.field('error', `the error output of ${props.what}`)),
      },
    };
  },
  validate(action, ctx) {
    const inputs = httpKind.inputs(action, ctx);
    const p = action.props;
    const what = `the HTTP action ${action.name}`;
    const problems: Problem[] = [
      ...expressionProblems(action, `the URL Template of ${what}`, 'props.urlTemplate', p.urlTemplate, inputs, { required: true, template: true }),
      ...expressionProblems(action, `the Body Template of ${what}`, 'props.bodyTemplate', p.bodyTemplate, inputs, { template: true }),
      ...expressionProblems(action, `the Error Expression of ${what}`, 'props.errorExpression', p.errorExpression, inputs, { roots: RESULT_ROOTS }),
    ];
    p.headers.forEach((h, i) => problems.push(...expressionProblems(action, `the header ${h.name} of ${what}`, `props.headers[${i}].expression`, h.expression, inputs, { required: true })));
    for (const point of ['out', 'error'] as const) {
      const output = p.outputs[point];
      problems.push(...computedProblems(action, 'HTTP', output.attributes, `props.outputs.${point}.attributes`, inputs, RESULT_ROOTS));
      const path = parseJsonPath(output.jsonPath);
      if (typeof path === 'string') problems.push(actionProblem(action, `props.outputs.${point}.jsonPath`, `The JSON Path of the ${point} output of ${what} is not valid: ${path}.`));
    }
    // A secret is used by name; a header that names one the action does not have would fail at run time.
    const names = new Set(p.secretKeys.map((s) => s.name));
    for (const source of [p.urlTemplate, p.bodyTemplate, ...p.headers.map((h) => h.expression)]) {
      for (const match of source.matchAll(/_datasource\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
        if (!names.has(match[1]!)) problems.push(actionProblem(action, 'props.secretKeys', `${capital(what)} uses _datasource.${match[1]}, but it has no secret key named ${match[1]}.`));
      }
    }
    return problems;
  },
  produces: (action, point) => (point === 'out' || point === 'error' ? action.props.outputs[point].attributes.map((a) => ({ name: a.name, type: a.type })) : []),
  async run(action, items, env) {
    const results = [];
    for (const item of items) results.push(await callOnce(action, item.params, env));
    return results;
  },
};

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

class SecretRefused extends Error {}

async function callOnce(
  action: Parameters<typeof httpKind.run>[0],
  params: Record<string, unknown>,
  env: Parameters<typeof httpKind.run>[2],
): Promise<Map<string, Record<string, unknown>[]>> {
  const p = action.props;
  // The secrets this request used: masked wherever the request is written down (log, error sentence).
  const used = new Set<string>();
  const mask = (text: string) => [...used].reduce((t, secret) => (secret ? t.split(secret).join(MASKED_SECRET) : t), text);
  const datasource = (name: string): string => {
    const secret = p.secretKeys.find((s) => s.name === name);
    if (!secret) throw new ActionflowError(`The HTTP action ${action.name} has no secret key named ${name}.`, action.id, action.name);
    if (!secret.enabled) throw new ActionflowError(`The secret key ${name} of the HTTP action ${action.name} is disabled, so it cannot be used.`, action.id, action.name);
    if (!env.runAs.privileges.includes(USE_API_KEY)) {
      throw new SecretRefused(
        `The user ${env.runAs.login} needs the ${USE_API_KEY} privilege to use the secret key ${name} in the HTTP action ${action.name}, so the request was not sent.`,
      );
    }
    used.add(secret.secret);
    return secret.secret;
  };
  let result: HttpResult;
  try {
    let url = await renderFor(action, 'its URL Template', p.urlTemplate, params, env, datasource);
    if (!p.useRawUrl) url = url.replace(/ /g, '%20');
    const bodyText = p.bodyTemplate.trim() === '' ? undefined : await renderFor(action, 'its Body Template', p.bodyTemplate, params, env, datasource);
    const headers: Record<string, string> = {};
    for (const h of p.headers) {
      const value = await evaluateFor(action, 'HTTP', `the header ${h.name}`, h.expression, params, env, { datasource });
      if (value !== null && value !== undefined) headers[h.name] = String(value);
    }
    const method = p.method === 'GET or POST' ? (bodyText === undefined ? 'GET' : 'POST') : p.method;
    try {
      result = await env.send({ method, url, headers, body: bodyText });
    } catch (err) {
      if (env.signal?.aborted) throw err;
      // Shaped like the server's own error bodies, so an actionflow reads it the same way.
      const message = mask(`The HTTP action ${action.name} could not reach ${url}: ${(err as Error).message}`);
      result = { status: 0, contentType: 'application/json', body: JSON.stringify({ error: { code: 'unreachable', message } }) };
    }
    if (p.logTraffic) env.log?.(action.id, trafficText(method, url, bodyText, result, p.maxLogLength, mask));
  } catch (err) {
    if (!(err instanceof SecretRefused)) throw err;
    const refused = err;
    env.onRefusal?.({ actionId: action.id, code: 'missing_privilege', message: refused.message, privilege: USE_API_KEY });
    result = { status: 0, contentType: 'application/json', body: JSON.stringify({ error: { code: 'missing_privilege', message: refused.message } }) };
  }
  const answer = { status: result.status, contentType: result.contentType, body: result.body, isError: result.status < 200 || result.status >= 300 };
  const isError = p.errorExpression.trim() === '' ? answer.isError : isTruthy(await evaluateFor(action, 'HTTP', 'its Error Expression', p.errorExpression, params, env, { result: answer }));
  const point = isError ? 'error' : 'out';
  if (isError) env.onHttpFailure?.({ actionId: action.id, actionName: action.name, status: answer.status });
  const output = p.outputs[point];
  const read = { ...answer, body: await readBody(action, output, answer.body) };
  return new Map([[point, [await computeAttributes(action, 'HTTP', output.attributes, params, env, { result: read })]]]);
}

async function renderFor(
  action: { id: string; name: string },
  what: string,
  template: string,
  params: Record<string, unknown>,
  env: Parameters<typeof httpKind.run>[2],
  datasource: (name: string) => string,
): Promise<string> {
  try {
    return await renderTemplate(template, { in: params, form: env.form, context: {}, user: { username: env.runAs.login, name: env.runAs.name }, datasource }, { clock: env.clock });
  } catch (err) {
    if (!(err instanceof ExpressionError)) throw err;
    throw new ActionflowError(`The HTTP action ${action.name} could not evaluate ${what}: ${err.message}`, action.id, action.name);
  }
}

/** The body as the output reads it: text, or for Output Type JSON the node(s) its JSON Path selects. */
async function readBody(action: { id: string; name: string }, output: HttpOutput, body: string): Promise<unknown> {
  if (output.outputType !== 'JSON') return body;
  if (body.trim() === '') return null;
  let parsed: unknown;
  try {
    parsed = await parseJson5(body);
  } catch {
    throw new ActionflowError(`The HTTP action ${action.name} reads its answer as JSON, but the body is not JSON: ${body.slice(0, 80)}`, action.id, action.name);
  }
  const matches = queryJsonPath(parsed, output.jsonPath);
  return matches.length === 1 ? matches[0] : matches;
}

function trafficText(method: string, url: string, body: string | undefined, result: HttpResult, max: number, mask: (text: string) => string): string {
  const text = mask(`${method} ${url}${body === undefined ? '' : `\n${body}`}\n→ ${result.status} ${result.contentType}\n${result.body}`);
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters not logged)` : text;
}
