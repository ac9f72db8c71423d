/**
 * Input: where an actionflow starts. An API end point's input always has the fixed parameters
 * `body`, `headers`, `contentType` and `url` of the call, plus named parameters (query parameters or
 * body fields of the same name, each with an optional default); a screen actionflow's input has
 * the screen's fields it reads.
 */
import { ActionflowError, coerce, type ActionKind } from '../kind';
import type { Parameter } from '../model';
import { readParameters } from './common';

export interface InputProps {
  /** Named parameters, besides an end point's fixed ones. */
  parameters: Parameter[];
}

/** The fixed parameters of an API end point's input, always present. */
export const FIXED_INPUTS: readonly Parameter[] = [
  { name: 'body', type: 'Bigstring' },
  { name: 'headers', type: 'Any' },
  { name: 'contentType', type: 'String' },
  { name: 'url', type: 'String' },
];

export const inputKind: ActionKind<'input', InputProps> = {
  kind: 'input',
  label: 'Input',
  description: 'Where the actionflow starts: the parameters of the call, or the screen fields it reads.',
  flows: ['screen', 'apiEndpoint'],
  addable: false,
  freeInputs: false,
  passesThrough: false,
  points: () => ['out'],
  inputs: () => [],
  defaults: () => ({ parameters: [] }),
  read(props) {
    props.object(['parameters']);
    return { parameters: readParameters(props.field('parameters', `the parameters of ${props.what}`), 200) };
  },
  validate(action) {
    const fixed = new Set(FIXED_INPUTS.map((p) => p.name.toLowerCase()));
    return action.props.parameters
      .filter((p) => fixed.has(p.name.toLowerCase()))
      .map((p) => ({
        where: { kind: 'action' as const, actionId: action.id, field: 'props.parameters' },
        message: `The Input ${action.name} declares ${p.name}, which is already one of an end point's fixed parameters (body, headers, contentType, url).`,
      }));
  },
  produces: (action, _point, ctx) => (ctx.flow.kind === 'apiEndpoint' ? [...FIXED_INPUTS, ...action.props.parameters] : action.props.parameters),
  async run(action, items) {
    return items.map(({ params }) => {
      const out: Record<string, unknown> = {};
      for (const p of FIXED_INPUTS) if (p.name in params) out[p.name] = params[p.name] ?? null;
      // An empty field or a parameter left out takes the parameter's default.
      for (const p of action.props.parameters) {
        const given = params[p.name];
        const raw = given === undefined || given === null || given === '' ? (p.default ?? null) : given;
        const fitted = coerce(raw, p.type);
        if (!fitted.ok) {
          throw new ActionflowError(`The input parameter ${p.name} of ${action.name} is of type ${p.type}, but the call gave ${fitted.why}.`, action.id, action.name);
        }
        out[p.name] = fitted.value;
      }
      return new Map([['out', [out]]]);
    });
  },
};
