/**
 * The actionflow expression language: a small, safe language (no `eval`, no access to anything
 * inherited) parsed with jsep. See {@link parseExpression}.
 */
export type { BinaryOperator, Expr, ExprNode, ExpressionReference, RootName, UnaryOperator } from './ast';
export { ExpressionError, type ExpressionSubject } from './errors';
export { functionNames } from './functions';
export { MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH, MAX_SLEEP_SECONDS, MAX_TEXT_LENGTH } from './limits';
export { parseExpression } from './parse';
