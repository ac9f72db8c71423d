/** Walks a parsed expression and computes its value. */
import type { Expr, ExprNode, RootName } from './ast';
import { realClock, type Clock } from './clock';
import { ExpressionError } from './errors';
import { findFunction, type FunctionContext } from './functions';
import { applyBinary, applyUnary } from './operators';
import { parseExpression } from './parse';
import { isTruthy, readAttribute, type Fail } from './values';

/** The data an expression can see. */
export interface ExpressionScope {
  /** `in.X`: the record flowing into the action. */
  in?: Record<string, unknown>;
  /** `_context.X`: values passed to the actionflow or analysis. */
  context?: Record<string, unknown>;
  /** `_form.X`: the fields of the screen that started the actionflow. */
  form?: Record<string, unknown>;
  /** `_result.X`: what an HTTP action received (`status`, `body`, `contentType`, `isError`), or a JSON action's matched node. */
  result?: unknown;
  /** `_user.X`: the user the actionflow runs as (`username`, `name`). */
  user?: Record<string, unknown>;
  /**
   * `_datasource.X` calls this with `X` (a secret key name). Whatever it throws reaches the caller
   * of {@link evaluate} unchanged, e.g. the missing-privilege message.
   */
  datasource?: (name: string) => unknown | Promise<unknown>;
}

/** Options of {@link evaluate} and `renderTemplate`. */
export interface EvaluateOptions {
  /** Time source for `now()` and `sleep()`; defaults to {@link realClock}. */
  clock?: Clock;
}

/**
 * Evaluates an expression (text, or already parsed by `parseExpression`) against `scope`.
 * Resolves to the value (missing attributes are null, never undefined). Rejects with
 * {@link ExpressionError} for a bad expression or a wrong value; errors thrown by
 * `scope.datasource` and by the clock pass through unchanged.
 */
export async function evaluate(source: string | Expr, scope: ExpressionScope, options: EvaluateOptions = {}): Promise<unknown> {
  const expr = typeof source === 'string' ? parseExpression(source) : source;
  return new Evaluation(expr.source, scope, options.clock ?? realClock).value(expr.body);
}

class Evaluation {
  constructor(
    private readonly source: string,
    private readonly scope: ExpressionScope,
    private readonly clock: Clock,
  ) {}

  private failAt(position: number): Fail {
    return (reason) => {
      throw new ExpressionError(this.source, position, reason);
    };
  }

  async value(node: ExprNode): Promise<unknown> {
    const fail = this.failAt(node.position);
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'root':
        return this.root(node.root) ?? null;
      case 'datasource':
        return this.secret(node.name, fail);
      case 'member':
        return readAttribute(await this.value(node.object), node.key, fail);
      case 'call':
        return this.call(node.name, node.args, fail);
      case 'unary':
        return applyUnary(node.operator, await this.value(node.argument), fail);
      case 'binary': {
        const left = await this.value(node.left);
        if (node.operator === '&&') return isTruthy(left) && isTruthy(await this.value(node.right));
        if (node.operator === '||') return isTruthy(left) || isTruthy(await this.value(node.right));
        return applyBinary(node.operator, left, await this.value(node.right), fail);
      }
      case 'conditional':
        return this.value(isTruthy(await this.value(node.test)) ? node.consequent : node.alternate);
      case 'array': {
        const values: unknown[] = [];
        for (const element of node.elements) values.push(await this.value(element));
        return values;
      }
    }
  }

  private root(root: Exclude<RootName, '_datasource'>): unknown {
    if (root === 'in') return this.scope.in;
    if (root === '_context') return this.scope.context;
    if (root === '_result') return this.scope.result;
    if (root === '_user') return this.scope.user;
    return this.scope.form;
  }

  private async secret(name: string, fail: Fail): Promise<unknown> {
    const lookup = this.scope.datasource;
    if (!lookup) return fail(`no secret keys are available here, so _datasource.${name} has no value`);
    return (await lookup(name)) ?? null;
  }

  private async call(name: string, args: readonly ExprNode[], fail: Fail): Promise<unknown> {
    const fn = findFunction(name);
    if (!fn) return fail(`there is no function called "${name}"`);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) return fail(`${name} cannot take ${args.length} values`);
    const context: FunctionContext = { clock: this.clock, fail };
    if (fn.lazy) return (await fn.call(args.map((arg) => () => this.value(arg)), context)) ?? null;
    const values: unknown[] = [];
    for (const arg of args) values.push(await this.value(arg));
    return (await fn.call(values, context)) ?? null;
  }
}
