/** What the operators do. No silent coercion: a wrong type is an error naming the values. */
import type { BinaryOperator } from './ast';
import { describeValue, isNullish, isTruthy, limitText, toText, type Fail } from './values';

/** Operators that always evaluate both sides (`&&` and `||` are handled by the evaluator). */
export type StrictOperator = Exclude<BinaryOperator, '&&' | '||'>;

function bothNumbers(operator: string, left: unknown, right: unknown, fail: Fail): [number, number] {
  if (typeof left === 'number' && typeof right === 'number') return [left, right];
  return fail(`"${operator}" needs two numbers, but got ${describeValue(left)} and ${describeValue(right)}`);
}

function finite(operator: string, result: number, fail: Fail): number {
  if (!Number.isFinite(result)) fail(`the result of "${operator}" is too large to be a number`);
  return result;
}

/** Equality: null equals only null; other values are equal when they are the same value. */
export function equals(left: unknown, right: unknown): boolean {
  if (isNullish(left) || isNullish(right)) return isNullish(left) && isNullish(right);
  return left === right;
}

/** Applies `operator` to two evaluated values. */
export function applyBinary(operator: StrictOperator, left: unknown, right: unknown, fail: Fail): unknown {
  switch (operator) {
    case '+':
      if (typeof left === 'string' || typeof right === 'string') return limitText(toText(left, fail) + toText(right, fail), fail);
      if (typeof left === 'number' && typeof right === 'number') return finite('+', left + right, fail);
      return fail(`"+" needs two numbers, or text on one side, but got ${describeValue(left)} and ${describeValue(right)}`);
    case '-': {
      const [a, b] = bothNumbers('-', left, right, fail);
      return finite('-', a - b, fail);
    }
    case '*': {
      const [a, b] = bothNumbers('*', left, right, fail);
      return finite('*', a * b, fail);
    }
    case '/':
    case '%': {
      const [a, b] = bothNumbers(operator, left, right, fail);
      if (b === 0) return fail(`"${operator}" cannot divide by zero`);
      return finite(operator, operator === '/' ? a / b : a % b, fail);
    }
    case '==':
      return equals(left, right);
    case '!=':
      return !equals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right, fail);
  }
}

function compare(operator: '<' | '<=' | '>' | '>=', left: unknown, right: unknown, fail: Fail): boolean {
  const comparable =
    (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
  if (!comparable) {
    return fail(`"${operator}" compares two numbers or two texts, but got ${describeValue(left)} and ${describeValue(right)}`);
  }
  const [a, b] = [left as number | string, right as number | string];
  if (operator === '<') return a < b;
  if (operator === '<=') return a <= b;
  if (operator === '>') return a > b;
  return a >= b;
}

/** Applies a prefix operator to an evaluated value. */
export function applyUnary(operator: '-' | '!', value: unknown, fail: Fail): unknown {
  if (operator === '!') return !isTruthy(value);
  if (typeof value !== 'number') return fail(`"-" needs a number, but got ${describeValue(value)}`);
  return -value;
}
