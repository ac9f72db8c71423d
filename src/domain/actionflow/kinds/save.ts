/**
 * Save: writes records to a transactional table. Type Insert always inserts (a key that exists is
 * an error), Update changes an existing record, Auto inserts or updates. With Auto Save Attributes
 * (on by default), attributes of the driving record that were not mapped are saved too when the
 * table has an attribute of the same name. Several values for one attribute fail the action.
 */
import { ActionflowError, actionProblem, coerce, DataWriteError, declaredInputs, type ActionKind } from '../kind';
import type { DataRecord } from '../../entities';
import { readTableId, tableProblem } from './common';

export type SaveType = 'insert' | 'update' | 'auto';

export interface SaveProps {
  tableId: string;
  type: SaveType;
  autoSaveAttributes: boolean;
}

export const SAVE_TYPE_LABELS: Record<SaveType, string> = { insert: 'Insert', update: 'Update', auto: 'Auto (insert or update)' };

export const saveKind: ActionKind<'save', SaveProps> = {
  kind: 'save',
  label: 'Save',
  description: 'Saves records into a table: insert, update, or either.',
  flows: ['screen', 'apiEndpoint'],
  addable: true,
  freeInputs: true,
  passesThrough: true,
  points: () => ['out'],
  inputs: (action) => declaredInputs(action),
  defaults: (ctx) => ({ tableId: ctx.tables.find((t) => t.transactional)?.id ?? '', type: 'auto', autoSaveAttributes: true }),
  read(props) {
    props.object(['tableId', 'type', 'autoSaveAttributes']);
    return {
      tableId: readTableId(props.field('tableId', `the table of ${props.what}`)),
      type: props.field('type', `the Type of ${props.what}`).oneOf<SaveType>(['insert', 'update', 'auto'], 'auto'),
      autoSaveAttributes: props.field('autoSaveAttributes', `the Auto Save Attributes setting of ${props.what}`).boolean(true),
    };
  },
  validate(action, ctx) {
    const { table, problems } = tableProblem(action, 'Save', action.props.tableId, ctx);
    if (!table) return problems;
    if (!table.transactional) problems.push(actionProblem(action, 'props.tableId', `The Save action ${action.name} saves into ${table.name}, which is not a transactional table; choose a table that actions may write to.`));
    for (const input of action.inputs) {
      if (!table.attributes.some((a) => a.name === input.name)) {
        problems.push(actionProblem(action, 'inputs', `The Save action ${action.name} has the input parameter ${input.name}, but the table ${table.name} has no attribute of that name to save it in.`));
      }
    }
    return problems;
  },
  produces: () => [],
  async run(action, items, env) {
    const table = await env.data.table(action.props.tableId);
    if (!table) throw new ActionflowError(`The Save action ${action.name} in ${env.flowName} saves into a table (${action.props.tableId}) that the application does not have.`, action.id, action.name);
    // Validation names this too, but a run allowed with validation errors must not write there either.
    if (!table.transactional) {
      throw new ActionflowError(`The Save action ${action.name} saves into ${table.name}, which is not a transactional table, so it saved nothing.`, action.id, action.name);
    }
    const key = table.attributes.find((a) => a.key);
    const records: DataRecord[] = items.map(({ record, params, mapped }) => {
      const row: DataRecord = {};
      for (const attribute of table.attributes) {
        let value: unknown;
        if (mapped.includes(attribute.name)) value = params[attribute.name];
        else if (action.props.autoSaveAttributes && Object.hasOwn(record, attribute.name)) value = record[attribute.name];
        else continue;
        if (Array.isArray(value)) {
          throw new ActionflowError(`The Save action ${action.name} got ${value.length} values for the attribute ${attribute.name} of one record; a record holds one value per attribute.`, action.id, action.name);
        }
        const fitted = coerce(value, attribute.type);
        if (!fitted.ok) throw new ActionflowError(`The Save action ${action.name} cannot save ${fitted.why} in the ${attribute.type} attribute ${attribute.name} of ${table.name}.`, action.id, action.name);
        row[attribute.name] = fitted.value as DataRecord[string];
      }
      if (key && (row[key.name] === null || row[key.name] === undefined || row[key.name] === '')) {
        throw new ActionflowError(`The Save action ${action.name} has a record without ${key.name}, the attribute that identifies records of ${table.name}; map it or turn Auto Save Attributes on.`, action.id, action.name);
      }
      return row;
    });
    try {
      await env.data.write(table.id, action.props.type, records);
    } catch (err) {
      if (err instanceof DataWriteError) throw new ActionflowError(`The Save action ${action.name} failed and saved nothing: ${err.message}`, action.id, action.name);
      throw err;
    }
    return items.map(() => new Map([['out', [{}]]]));
  },
};
