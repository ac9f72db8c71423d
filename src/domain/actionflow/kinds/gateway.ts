/**
 * Gateway: sends each record on the first branch whose condition holds, otherwise on `otherwise`.
 * Each branch is a connection point of its own name.
 */
import { isTruthy } from '../../expression/values';
import { IDENTIFIER_PATTERN } from '../../rules';
import { actionProblem, declaredInputs, expressionProblems, type ActionKind } from '../kind';
import { uniqueNames } from '../reader';
import { evaluateFor, NAME_RULE } from './common';

export interface GatewayBranch {
  /** The branch's connection point. */
  name: string;
  condition: string;
}

export interface GatewayProps {
  branches: GatewayBranch[];
}

/** The point a record takes when no branch's condition holds. */
export const OTHERWISE = 'otherwise';

export const gatewayKind: ActionKind<'gateway', GatewayProps> = {
  kind: 'gateway',
  label: 'Gateway',
  description: 'Sends each record down the first branch whose condition holds.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: (props) => [...props.branches.map((b) => b.name), OTHERWISE],
  inputs: (action) => declaredInputs(action),
  defaults: () => ({ branches: [{ name: 'yes', condition: '' }] }),
  read(props) {
    props.object(['branches']);
    const list = props.field('branches', `the branches of ${props.what}`);
    const branches = list.list(20, (i) => `branch ${i + 1} of ${props.what}`).map((item) => {
      item.object(['name', 'condition']);
      const name = item.field('name', `the name of ${item.what}`).string({ pattern: IDENTIFIER_PATTERN, patternRule: NAME_RULE, trim: true });
      if (name === OTHERWISE) item.fail(`${item.what} cannot be called ${OTHERWISE}: that is the point records take when no condition holds.`, `${item.path}.name`);
      return { reader: item, value: { name, condition: item.field('condition', `the condition of ${item.what}`).string({ fallback: '' }) } };
    });
    uniqueNames(branches.map((b) => ({ reader: b.reader, name: b.value.name })), list.what);
    return { branches: branches.map((b) => b.value) };
  },
  validate(action, ctx) {
    const inputs = gatewayKind.inputs(action, ctx);
    const problems = action.props.branches.flatMap((b, i) =>
      expressionProblems(action, `the condition of the branch ${b.name} of the Gateway ${action.name}`, `props.branches[${i}].condition`, b.condition, inputs, { required: true }),
    );
    if (action.props.branches.length === 0) problems.push(actionProblem(action, 'props.branches', `The Gateway ${action.name} has no branches yet; add one with a condition.`));
    return problems;
  },
  produces: () => [],
  async run(action, items, env) {
    const results = [];
    for (const item of items) {
      let point = OTHERWISE;
      for (const b of action.props.branches) {
        if (isTruthy(await evaluateFor(action, 'Gateway', `the condition of the branch ${b.name}`, b.condition, item.params, env))) {
          point = b.name;
          break;
        }
      }
      results.push(new Map([[point, [{}]]]));
    }
    return results;
  },
};
