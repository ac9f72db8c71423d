/** Source text → {@link Expr}: jsep's tree, checked against the language and given positions. */
import type { BinaryOperator, Expr, ExprNode, RootName } from './ast';
import { FORBIDDEN_KEYS } from './ast';
import { ExpressionError } from './errors';
import { findFunction, functionNames } from './functions';
import { ALLOWED_BINARY, NESTING_REASON, PositionedParser, SyntaxFailure, asJsepError, isNode, startOf, type JsepNode } from './jsep-parser';
import { MAX_CHAIN_LENGTH, MAX_EXPRESSION_LENGTH } from './limits';
import { translateJsepError } from './syntax-messages';

// Actions evaluate the same few expressions for every record; parsed trees are frozen, so sharing is safe.
const CACHE_SIZE = 256;
const CACHEABLE_LENGTH = 1_000;
const cache = new Map<string, Expr>();

const ROOTS: readonly RootName[] = ['in', '_context', '_datasource', '_form', '_result', '_user'];
const ROOT_LIST = 'in, _context, _datasource, _form, _result or _user';

/**
 * Parses `source` into an {@link Expr}. Throws {@link ExpressionError} (and only that) when the
 * text is not a valid expression: a syntax error, an unknown name or function, a construct the
 * language lacks, more than 10,000 characters or nesting deeper than 64 levels. The result is
 * deeply frozen, and recently parsed sources are remembered, so the same text gives the same object.
 */
export function parseExpression(source: string): Expr {
  const cached = cache.get(source);
  if (cached) {
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  const expr = parseUncached(source);
  if (source.length <= CACHEABLE_LENGTH) {
    cache.set(source, expr);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  }
  return expr;
}

function parseUncached(source: string): Expr {
  if (typeof source !== 'string') throw new ExpressionError(String(source), null, 'an expression must be text');
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      source,
      null,
      `it is ${source.length.toLocaleString('en')} characters long, more than the ${MAX_EXPRESSION_LENGTH.toLocaleString('en')} allowed`,
    );
  }
  const parser = new PositionedParser(source);
  let tree: JsepNode;
  try {
    tree = parser.parse();
  } catch (err) {
    throw syntaxError(source, err);
  }
  const fail = (position: number, reason: string): never => {
    throw new ExpressionError(source, position, reason);
  };
  const body = new Converter(parser, fail).convert(tree, 0);
  return Object.freeze({ source, body });
}

function syntaxError(source: string, err: unknown): unknown {
  if (err instanceof SyntaxFailure) return new ExpressionError(source, err.position, err.reason);
  const jsepError = asJsepError(err);
  if (jsepError) return new ExpressionError(source, jsepError.index, translateJsepError(jsepError.description, source, jsepError.index));
  // Only reachable if jsep recursed past our nesting guard (e.g. a plugin registered elsewhere).
  if (err instanceof RangeError) return new ExpressionError(source, null, NESTING_REASON);
  return err;
}

class Converter {
  constructor(
    private readonly parser: PositionedParser,
    private readonly fail: (position: number, reason: string) => never,
  ) {}

  /** The position errors about `node` point at. */
  private at(node: unknown, fallback = 0): number {
    return (isNode(node) ? this.parser.positions.get(node) : undefined) ?? fallback;
  }

  /** Where the text of `node` starts. */
  private startAt(node: unknown, fallback: number): number {
    return (isNode(node) ? startOf(node, this.parser) : undefined) ?? fallback;
  }

  private child(node: unknown, depth: number, fallback: number): ExprNode {
    if (!isNode(node)) return this.fail(fallback, 'a value is missing here');
    return this.convert(node, depth + 1);
  }

  convert(node: JsepNode, depth: number): ExprNode {
    return deepFreezeNode(this.convertNode(node, depth));
  }

  private convertNode(node: JsepNode, depth: number): ExprNode {
    const position = this.at(node);
    if (depth > MAX_CHAIN_LENGTH) {
      this.fail(position, `it is too long a chain: more than ${MAX_CHAIN_LENGTH} operations or attribute names inside one another`);
    }
    switch (node.type) {
      case 'Literal':
        return this.literal(node.value, position);
      case 'Identifier':
        return this.identifier(String(node.name), position);
      case 'ThisExpression':
        return this.identifier('this', position);
      case 'MemberExpression':
        return this.member(node, depth, position);
      case 'CallExpression':
        return this.call(node, depth, position);
      case 'UnaryExpression': {
        const operator = node.operator;
        if (operator !== '-' && operator !== '!') return this.fail(position, `the operator "${String(operator)}" is not supported`);
        return { kind: 'unary', operator, argument: this.child(node.argument, depth, position), position };
      }
      case 'BinaryExpression': {
        const operator = String(node.operator);
        if (!ALLOWED_BINARY.has(operator)) return this.fail(position, `the operator "${operator}" is not supported`);
        const left = this.child(node.left, depth, position);
        const right = this.child(node.right, depth, position);
        return { kind: 'binary', operator: operator as BinaryOperator, left, right, position };
      }
      case 'ConditionalExpression': {
        const test = this.child(node.test, depth, position);
        const testPosition = test.position;
        return {
          kind: 'conditional',
          test,
          consequent: this.child(node.consequent, depth, position),
          alternate: this.child(node.alternate, depth, position),
          position: testPosition,
        };
      }
      case 'ArrayExpression': {
        const elements = Array.isArray(node.elements) ? node.elements : [];
        return { kind: 'array', elements: elements.map((e) => this.child(e, depth, position)), position };
      }
      case 'Compound':
      case 'SequenceExpression': {
        const parts = (node.type === 'Compound' ? node.body : node.expressions) as unknown[];
        if (parts.length === 0) return this.fail(0, 'it is empty');
        return this.fail(
          this.startAt(parts[1], position),
          'an operator is missing before this value (an expression is one value; join values with an operator such as "+")',
        );
      }
      default:
        return this.fail(position, `this kind of expression (${node.type}) is not supported`);
    }
  }

  private literal(value: unknown, position: number): ExprNode {
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return { kind: 'literal', value, position };
    }
    return this.fail(position, 'this kind of value is not supported');
  }

  private identifier(name: string, position: number): ExprNode {
    if (name === 'in' || name === '_context' || name === '_form' || name === '_result' || name === '_user') return { kind: 'root', root: name, position };
    if (name === '_datasource') {
      return this.fail(position, '_datasource must be followed by the name of a secret key, e.g. _datasource.APIKey');
    }
    const suggestion = ROOTS.find((root) => root.toLowerCase() === name.toLowerCase());
    const hint = suggestion ? `did you mean "${suggestion}"?` : `an attribute must start with ${ROOT_LIST} (for example in.CompanyID)`;
    return this.fail(position, `the name "${name}" is not known; ${hint}`);
  }

  private member(node: JsepNode, depth: number, position: number): ExprNode {
    if (node.optional) return this.fail(position, '"?." is not supported; use "." (reading from null already gives null)');
    const property = node.property;
    let key: string;
    if (!node.computed && isNode(property) && property.type === 'Identifier') {
      key = String(property.name);
    } else if (isNode(property) && property.type === 'Literal' && (typeof property.value === 'string' || typeof property.value === 'number')) {
      key = String(property.value);
    } else {
      return this.fail(this.startAt(property, position), 'only a quoted name or a number can be used inside "[ ]"');
    }
    if (FORBIDDEN_KEYS.has(key)) return this.fail(position, `"${key}" cannot be used as an attribute name`);
    const object = node.object;
    if (isNode(object) && object.type === 'Identifier' && object.name === '_datasource') {
      return { kind: 'datasource', name: key, position };
    }
    return { kind: 'member', object: this.child(object, depth, position), key, position };
  }

  private call(node: JsepNode, depth: number, position: number): ExprNode {
    const callee = node.callee;
    if (!isNode(callee) || callee.type !== 'Identifier') {
      return this.fail(this.at(callee, position), 'only functions can be called, by their name, e.g. toUpper(in.Name)');
    }
    const name = String(callee.name);
    const fn = findFunction(name);
    if (!fn) {
      const suggestion = functionNames().find((f) => f.toLowerCase() === name.toLowerCase());
      return this.fail(position, `there is no function called "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
    }
    const args = Array.isArray(node.arguments) ? node.arguments : [];
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      return this.fail(position, `${name} needs ${arityText(fn.minArgs, fn.maxArgs)}, but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
    }
    return { kind: 'call', name, args: args.map((a) => this.child(a, depth, position)), position };
  }
}

/** Freezes a node and its lists (its child nodes were frozen when they were converted). */
function deepFreezeNode(node: ExprNode): ExprNode {
  if (node.kind === 'call') Object.freeze(node.args);
  if (node.kind === 'array') Object.freeze(node.elements);
  return Object.freeze(node);
}

function arityText(min: number, max: number): string {
  const values = (n: number) => `${n} ${n === 1 ? 'value' : 'values'}`;
  if (min === max) return min === 0 ? 'no values' : `exactly ${values(min)}`;
  if (max === Number.POSITIVE_INFINITY) return `at least ${values(min)}`;
  return `${min} to ${values(max)}`;
}
