/** Pieces several kinds share: reading parameters and computed attributes, evaluating them, tables. */
import { ATTRIBUTE_TYPES, type AttributeType, type Table } from '../../entities';
import { evaluate, ExpressionError } from '../../expression';
import { IDENTIFIER_PATTERN, NAME_MAX_LENGTH } from '../../rules';
import {
  ActionflowError,
  actionProblem,
  coerce,
  describeAction,
  expressionProblems,
  scopeOf,
  type ActionRunEnv,
  type KindContext,
  type Problem,
} from '../kind';
import type { ActionOf, ComputedAttribute, DataType, Parameter } from '../model';
import { Reader, uniqueNames } from '../reader';

export const DATA_TYPES: readonly DataType[] = [...ATTRIBUTE_TYPES, 'List', 'Any'];

/** Most attributes a Calculate, JSON or HTTP output may compute. */
export const MAX_ATTRIBUTES = 200;

/** The rule a parameter or attribute name follows, in words. */
export const NAME_RULE = 'must start with a letter or underscore and hold only letters, digits and underscores (at most 64), so that in.Name can refer to it';

/** Reads a list of computed attributes (Name, Type, Expression). */
export function readComputedAttributes(list: Reader): ComputedAttribute[] {
  const items = list.list(MAX_ATTRIBUTES, (i) => `output attribute ${i + 1} of ${list.what}`).map((item) => {
    item.object(['name', 'type', 'expression']);
    return {
      reader: item,
      value: {
        name: item.field('name', `the name of ${item.what}`).string({ pattern: IDENTIFIER_PATTERN, patternRule: NAME_RULE, trim: true }),
        type: item.field('type', `the type of ${item.what}`).oneOf<AttributeType>(ATTRIBUTE_TYPES, 'String'),
        expression: item.field('expression', `the expression of ${item.what}`).string({ fallback: '' }),
      },
    };
  });
  uniqueNames(items.map((i) => ({ reader: i.reader, name: i.value.name })), list.what);
  return items.map((i) => i.value);
}

/** Reads a list of parameters (Name, Type, Default). */
export function readParameters(list: Reader, max = MAX_ATTRIBUTES, pattern: RegExp = IDENTIFIER_PATTERN): Parameter[] {
  const items = list.list(max, (i) => `parameter ${i + 1} of ${list.what}`).map((item) => {
    const raw = item.object(['name', 'type', 'default']);
    const parameter: Parameter = {
      name: item.field('name', `the name of ${item.what}`).string({ pattern, patternRule: NAME_RULE, trim: true }),
      type: item.field('type', `the type of ${item.what}`).oneOf(DATA_TYPES, 'String'),
    };
    if (raw.default !== undefined && raw.default !== null) parameter.default = item.field('default', `the default of ${item.what}`).string({ max: NAME_MAX_LENGTH * 10 });
    return { reader: item, value: parameter };
  });
  uniqueNames(items.map((i) => ({ reader: i.reader, name: i.value.name })), list.what);
  return items.map((i) => i.value);
}

/** Problems of computed attributes' expressions. */
export function computedProblems(
  action: ActionOf<string, unknown>,
  label: string,
  attributes: readonly ComputedAttribute[],
  field: string,
  inputs: readonly Parameter[],
  roots?: readonly string[],
): Problem[] {
  return attributes.flatMap((a, i) =>
    expressionProblems(action, `the expression of the output attribute ${a.name} of ${describeAction(label, action.name)}`, `${field}[${i}].expression`, a.expression, inputs, {
      required: true,
      roots,
    }),
  );
}

/** Evaluates computed attributes in order (each may use those before it only through `in`). */
export async function computeAttributes(
  action: ActionOf<string, unknown>,
  label: string,
  attributes: readonly ComputedAttribute[],
  params: Record<string, unknown>,
  env: ActionRunEnv,
  extra: { result?: unknown; context?: Record<string, unknown> } = {},
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const a of attributes) {
    const value = await evaluateFor(action, label, `the output attribute ${a.name}`, a.expression, params, env, extra);
    const fitted = coerce(value, a.type);
    if (!fitted.ok) {
      throw new ActionflowError(
        `The output attribute ${a.name} of ${describeAction(label, action.name)} is of type ${a.type}, but its expression gave ${fitted.why}.`,
        action.id,
        action.name,
      );
    }
    out[a.name] = fitted.value;
  }
  return out;
}

/** Evaluates one expression of an action; an expression error becomes the action's error sentence. */
export async function evaluateFor(
  action: { id: string; name: string },
  label: string,
  what: string,
  source: string,
  params: Record<string, unknown>,
  env: ActionRunEnv,
  extra: { result?: unknown; context?: Record<string, unknown>; datasource?: (name: string) => unknown } = {},
): Promise<unknown> {
  try {
    return await evaluate(source, { ...scopeOf(params, env, extra), datasource: extra.datasource }, { clock: env.clock });
  } catch (err) {
    // Errors of the expression are the action's; others (a secret refused, a stopped run) pass on.
    if (!(err instanceof ExpressionError)) throw err;
    throw new ActionflowError(`${capitalise(describeAction(label, action.name))} could not evaluate ${what}: ${err.message}`, action.id, action.name);
  }
}

/** The table an action names, looked up in the repository: a problem when it is not there. */
export function tableProblem(action: { id: string; name: string }, label: string, tableId: string, ctx: KindContext, field = 'props.tableId'): { table?: Table; problems: Problem[] } {
  if (!tableId) return { problems: [actionProblem(action, field, `${capitalise(describeAction(label, action.name))} has no table yet; choose one of the application's tables.`)] };
  const table = ctx.repository.tables.find((t) => t.id === tableId);
  if (!table) return { problems: [actionProblem(action, field, `${capitalise(describeAction(label, action.name))} uses a table (${tableId}) that the application does not have.`)] };
  return { table, problems: [] };
}

/** The attributes of a table as parameters (hidden ones left out). */
export function tableAttributes(table: Table | undefined): Parameter[] {
  return (table?.attributes ?? []).map((a) => ({ name: a.name, type: a.type }));
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Reads a table id field: text, at most 100 characters (whether it exists is a validation problem). */
export function readTableId(field: Reader): string {
  return field.string({ max: NAME_MAX_LENGTH, fallback: '' });
}

/** Each item's pass-through result on one point: the given attributes. */
export function onPoint(point: string, records: Record<string, unknown>[]): Map<string, Record<string, unknown>[]> {
  return new Map([[point, records]]);
}
