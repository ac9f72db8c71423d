/**
 * jsep, extended (by subclassing, never by changing jsep's global settings, which other code may
 * share) to remember where each node starts, to refuse operators the language does not have, and to
 * stop at a nesting limit before the recursive parser can exhaust the stack.
 */
import jsep from 'jsep';
import { MAX_NESTING_DEPTH } from './limits';

/** A node as jsep builds it. */
export type JsepNode = jsep.Expression;

/** A syntax error found by our own checks, with the exact position to report. */
export class SyntaxFailure extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Binary operators jsep knows and the language accepts. */
export const ALLOWED_BINARY = new Set(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%']);

const BINARY_HINTS: Record<string, string> = {
  '===': 'use "==" instead',
  '!==': 'use "!=" instead',
  '??': 'use ifNull(a, b) instead',
  '&': 'use "&&" for "and"',
  '|': 'use "||" for "or"',
};

/** The cause given when an expression nests deeper than {@link MAX_NESTING_DEPTH}. */
export const NESTING_REASON =
  `it is nested more than ${MAX_NESTING_DEPTH} levels deep (brackets, calls, lists, conditionals and "-" or "!" each add a level)`;

// The parts of jsep's Jsep class we use; its published typings describe only the function form.
type Parsed = JsepNode | false | undefined;
interface JsepInstance {
  index: number;
  readonly expr: string;
  readonly code: number;
  readonly char: string;
  gobbleSpaces(): void;
  gobbleExpression(): Parsed;
  gobbleBinaryOp(): string | false;
  gobbleBinaryExpression(): Parsed;
  gobbleToken(): Parsed;
  gobbleNumericLiteral(): JsepNode;
  gobbleStringLiteral(): JsepNode;
  gobbleIdentifier(): JsepNode;
  gobbleGroup(): Parsed;
  gobbleArray(): JsepNode;
  parse(): JsepNode;
}
interface JsepClass {
  new (expr: string): JsepInstance;
  isIdentifierStart(code: number): boolean;
}
const Jsep = (jsep as unknown as { Jsep: JsepClass }).Jsep;

interface OperatorAt {
  operator: string;
  position: number;
}

/** Parses one source text; `positions` then maps each jsep node to its position. */
export class PositionedParser extends Jsep {
  /** Where errors about each node should point (see `ExprNode.position`). */
  readonly positions = new WeakMap<object, number>();
  /** Where each whole token (a value with its `.x`, `[x]`, `(…)` suffixes) starts. */
  readonly tokenStarts = new WeakMap<object, number>();
  private tokenDepth = 0;
  private expressionDepth = 0;
  private readonly operatorLevels: OperatorAt[][] = [];

  override gobbleExpression(): Parsed {
    // Conditionals nest through here rather than through tokens, so they are counted here too.
    if (++this.expressionDepth > MAX_NESTING_DEPTH + 1) throw new SyntaxFailure(this.index, NESTING_REASON);
    try {
      return super.gobbleExpression();
    } finally {
      this.expressionDepth--;
    }
  }

  override gobbleToken(): Parsed {
    this.gobbleSpaces();
    const start = this.index;
    if (++this.tokenDepth > MAX_NESTING_DEPTH + 1) throw new SyntaxFailure(start, NESTING_REASON);
    try {
      if (this.char === '+') throw new SyntaxFailure(start, 'a "+" in front of a value is not supported');
      if (this.char === '~') throw new SyntaxFailure(start, 'the operator "~" is not supported');
      const node = super.gobbleToken();
      if (node) {
        this.markBase(node, start);
        this.tokenStarts.set(node, start);
      }
      return node;
    } finally {
      this.tokenDepth--;
    }
  }

  override gobbleBinaryOp(): string | false {
    this.gobbleSpaces();
    const position = this.index;
    const operator = super.gobbleBinaryOp();
    if (operator === false) return false;
    if (!ALLOWED_BINARY.has(operator)) {
      const hint = BINARY_HINTS[operator];
      throw new SyntaxFailure(position, `the operator "${operator}" is not supported${hint ? `; ${hint}` : ''}`);
    }
    this.operatorLevels.at(-1)?.push({ operator, position });
    return operator;
  }

  override gobbleBinaryExpression(): Parsed {
    const operators: OperatorAt[] = [];
    this.operatorLevels.push(operators);
    let node: Parsed;
    try {
      node = super.gobbleBinaryExpression();
    } finally {
      this.operatorLevels.pop();
    }
    if (node && operators.length > 0) this.placeOperators(node, operators);
    return node;
  }

  override gobbleStringLiteral(): JsepNode {
    const start = this.index;
    let node: JsepNode;
    try {
      node = super.gobbleStringLiteral();
    } catch {
      throw new SyntaxFailure(start, 'the text that starts here has no closing quote');
    }
    this.positions.set(node, start);
    return node;
  }

  override gobbleNumericLiteral(): JsepNode {
    const start = this.index;
    const node = super.gobbleNumericLiteral();
    this.positions.set(node, start);
    return node;
  }

  override gobbleIdentifier(): JsepNode {
    // jsep calls this on its own only where a name starts; elsewhere it is the name after a ".".
    if (!Jsep.isIdentifierStart(this.code)) throw new SyntaxFailure(this.index, 'an attribute name is expected after "."');
    const start = this.index;
    const node = super.gobbleIdentifier();
    this.positions.set(node, start);
    return node;
  }

  override gobbleGroup(): Parsed {
    const start = this.index;
    const node = super.gobbleGroup();
    if (!node) throw new SyntaxFailure(start, 'the brackets "()" are empty');
    if (!this.positions.has(node)) this.positions.set(node, start);
    return node;
  }

  override gobbleArray(): JsepNode {
    const start = this.index;
    const node = super.gobbleArray();
    this.positions.set(node, start);
    return node;
  }

  /** A token's innermost node (its base before `.x`, `[x]`, `(…)`) starts where the token does. */
  private markBase(node: JsepNode, start: number): void {
    const chain: JsepNode[] = [];
    let base = node;
    while (base.type === 'MemberExpression' || base.type === 'CallExpression') {
      const inner = base.type === 'MemberExpression' ? base.object : base.callee;
      if (!isNode(inner)) break;
      chain.push(base);
      base = inner;
    }
    if (!this.positions.has(base)) this.positions.set(base, start);
    // Inside out: a member points at its attribute name, a call at its function name.
    for (let i = chain.length - 1; i >= 0; i--) {
      const link = chain[i]!;
      if (this.positions.has(link)) continue;
      const at = link.type === 'MemberExpression' ? link.property : link.callee;
      this.positions.set(link, (isNode(at) ? this.positions.get(at) : undefined) ?? start);
    }
  }

  /**
   * jsep builds binary nodes from a stack, without positions. An in-order walk of the nodes built at
   * this level meets their operators in source order, so they get the positions recorded as read.
   */
  private placeOperators(node: JsepNode, operators: OperatorAt[]): void {
    const isNew = (n: unknown): n is JsepNode => isNode(n) && n.type === 'BinaryExpression' && !this.positions.has(n);
    const pending: JsepNode[] = [];
    let current: unknown = node;
    let next = 0;
    for (;;) {
      while (isNew(current)) {
        pending.push(current);
        current = current.left;
      }
      const top = pending.pop();
      if (!top) return;
      this.positions.set(top, operators[next++]?.position ?? 0);
      current = top.right;
    }
  }
}

/** Where the text of `node` starts: the start of its leftmost token. */
export function startOf(node: JsepNode, parser: PositionedParser): number | undefined {
  let current: unknown = node;
  while (isNode(current)) {
    const start = parser.tokenStarts.get(current);
    if (start !== undefined) return start;
    current = current.type === 'BinaryExpression' ? current.left : current.type === 'ConditionalExpression' ? current.test : undefined;
  }
  return parser.positions.get(node);
}

/** Whether `value` is a jsep node. */
export function isNode(value: unknown): value is JsepNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Reads jsep's own syntax errors, which carry `index` and `description`. */
export function asJsepError(err: unknown): { index: number; description: string } | null {
  if (!(err instanceof Error)) return null;
  const { index, description } = err as Error & { index?: unknown; description?: unknown };
  return typeof index === 'number' && typeof description === 'string' ? { index, description } : null;
}
