/**
 * The functions an expression may call. They live in a null-prototype table and are found with
 * `Object.hasOwn`, so names such as `constructor` or `toString` of Object.prototype never resolve.
 */
import type { Clock } from './clock';
import { MAX_SLEEP_SECONDS } from './limits';
import { describeValue, isNullish, isTruthy, limitText, toText, type Fail } from './values';

/** What a function gets besides its arguments. */
export interface FunctionContext {
  clock: Clock;
  /** Raises an ExpressionError pointing at the call. */
  fail: Fail;
}

/** An argument that is evaluated only when the function asks for it. */
export type LazyArgument = () => Promise<unknown>;

interface Arity {
  minArgs: number;
  maxArgs: number;
}

/** A function of the language; lazy ones receive their arguments unevaluated. */
export type ExpressionFunction =
  | (Arity & { lazy?: false; call(args: unknown[], context: FunctionContext): unknown })
  | (Arity & { lazy: true; call(args: LazyArgument[], context: FunctionContext): Promise<unknown> });

function textArgument(name: string, value: unknown, fail: Fail): string {
  if (typeof value === 'object') fail(`${name} needs text, but got ${describeValue(value)}`);
  return toText(value, fail);
}

function toNumber(value: unknown, fail: Fail): number | null {
  if (isNullish(value)) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    if (value.trim() === '') return null;
    const number = Number(value);
    if (Number.isFinite(number)) return number;
  }
  return fail(`${describeValue(value)} is not a number`);
}

function length(value: unknown, fail: Fail): number {
  if (isNullish(value)) return 0;
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return fail(`length needs text or a list, but got ${describeValue(value)}`);
}

function parseJson(value: unknown, fail: Fail): unknown {
  if (isNullish(value)) return null;
  if (typeof value !== 'string') return fail(`parseJson needs text, but got ${describeValue(value)}`);
  try {
    // Parsed records are plain data; the evaluator reads only their own attributes.
    return JSON.parse(value) as unknown;
  } catch {
    return fail(`${describeValue(value)} is not valid JSON`);
  }
}

async function sleep(seconds: unknown, { clock, fail }: FunctionContext): Promise<number> {
  if (typeof seconds !== 'number' || Number.isNaN(seconds)) return fail(`sleep needs a number of seconds, but got ${describeValue(seconds)}`);
  if (seconds < 0) return fail(`sleep cannot wait a negative time (${seconds} seconds)`);
  if (seconds > MAX_SLEEP_SECONDS) return fail(`sleep can wait at most ${MAX_SLEEP_SECONDS} seconds, not ${seconds}`);
  await clock.sleep(seconds * 1000);
  return seconds;
}

const one = { minArgs: 1, maxArgs: 1 };

const table: Record<string, ExpressionFunction> = Object.assign(Object.create(null) as Record<string, ExpressionFunction>, {
  /** `if(condition, then, else)`: only the chosen branch is evaluated; no `else` gives null. */
  if: {
    lazy: true,
    minArgs: 2,
    maxArgs: 3,
    async call([condition, then, otherwise]: LazyArgument[]) {
      if (isTruthy(await condition!())) return then!();
      return otherwise ? otherwise() : null;
    },
  },
  toUpper: { ...one, call: ([v]: unknown[], { fail }: FunctionContext) => (isNullish(v) ? null : limitText(textArgument('toUpper', v, fail).toUpperCase(), fail)) },
  toLower: { ...one, call: ([v]: unknown[], { fail }: FunctionContext) => (isNullish(v) ? null : limitText(textArgument('toLower', v, fail).toLowerCase(), fail)) },
  /** Joins its values as text; null counts as "". */
  concat: {
    minArgs: 0,
    maxArgs: Number.POSITIVE_INFINITY,
    call: (values: unknown[], { fail }: FunctionContext) => limitText(values.map((v) => toText(v, fail)).join(''), fail),
  },
  now: { minArgs: 0, maxArgs: 0, call: (_: unknown[], { clock }: FunctionContext) => clock.now().toISOString() },
  /** Waits `seconds` of the clock's time, then gives `seconds`. */
  sleep: { ...one, call: ([seconds]: unknown[], context: FunctionContext) => sleep(seconds, context) },
  parseJson: { ...one, call: ([text]: unknown[], { fail }: FunctionContext) => parseJson(text, fail) },
  toString: { ...one, call: ([v]: unknown[], { fail }: FunctionContext) => toText(v, fail) },
  toNumber: { ...one, call: ([v]: unknown[], { fail }: FunctionContext) => toNumber(v, fail) },
  length: { ...one, call: ([v]: unknown[], { fail }: FunctionContext) => length(v, fail) },
  isNull: { ...one, call: ([v]: unknown[]) => isNullish(v) },
  /** `ifNull(value, fallback)`: the fallback is evaluated only when the value is null. */
  ifNull: {
    lazy: true,
    minArgs: 2,
    maxArgs: 2,
    async call([value, fallback]: LazyArgument[]) {
      const first = await value!();
      return isNullish(first) ? fallback!() : first;
    },
  },
} satisfies Record<string, ExpressionFunction>);
Object.freeze(table);

/** The function called `name`, or null when the language has none by that exact name. */
export function findFunction(name: string): ExpressionFunction | null {
  return Object.hasOwn(table, name) ? (table[name] ?? null) : null;
}

/** The names of every function, for editors and hints. */
export function functionNames(): string[] {
  return Object.keys(table);
}
