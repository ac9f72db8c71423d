/**
 * Analysis (Run Analysis): runs the analysis model of the tables listed. Each input parameter `X` is
 * `_context.X` in the tables' attribute expressions; a run processes the records that no run has
 * processed yet, sets each attribute that has an expression, and stores them as the table's next run
 * (which a View with Data Range "Latest" reads). Records pass through.
 */
import type { Attribute, Table } from '../../entities';
import { evaluate, ExpressionError, expressionReferences, type ExpressionReference } from '../../expression';
import { ActionflowError, actionProblem, coerce, declaredInputs, type ActionKind, type Problem } from '../kind';

export interface AnalysisProps {
  /** The tables whose analysis runs, together, in this order. */
  tableIds: string[];
}

/** The roots an analysis model's expressions may read: the record, the action's parameters, the screen. */
const ANALYSIS_ROOTS = ['in', '_context', '_form'];

/**
 * Problems of one attribute's expression in a table's analysis model: its syntax, the roots it
 * reads (`in.X` must be an attribute of the table), and, given the Analysis action's input
 * parameters as `context`, every `_context.X` the action lacks (null: not checked).
 */
export function analysisAttributeProblems(table: Table, attribute: Attribute, context: readonly string[] | null): string[] {
  const { expression } = attribute;
  if (!expression || expression.trim() === '') return [];
  const where = `The expression of the attribute ${attribute.name} of the table ${table.name}`;
  let refs: ExpressionReference[];
  try {
    refs = expressionReferences(expression);
  } catch (err) {
    if (err instanceof ExpressionError) return [`${where}: ${err.message}`];
    throw err;
  }
  const problems: string[] = [];
  if (attribute.key) problems.push(`The attribute ${attribute.name} is the key of the table ${table.name}: an analysis may not change which record a record is, so it cannot have an expression.`);
  for (const ref of refs) {
    if (!ANALYSIS_ROOTS.includes(ref.root)) {
      problems.push(`${where} uses ${ref.root}.${ref.name}, but only in (the record), _context (the Analysis action's input parameters) and _form are available in an analysis model.`);
    } else if (ref.root === 'in' && !table.attributes.some((a) => a.name === ref.name)) {
      problems.push(`${where} uses in.${ref.name}, but the table ${table.name} has no attribute ${ref.name}.`);
    } else if (ref.root === '_context' && context && !context.includes(ref.name)) {
      problems.push(`The attribute ${attribute.name} of the table ${table.name} uses _context.${ref.name}, but the Analysis action has no input parameter ${ref.name}; map one onto it.`);
    }
  }
  return problems;
}

/** Problems of a table's analysis model: its attribute expressions, and `_context.X` the action lacks. */
export function analysisModelProblems(table: Table, context: readonly string[] | null): string[] {
  return table.attributes.flatMap((attribute) => analysisAttributeProblems(table, attribute, context));
}

export const analysisKind: ActionKind<'analysis', AnalysisProps> = {
  kind: 'analysis',
  label: 'Analysis',
  description: 'Runs the analysis model of tables, passing its input parameters as _context.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => ['out'],
  inputs: (action) => declaredInputs(action),
  defaults: () => ({ tableIds: [] }),
  read(props) {
    props.object(['tableIds']);
    const ids = props
      .field('tableIds', `the tables of ${props.what}`)
      .list(20, (i) => `table ${i + 1} of ${props.what}`)
      .map((item) => item.string({ max: 100 }));
    return { tableIds: [...new Set(ids)] };
  },
  validate(action, ctx) {
    const problems: Problem[] = [];
    if (action.props.tableIds.length === 0) problems.push(actionProblem(action, 'props.tableIds', `The Analysis action ${action.name} has no tables yet; add the tables whose analysis it runs.`));
    const context = analysisKind.inputs(action, ctx).map((p) => p.name);
    action.props.tableIds.forEach((id, i) => {
      const table = ctx.repository.tables.find((t) => t.id === id);
      if (!table) problems.push(actionProblem(action, `props.tableIds[${i}]`, `The Analysis action ${action.name} runs a table (${id}) that the application does not have.`));
      else for (const message of analysisModelProblems(table, context)) problems.push(actionProblem(action, `props.tableIds[${i}]`, message));
    });
    return problems;
  },
  produces: () => [],
  async run(action, items, env) {
    for (const item of items) {
      for (const tableId of action.props.tableIds) {
        const table = await env.data.table(tableId);
        if (!table) throw new ActionflowError(`The Analysis action ${action.name} in ${env.flowName} runs a table (${tableId}) that the application does not have.`, action.id, action.name);
        const withExpressions = table.attributes.filter((a) => a.expression && a.expression.trim() !== '');
        await env.data.runAnalysis(table.id, async (record) => {
          const next = { ...record };
          for (const attribute of withExpressions) {
            let value: unknown;
            try {
              value = await evaluate(attribute.expression!, { in: record, context: item.params, form: env.form }, { clock: env.clock });
            } catch (err) {
              // Only the expression's own errors are the action's; a stopped run's sleep passes on.
              if (!(err instanceof ExpressionError)) throw err;
              throw new ActionflowError(`The Analysis action ${action.name} could not compute the attribute ${attribute.name} of the table ${table.name}: ${err.message}`, action.id, action.name);
            }
            const fitted = coerce(value, attribute.type);
            if (!fitted.ok) {
              throw new ActionflowError(`The attribute ${attribute.name} of the table ${table.name} is of type ${attribute.type}, but its expression gave ${fitted.why}.`, action.id, action.name);
            }
            next[attribute.name] = fitted.value as never;
          }
          return next;
        });
      }
    }
    return items.map(() => new Map([['out', [{}]]]));
  },
};
