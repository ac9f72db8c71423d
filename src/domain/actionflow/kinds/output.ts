/**
 * Output: the answer of an API end point. Its fixed parameters are `body`, `headers`, `contentType`
 * and `statusCode`. When `body` is not mapped, the body is a JSON object of the other parameters
 * mapped onto it (a dotted name such as `error.message` makes a nested object).
 */
import { HEADER_NAME_PATTERN } from '../../rules';
import { ActionflowError, declaredInputs, type ActionKind } from '../kind';
import type { Parameter } from '../model';

export type OutputProps = Record<string, never>;

export const OUTPUT_PARAMETERS: readonly Parameter[] = [
  { name: 'body', type: 'Any' },
  { name: 'headers', type: 'Any' },
  { name: 'contentType', type: 'String' },
  { name: 'statusCode', type: 'Integer' },
];

/** Names of the body's own attributes: identifiers, optionally joined by dots. */
export const BODY_PATH_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}(?:\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}$/;

const FIXED = new Set(OUTPUT_PARAMETERS.map((p) => p.name));

export const outputKind: ActionKind<'output', OutputProps> = {
  kind: 'output',
  label: 'Output',
  description: "The end point's answer: its body, headers, content type and status code.",
  flows: ['apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => [],
  inputs: (action) => declaredInputs(action, OUTPUT_PARAMETERS),
  defaults: () => ({}),
  read(props) {
    if (props.value === undefined) return {};
    props.object([]);
    return {};
  },
  validate: () => [],
  produces: () => [],
  async run(action, items, env) {
    for (const { params, mapped } of items) {
      const code = params.statusCode === null || params.statusCode === undefined ? 200 : Number(params.statusCode);
      if (!Number.isInteger(code) || code < 100 || code > 599) {
        throw new ActionflowError(`The Output ${action.name} of ${env.flowName} gave the status code ${String(params.statusCode)}, which is not a whole number from 100 to 599.`, action.id, action.name);
      }
      let body: unknown;
      if (mapped.includes('body')) body = params.body ?? null;
      else {
        const object: Record<string, unknown> = {};
        for (const name of mapped) if (!FIXED.has(name)) setPath(object, name, params[name] ?? null);
        body = object;
      }
      const headers: Record<string, string> = {};
      const given = params.headers;
      if (given && typeof given === 'object' && !Array.isArray(given)) {
        for (const [name, value] of Object.entries(given)) {
          if (value === null || value === undefined) continue;
          // An answer the browser's Headers would refuse must fail as the Output's error, not later.
          if (!HEADER_NAME_PATTERN.test(name)) {
            throw new ActionflowError(`The Output ${action.name} of ${env.flowName} gives a header named ${JSON.stringify(name)}, which is not a valid HTTP header name.`, action.id, action.name);
          }
          const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
          if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(text)) {
            throw new ActionflowError(`The Output ${action.name} of ${env.flowName} gives the header ${name} a value with a line break or control character, which an HTTP header cannot hold.`, action.id, action.name);
          }
          headers[name] = text;
        }
      }
      env.answer?.({
        kind: 'output',
        actionId: action.id,
        statusCode: code,
        contentType: typeof params.contentType === 'string' && params.contentType ? params.contentType : 'application/json',
        headers,
        body,
      });
    }
    return items.map(() => new Map());
  },
};

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let at = target;
  for (const key of keys.slice(0, -1)) {
    const inner = Object.hasOwn(at, key) ? at[key] : undefined;
    at = (inner && typeof inner === 'object' ? inner : (at[key] = {})) as Record<string, unknown>;
  }
  at[keys[keys.length - 1]!] = value;
}
