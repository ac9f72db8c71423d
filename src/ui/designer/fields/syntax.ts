/** Where an expression or template fails to parse, for the field that shows a mark there. Pure. */
import { ExpressionError, parseExpression, parseTemplate } from '$domain/expression';

/** The syntax error of `source` (position and cause), or null when it parses or is empty. */
export function syntaxError(source: string, template = false): { position: number | null; reason: string } | null {
  if (source.trim() === '') return null;
  try {
    if (template) parseTemplate(source);
    else parseExpression(source);
    return null;
  } catch (err) {
    if (err instanceof ExpressionError) return { position: err.position, reason: err.reason };
    throw err;
  }
}
