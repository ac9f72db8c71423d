/**
 * View: looks records up in a table of the application. Each filter keeps the records whose
 * attribute equals its expression's value (or compares to it so, with an operator: a date range is
 * two filters, `>=` and `<=`); Data Range "Latest" keeps those of the table's latest analysis run.
 * Sends each record found on `out`, or the record it got on `empty` when none is found.
 */
import { ActionflowError, actionProblem, declaredInputs, expressionProblems, type ActionKind, type DataFilter } from '../kind';
import { evaluateFor, readTableId, tableAttributes, tableProblem } from './common';

/** How a filter compares the attribute with its expression's value; absent means `=`. */
export const FILTER_OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export interface ViewFilter {
  attribute: string;
  expression: string;
  /** Absent for `=`, so equality filters keep the form they were saved in before operators. */
  operator?: Exclude<FilterOperator, '='>;
}

export interface ViewProps {
  /** The Primary Table. */
  tableId: string;
  filters: ViewFilter[];
  dataRange: 'all' | 'latest';
}

/** Most records one look-up returns. */
export const MAX_VIEW_RECORDS = 10_000;

export const viewKind: ActionKind<'view', ViewProps> = {
  kind: 'view',
  label: 'View',
  description: 'Looks up the records of a table, filtered by expressions.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => ['out', 'empty'],
  inputs: (action) => declaredInputs(action),
  defaults: (ctx) => ({ tableId: ctx.tables[0]?.id ?? '', filters: [], dataRange: 'all' }),
  read(props) {
    props.object(['tableId', 'filters', 'dataRange']);
    const filters = props
      .field('filters', `the filters of ${props.what}`)
      .list(20, (i) => `filter ${i + 1} of ${props.what}`)
      .map((item) => {
        item.object(['attribute', 'expression', 'operator']);
        const operator = item.field('operator', `the operator of ${item.what}`).oneOf(FILTER_OPERATORS, '=');
        return {
          attribute: item.field('attribute', `the attribute of ${item.what}`).string({ max: 64, trim: true }),
          expression: item.field('expression', `the expression of ${item.what}`).string({ fallback: '' }),
          ...(operator === '=' ? {} : { operator }),
        };
      });
    return {
      tableId: readTableId(props.field('tableId', `the table of ${props.what}`)),
      filters,
      dataRange: props.field('dataRange', `the Data Range of ${props.what}`).oneOf(['all', 'latest'], 'all'),
    };
  },
  validate(action, ctx) {
    const { table, problems } = tableProblem(action, 'View', action.props.tableId, ctx);
    const inputs = viewKind.inputs(action, ctx);
    action.props.filters.forEach((f, i) => {
      if (table && !table.attributes.some((a) => a.name === f.attribute)) {
        problems.push(actionProblem(action, `props.filters[${i}].attribute`, `The View action ${action.name} filters on ${f.attribute || '(no attribute)'}, which the table ${table.name} has no attribute of.`));
      }
      problems.push(...expressionProblems(action, `the filter on ${f.attribute} of the View action ${action.name}`, `props.filters[${i}].expression`, f.expression, inputs, { required: true }));
    });
    return problems;
  },
  produces: (action, point, ctx) => (point === 'out' ? tableAttributes(ctx.repository.tables.find((t) => t.id === action.props.tableId)) : []),
  async run(action, items, env) {
    const results = [];
    for (const item of items) {
      const filters: DataFilter[] = [];
      for (const f of action.props.filters) {
        filters.push({ attribute: f.attribute, operator: f.operator ?? '=', value: await evaluateFor(action, 'View', `the filter on ${f.attribute}`, f.expression, item.params, env) });
      }
      const table = await env.data.table(action.props.tableId);
      if (!table) throw new ActionflowError(`The View action ${action.name} in ${env.flowName} reads a table (${action.props.tableId}) that the application does not have.`, action.id, action.name);
      const found = await env.data.read(table.id, filters, action.props.dataRange, MAX_VIEW_RECORDS);
      // Records as the table shows them: hidden attributes (the analysis run) stay behind.
      const rows = found.map((r) => Object.fromEntries(table.attributes.map((a) => [a.name, r[a.name] ?? null])));
      // With nothing found, `empty` gets the record; a lookup from `out` still gets its (empty) list.
      results.push(rows.length > 0 ? new Map([['out', rows]]) : new Map([['out', []], ['empty', [{}]]]));
    }
    return results;
  },
};
