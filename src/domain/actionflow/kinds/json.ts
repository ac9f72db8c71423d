/**
 * JSON: reads text as JSON (its Input Expression, e.g. `in.body`) and sends one record per node its
 * Path matches, with the Output Attributes computed from that node as `_result` (e.g.
 * `_result.CompanyName`). Lenient parsing (the default) accepts single quotes, unquoted keys and
 * trailing commas; Use Strict JSON parsing accepts only standard JSON.
 */
import { ActionflowError, actionProblem, declaredInputs, expressionProblems, type ActionKind } from '../kind';
import { parseJsonPath, queryJsonPath } from '../json-path';
import { parseJson5 } from '../json5';
import type { ComputedAttribute } from '../model';
import { computeAttributes, computedProblems, evaluateFor, readComputedAttributes } from './common';

export interface JsonProps {
  inputExpression: string;
  strict: boolean;
  path: string;
  attributes: ComputedAttribute[];
}

const ROOTS = ['in', '_form', '_context', '_user', '_result'];

export const jsonKind: ActionKind<'json', JsonProps> = {
  kind: 'json',
  label: 'JSON',
  description: 'Reads JSON text and sends one record per node its path matches.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => ['out'],
  inputs: (action) => declaredInputs(action),
  defaults: () => ({ inputExpression: 'in.body', strict: false, path: '$', attributes: [] }),
  read(props) {
    props.object(['inputExpression', 'strict', 'path', 'attributes']);
    return {
      inputExpression: props.field('inputExpression', `the Input Expression of ${props.what}`).string({ fallback: 'in.body' }),
      strict: props.field('strict', `the Use Strict JSON parsing setting of ${props.what}`).boolean(false),
      path: props.field('path', `the Path of ${props.what}`).string({ max: 500, fallback: '$', trim: true }),
      attributes: readComputedAttributes(props.field('attributes', `the output attributes of ${props.what}`)),
    };
  },
  validate(action, ctx) {
    const inputs = jsonKind.inputs(action, ctx);
    const what = `the JSON action ${action.name}`;
    const problems = [
      ...expressionProblems(action, `the Input Expression of ${what}`, 'props.inputExpression', action.props.inputExpression, inputs, { required: true }),
      ...computedProblems(action, 'JSON', action.props.attributes, 'props.attributes', inputs, ROOTS),
    ];
    const path = parseJsonPath(action.props.path);
    if (typeof path === 'string') problems.push(actionProblem(action, 'props.path', `The Path of ${what} is not valid: ${path}.`));
    if (action.props.attributes.length === 0) problems.push(actionProblem(action, 'props.attributes', `The JSON action ${action.name} has no output attributes yet; add one per value you need, e.g. CompanyName with the expression _result.CompanyName.`));
    return problems;
  },
  produces: (action) => action.props.attributes.map((a) => ({ name: a.name, type: a.type })),
  async run(action, items, env) {
    const results = [];
    for (const item of items) {
      const text = await evaluateFor(action, 'JSON', 'its Input Expression', action.props.inputExpression, item.params, env);
      if (text === null || text === undefined || (typeof text === 'string' && text.trim() === '')) {
        results.push(new Map([['out', []]]));
        continue;
      }
      let document: unknown = text;
      if (typeof text === 'string') {
        try {
          document = action.props.strict ? JSON.parse(text) : await parseJson5(text);
        } catch (err) {
          const how = action.props.strict ? 'strict JSON' : 'JSON';
          throw new ActionflowError(`The JSON action ${action.name} could not read its input as ${how}: ${(err as Error).message}.`, action.id, action.name);
        }
      }
      let matches: unknown[];
      try {
        matches = queryJsonPath(document, action.props.path);
      } catch (err) {
        throw new ActionflowError(`The JSON action ${action.name}: ${(err as Error).message}`, action.id, action.name);
      }
      const records = [];
      for (const node of matches) records.push(await computeAttributes(action, 'JSON', action.props.attributes, item.params, env, { result: node }));
      results.push(new Map([['out', records]]));
    }
    return results;
  },
};
