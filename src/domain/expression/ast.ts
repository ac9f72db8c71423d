/** The parsed form of an expression: a small tree the evaluator walks, with source positions. */

/** The names an expression may start with. */
export type RootName = 'in' | '_context' | '_datasource' | '_form' | '_result' | '_user';

/** Binary operators of the language, loosest-binding first. */
export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** Prefix operators of the language. */
export type UnaryOperator = '-' | '!';

/**
 * One node of a parsed expression. `position` is the zero-based index in the source of the part an
 * error about this node should point at: the start of a value, the attribute name of a member
 * access, the function name of a call, or the operator of a unary or binary operation.
 */
export type ExprNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null; readonly position: number }
  /** A whole root record (`in`, `_context`, `_form`). */
  | { readonly kind: 'root'; readonly root: Exclude<RootName, '_datasource'>; readonly position: number }
  /** `_datasource.<name>`: a secret key, looked up when evaluated. */
  | { readonly kind: 'datasource'; readonly name: string; readonly position: number }
  | { readonly kind: 'member'; readonly object: ExprNode; readonly key: string; readonly position: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly ExprNode[]; readonly position: number }
  | { readonly kind: 'unary'; readonly operator: UnaryOperator; readonly argument: ExprNode; readonly position: number }
  | {
      readonly kind: 'binary';
      readonly operator: BinaryOperator;
      readonly left: ExprNode;
      readonly right: ExprNode;
      readonly position: number;
    }
  | {
      readonly kind: 'conditional';
      readonly test: ExprNode;
      readonly consequent: ExprNode;
      readonly alternate: ExprNode;
      readonly position: number;
    }
  | { readonly kind: 'array'; readonly elements: readonly ExprNode[]; readonly position: number };

/** A parsed expression: its source text (for error messages) and its tree. */
export interface Expr {
  readonly source: string;
  readonly body: ExprNode;
}

/** One use of a root attribute, e.g. `_datasource.APIKey` is `{ root: '_datasource', name: 'APIKey' }`. */
export interface ExpressionReference {
  root: RootName;
  name: string;
}

/** Attribute names that never resolve, whatever the data holds (prototype pollution and escapes). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
