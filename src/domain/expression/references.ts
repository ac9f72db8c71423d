/** Which root attributes an expression uses, e.g. to see that a header reads `_datasource.APIKey`. */
import type { Expr, ExprNode, ExpressionReference } from './ast';
import { parseExpression } from './parse';

/**
 * The attributes `source` reads directly from a root (`in.X`, `_context.X`, `_datasource.X`,
 * `_form.X`), once each, in source order. Throws ExpressionError when `source` does not parse.
 */
export function expressionReferences(source: string | Expr): ExpressionReference[] {
  const expr = typeof source === 'string' ? parseExpression(source) : source;
  const found = new Map<string, ExpressionReference>();
  const note = (reference: ExpressionReference) => {
    const key = `${reference.root}.${reference.name}`;
    if (!found.has(key)) found.set(key, reference);
  };
  collect(expr.body, note);
  return [...found.values()];
}

/** Visits nodes in source order, with an explicit stack (trees may be long chains). */
function collect(body: ExprNode, note: (reference: ExpressionReference) => void): void {
  const stack: ExprNode[] = [body];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const children: readonly ExprNode[] = childrenOf(node);
    if (node.kind === 'datasource') note({ root: '_datasource', name: node.name });
    if (node.kind === 'member' && node.object.kind === 'root') note({ root: node.object.root, name: node.key });
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function childrenOf(node: ExprNode): readonly ExprNode[] {
  switch (node.kind) {
    case 'member':
      return [node.object];
    case 'call':
      return node.args;
    case 'unary':
      return [node.argument];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'array':
      return node.elements;
    default:
      return [];
  }
}
