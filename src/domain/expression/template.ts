/** Templates: text with `${expression}` parts, such as URL templates `/x/trigger?CompanyID=${in.CompanyID}`. */
import type { Expr, ExpressionReference } from './ast';
import { ExpressionError } from './errors';
import { evaluate, type EvaluateOptions, type ExpressionScope } from './evaluate';
import { MAX_EXPRESSION_LENGTH } from './limits';
import { parseExpression } from './parse';
import { expressionReferences } from './references';
import { limitText, toText } from './values';

/** One piece of a parsed template: literal text, or an expression whose source starts at `offset`. */
export type TemplatePart = { kind: 'text'; text: string } | { kind: 'expression'; expr: Expr; offset: number };

/**
 * Splits `template` into text and `${…}` expressions, parsing each expression. Throws
 * {@link ExpressionError} (naming the template, with positions in the template) for an unclosed
 * `${`, an empty `${}` or an invalid expression.
 */
export function parseTemplate(template: string): TemplatePart[] {
  if (template.length > MAX_EXPRESSION_LENGTH) {
    const length = template.length.toLocaleString('en');
    throw new ExpressionError(template, null, `it is ${length} characters long, more than the ${MAX_EXPRESSION_LENGTH.toLocaleString('en')} allowed`, 'template');
  }
  const parts: TemplatePart[] = [];
  let index = 0;
  while (index < template.length) {
    const open = template.indexOf('${', index);
    if (open === -1) break;
    if (open > index) parts.push({ kind: 'text', text: template.slice(index, open) });
    const offset = open + 2;
    const close = findClosingBrace(template, offset);
    if (close === -1) throw new ExpressionError(template, open, 'this "${" has no closing "}"', 'template');
    const source = template.slice(offset, close);
    if (source.trim() === '') throw new ExpressionError(template, open, 'this "${}" has no expression inside', 'template');
    parts.push({ kind: 'expression', expr: inTemplate(template, offset, () => parseExpression(source)), offset });
    index = close + 1;
  }
  if (index < template.length) parts.push({ kind: 'text', text: template.slice(index) });
  return parts;
}

/**
 * Renders `template`, replacing each `${expression}` with its value as text (null gives "").
 * Every part is parsed before any is evaluated, so a bad part stops the render before a `sleep`.
 */
export async function renderTemplate(template: string, scope: ExpressionScope, options: EvaluateOptions = {}): Promise<string> {
  const parts = parseTemplate(template);
  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
      continue;
    }
    const fail = (reason: string): never => {
      throw new ExpressionError(template, part.offset, reason, 'template');
    };
    const value = await inTemplateAsync(template, part.offset, () => evaluate(part.expr, scope, options));
    text = limitText(text + toText(value, fail), fail);
  }
  return text;
}

/** The root attributes every `${…}` part of `template` reads, once each, in order. */
export function templateReferences(template: string): ExpressionReference[] {
  const seen = new Set<string>();
  const references: ExpressionReference[] = [];
  for (const part of parseTemplate(template)) {
    if (part.kind !== 'expression') continue;
    for (const reference of expressionReferences(part.expr)) {
      const key = `${reference.root}.${reference.name}`;
      if (!seen.has(key)) references.push(reference);
      seen.add(key);
    }
  }
  return references;
}

/** The `}` ending an expression that starts at `from`, skipping quoted text; -1 if none. */
function findClosingBrace(template: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < template.length; i++) {
    const ch = template[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '}') {
      return i;
    }
  }
  return -1;
}

/** Restates an error of an embedded expression against the whole template. */
function relocate(template: string, offset: number, err: unknown): unknown {
  if (!(err instanceof ExpressionError) || err.subject === 'template') return err;
  return new ExpressionError(template, offset + (err.position ?? 0), err.reason, 'template');
}

function inTemplate<T>(template: string, offset: number, run: () => T): T {
  try {
    return run();
  } catch (err) {
    throw relocate(template, offset, err);
  }
}

async function inTemplateAsync<T>(template: string, offset: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw relocate(template, offset, err);
  }
}
