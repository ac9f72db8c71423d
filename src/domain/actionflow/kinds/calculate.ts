/** Calculate: adds output attributes, each computed by an expression over the input parameters. */
import { declaredInputs, type ActionKind } from '../kind';
import type { ComputedAttribute } from '../model';
import { computeAttributes, computedProblems, readComputedAttributes } from './common';

export interface CalculateProps {
  /** Output Attributes: Name, Type, Expression. */
  attributes: ComputedAttribute[];
}

export const calculateKind: ActionKind<'calculate', CalculateProps> = {
  kind: 'calculate',
  label: 'Calculate',
  description: 'Computes output attributes from expressions, once per record.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => ['out'],
  inputs: (action) => declaredInputs(action),
  defaults: () => ({ attributes: [] }),
  read(props) {
    props.object(['attributes']);
    return { attributes: readComputedAttributes(props.field('attributes', `the output attributes of ${props.what}`)) };
  },
  validate(action, ctx) {
    const problems = computedProblems(action, 'Calculate', action.props.attributes, 'props.attributes', calculateKind.inputs(action, ctx));
    if (action.props.attributes.length === 0) {
      problems.push({ where: { kind: 'action', actionId: action.id, field: 'props.attributes' }, message: `The Calculate action ${action.name} has no output attributes yet; add one with a name, a type and an expression.` });
    }
    return problems;
  },
  produces: (action) => action.props.attributes.map((a) => ({ name: a.name, type: a.type })),
  async run(action, items, env) {
    const results = [];
    for (const item of items) results.push(new Map([['out', [await computeAttributes(action, 'Calculate', action.props.attributes, item.params, env)]]]));
    return results;
  },
};
