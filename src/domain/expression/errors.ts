/** The one error type of the expression language. */

const QUOTE_LIMIT = 120;

/** What the failing text was: a single expression, or a template with `${…}` parts. */
export type ExpressionSubject = 'expression' | 'template';

/**
 * An expression (or template) could not be parsed or evaluated. The message is one full sentence
 * naming the expression and the position, e.g.
 * `The expression "toUpper(in.Name" has an error at position 15: a closing ")" is missing.`
 */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
  /** The whole expression (or template) text. */
  readonly expression: string;
  /** Zero-based character index of the problem, or null when it concerns the whole text. */
  readonly position: number | null;
  /** The cause alone, without the sentence around it, e.g. `a closing ")" is missing`. */
  readonly reason: string;
  /** Whether `expression` is a single expression or a template. */
  readonly subject: ExpressionSubject;

  /**
   * @param expression the whole expression or template text
   * @param position zero-based index of the problem, or null for the whole text
   * @param reason the cause, starting in lower case, without a final full stop
   * @param subject `template` when `expression` is a template
   */
  constructor(expression: string, position: number | null, reason: string, subject: ExpressionSubject = 'expression') {
    const where = position === null ? '' : ` at position ${position}`;
    const end = /[.?!]$/.test(reason) ? '' : '.';
    super(`The ${subject} "${quoteForMessage(expression)}" has an error${where}: ${reason}${end}`);
    this.expression = expression;
    this.position = position;
    this.reason = reason;
    this.subject = subject;
  }
}

/** Shortens long text for a message, so a 10,000-character expression does not flood the screen. */
export function quoteForMessage(text: string, limit = QUOTE_LIMIT): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
