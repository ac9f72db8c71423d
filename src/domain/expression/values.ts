/** How the language sees values: as text, as true/false, in messages, and when reading attributes. */
import { FORBIDDEN_KEYS } from './ast';
import { quoteForMessage } from './errors';
import { MAX_TEXT_LENGTH } from './limits';

/** Raises an ExpressionError at the node being evaluated; supplied by the evaluator. */
export type Fail = (reason: string) => never;

/**
 * A value as text: null → "", numbers and booleans as written, dates as ISO strings, lists and
 * records as JSON.
 */
export function toText(value: unknown, fail: Fail): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'object') {
    let json: string | undefined;
    try {
      json = JSON.stringify(value);
    } catch {
      fail(`${describeValue(value)} cannot be turned into text`);
    }
    return limitText(json ?? '', fail);
  }
  return fail(`${describeValue(value)} cannot be turned into text`);
}

/** Refuses text longer than {@link MAX_TEXT_LENGTH}, so no expression can build a huge string. */
export function limitText(text: string, fail: Fail): string {
  if (text.length > MAX_TEXT_LENGTH) {
    fail(`the text it builds is ${text.length.toLocaleString('en')} characters long, more than the ${MAX_TEXT_LENGTH.toLocaleString('en')} allowed`);
  }
  return text;
}

/** Conditions: null, false, 0 and "" are false; every other value is true. */
export function isTruthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

/** Null and missing are the same to the language. */
export function isNullish(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A value named for a learner: `null`, `the number 3`, `the text "abc"`, `a list`, `a record`. */
export function describeValue(value: unknown): string {
  if (isNullish(value)) return 'null';
  if (typeof value === 'string') return `the text "${quoteForMessage(value, 40)}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the value ${value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a record';
  return `a value of type ${typeof value}`;
}

/**
 * Reads attribute `key` of `target`: own properties only, so nothing inherited (prototypes, methods)
 * is ever reachable. Reading from null gives null; a missing attribute gives null.
 */
export function readAttribute(target: unknown, key: string, fail: Fail): unknown {
  if (isNullish(target)) return null;
  if (typeof target !== 'object') fail(`${describeValue(target)} has no attribute "${key}"`);
  if (FORBIDDEN_KEYS.has(key) || !Object.hasOwn(target, key)) return null;
  return (target as Record<string, unknown>)[key] ?? null;
}
