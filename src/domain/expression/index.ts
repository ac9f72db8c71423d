/**
 * The actionflow expression language: a small, safe language (no `eval`, no access to anything
 * inherited) parsed with jsep. See {@link parseExpression}, {@link evaluate} and {@link renderTemplate}.
 */
export type { BinaryOperator, Expr, ExprNode, ExpressionReference, RootName, UnaryOperator } from './ast';
export { createManualClock, createSimulatedClock, isAdjustable, realClock, type AdjustableClock, type Clock, type ManualClock } from './clock';
export { ExpressionError, type ExpressionSubject } from './errors';
export { evaluate, type EvaluateOptions, type ExpressionScope } from './evaluate';
export { functionNames } from './functions';
export { MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH, MAX_SLEEP_SECONDS, MAX_TEXT_LENGTH } from './limits';
export { parseExpression } from './parse';
export { expressionReferences } from './references';
export { parseTemplate, renderTemplate, templateReferences, type TemplatePart } from './template';
