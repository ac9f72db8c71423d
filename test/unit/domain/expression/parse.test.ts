import { describe, expect, it } from 'vitest';
import { ExpressionError, MAX_EXPRESSION_LENGTH, parseExpression, type ExprNode } from '$domain/expression';

/** The error `run` throws, which must be an ExpressionError. */
function errorOf(run: () => unknown): ExpressionError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionError);
    return err as ExpressionError;
  }
  throw new Error('expected an ExpressionError, but nothing was thrown');
}

/** A compact, position-free picture of a tree, to check shape and precedence. */
function show(node: ExprNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'root':
      return node.root;
    case 'datasource':
      return `_datasource.${node.name}`;
    case 'member':
      return `${show(node.object)}.${node.key}`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
    case 'unary':
      return `(${node.operator}${show(node.argument)})`;
    case 'binary':
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
    case 'conditional':
      return `(${show(node.test)} ? ${show(node.consequent)} : ${show(node.alternate)})`;
    case 'array':
      return `[${node.elements.map(show).join(', ')}]`;
  }
}
const tree = (source: string) => show(parseExpression(source).body);

describe('parseExpression: what it accepts', () => {
  it('reads literals: both quotes, numbers, booleans, null', () => {
    expect(tree('"New"')).toBe('"New"');
    expect(tree("'it'")).toBe('"it"');
    expect(tree('"a\\"b"')).toBe('"a\\"b"');
    expect(tree('42')).toBe('42');
    expect(tree('3.5')).toBe('3.5');
    expect(tree('true')).toBe('true');
    expect(tree('false')).toBe('false');
    expect(tree('null')).toBe('null');
  });

  it('reads paths from the four roots, with dots and literal brackets', () => {
    expect(tree('in.CompanyID')).toBe('in.CompanyID');
    expect(tree('_context.Status')).toBe('_context.Status');
    expect(tree('_form.CompanyName')).toBe('_form.CompanyName');
    expect(tree('_datasource.APIKey')).toBe('_datasource.APIKey');
    expect(tree('_datasource["APIKey"]')).toBe('_datasource.APIKey');
    expect(tree('in["Company Name"].x')).toBe('in.Company Name.x');
    expect(tree('in.items[0]')).toBe('in.items.0');
    expect(tree('in')).toBe('in');
  });

  it('follows the usual precedence and left-to-right grouping', () => {
    expect(tree('1 + 2 * 3')).toBe('(1 + (2 * 3))');
    expect(tree('(1 + 2) * 3')).toBe('((1 + 2) * 3)');
    expect(tree('10 - 4 - 3')).toBe('((10 - 4) - 3)');
    expect(tree('8 / 4 % 3')).toBe('((8 / 4) % 3)');
    expect(tree('-in.a * 2')).toBe('((-in.a) * 2)');
    expect(tree('!in.a && in.b || in.c')).toBe('(((!in.a) && in.b) || in.c)');
    expect(tree('in.a || in.b && in.c')).toBe('(in.a || (in.b && in.c))');
    expect(tree('1 + 2 < 4 == true')).toBe('(((1 + 2) < 4) == true)');
    expect(tree('in.a >= 1 && in.a <= 5 && in.b != "x"')).toBe('(((in.a >= 1) && (in.a <= 5)) && (in.b != "x"))');
    expect(tree('in.a > 1 ? "big" : in.a < 0 ? "neg" : "small"')).toBe('((in.a > 1) ? "big" : ((in.a < 0) ? "neg" : "small"))');
  });

  it('reads calls to known functions and array literals', () => {
    expect(tree('toUpper(in.Name)')).toBe('toUpper(in.Name)');
    expect(tree('concat()')).toBe('concat()');
    expect(tree('if(in.a, [1, "b"], [])')).toBe('if(in.a, [1, "b"], [])');
  });

  it('records positions: names, attribute names, function names and operators', () => {
    const { body } = parseExpression('toUpper(in.Name) + "x"');
    expect(body.kind === 'binary' && body.position).toBe(17);
    if (body.kind !== 'binary' || body.left.kind !== 'call') throw new Error('unexpected tree');
    expect(body.left.position).toBe(0);
    expect(body.left.args[0]!.position).toBe(11);
    expect(body.right.position).toBe(19);
  });

  it('gives a deeply frozen result that keeps its source, shared for the same text', () => {
    const expr = parseExpression('concat(in.a, [1])');
    expect(expr.source).toBe('concat(in.a, [1])');
    expect(Object.isFrozen(expr)).toBe(true);
    expect(Object.isFrozen(expr.body)).toBe(true);
    if (expr.body.kind !== 'call') throw new Error('unexpected tree');
    expect(Object.isFrozen(expr.body.args)).toBe(true);
    expect(Object.isFrozen(expr.body.args[1])).toBe(true);
    expect(parseExpression('concat(in.a, [1])')).toBe(expr);
  });
});

describe('parseExpression: errors name the expression and the position', () => {
  it('a missing closing bracket, as in the brief', () => {
    const error = errorOf(() => parseExpression('toUpper(in.Name'));
    expect(error.message).toBe('The expression "toUpper(in.Name" has an error at position 15: a closing ")" is missing.');
    expect(error.expression).toBe('toUpper(in.Name');
    expect(error.position).toBe(15);
    expect(error.reason).toBe('a closing ")" is missing');
  });

  it.each([
    ['(1 + 2', 6, 'a closing ")" is missing'],
    ['[1, 2', 5, 'a closing "]" is missing'],
    ['in["a"', 6, 'a closing "]" is missing'],
    ['"abc', 0, 'the text that starts here has no closing quote'],
    ['1 +', 3, 'a value is missing after "+"'],
    ['in.a ? 1', 8, 'the ":" of a conditional (condition ? value : other value) is missing'],
    ['in.', 3, 'an attribute name is expected after "."'],
    ['in.Name = "x"', 8, '"=" cannot be used here; compare values with "=="'],
    ['1 === 1', 2, 'the operator "===" is not supported; use "==" instead'],
    ['1 | 2', 2, 'the operator "|" is not supported; use "||" for "or"'],
    ['2 ** 3', 2, 'the operator "**" is not supported'],
    ['in.a ?? 1', 5, 'the operator "??" is not supported; use ifNull(a, b) instead'],
    ['+1', 0, 'a "+" in front of a value is not supported'],
    ['~1', 0, 'the operator "~" is not supported'],
    ['in.a in.b', 5, 'an operator is missing before this value (an expression is one value; join values with an operator such as "+")'],
    ['1; 2', 3, 'an operator is missing before this value (an expression is one value; join values with an operator such as "+")'],
    ['(1, 2)', 4, 'an operator is missing before this value (an expression is one value; join values with an operator such as "+")'],
    ['()', 0, 'the brackets "()" are empty'],
    ['', 0, 'it is empty'],
    ['   ', 0, 'it is empty'],
    ['in?.a', 4, '"?." is not supported; use "." (reading from null already gives null)'],
    ['in[in.key]', 3, 'only a quoted name or a number can be used inside "[ ]"'],
    ['in.a()', 3, 'only functions can be called, by their name, e.g. toUpper(in.Name)'],
    ['12abc', 2, 'a number cannot be followed directly by letters ("12a")'],
    ['1 @ 2', 2, '"@" is not expected here'],
  ])('%s → position %i', (source, position, reason) => {
    const error = errorOf(() => parseExpression(source));
    expect(error.position).toBe(position);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`The expression "${source}" has an error at position ${position}: ${reason}.`);
  });

  it('names an unknown identifier and the roots it may use instead', () => {
    for (const name of ['globalThis', 'process', 'window', 'document', 'eval', 'Function', 'undefined', 'this', 'x']) {
      const error = errorOf(() => parseExpression(`${name}.y`));
      expect(error.position).toBe(0);
      expect(error.reason).toContain(`"${name}" is not known`);
      expect(error.reason).toContain('in, _context, _datasource, _form, _result or _user');
    }
    expect(errorOf(() => parseExpression('1 + In.a')).reason).toBe('the name "In" is not known; did you mean "in"?');
  });

  it('names an unknown function, suggesting only a same-name one in other case', () => {
    const unknown = errorOf(() => parseExpression('in.a + eval("1")'));
    expect(unknown.position).toBe(7);
    expect(unknown.reason).toBe('there is no function called "eval"');
    expect(errorOf(() => parseExpression('toupper(in.a)')).message).toBe(
      'The expression "toupper(in.a)" has an error at position 0: there is no function called "toupper"; did you mean "toUpper"?',
    );
    for (const name of ['constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'toLocaleString', 'isPrototypeOf']) {
      expect(errorOf(() => parseExpression(`${name}(1)`)).reason).toBe(`there is no function called "${name}"`);
    }
  });

  it('checks how many values a function gets', () => {
    expect(errorOf(() => parseExpression('toUpper()')).reason).toBe('toUpper needs exactly 1 value, but 0 were given');
    expect(errorOf(() => parseExpression('now(1)')).reason).toBe('now needs no values, but 1 was given');
    expect(errorOf(() => parseExpression('if(true)')).reason).toBe('if needs 2 to 3 values, but 1 was given');
  });

  it('refuses a bare _datasource', () => {
    expect(errorOf(() => parseExpression('_datasource')).reason).toContain('_datasource.APIKey');
  });
});

describe('parseExpression: hostile inputs', () => {
  it('refuses __proto__, constructor and prototype as attribute names, however written', () => {
    for (const source of ['in.__proto__', 'in.constructor', 'in.a.prototype', '_context["__proto__"]', "_form['constructor']", '_datasource.__proto__']) {
      expect(errorOf(() => parseExpression(source)).reason).toMatch(/^"(__proto__|constructor|prototype)" cannot be used as an attribute name$/);
    }
  });

  it('refuses the classic escape in.constructor.constructor("return 1")()', () => {
    const error = errorOf(() => parseExpression('in.constructor.constructor("return 1")()'));
    expect(error.reason).toBe('only functions can be called, by their name, e.g. toUpper(in.Name)');
  });

  it('refuses text over the length limit without parsing it', () => {
    const source = `"${'a'.repeat(MAX_EXPRESSION_LENGTH)}"`;
    const error = errorOf(() => parseExpression(source));
    expect(error.position).toBeNull();
    expect(error.reason).toBe('it is 10,002 characters long, more than the 10,000 allowed');
    expect(error.message.length).toBeLessThan(300);
  });

  it('accepts 64 levels of nesting and refuses 65, for every kind of nesting', () => {
    const kinds: [string, string][] = [
      ['(', ')'],
      ['[', ']'],
      ['toString(', ')'],
      ['-', ''],
      ['!', ''],
    ];
    for (const [open, close] of kinds) {
      const nest = (n: number) => open.repeat(n) + '1' + close.repeat(n);
      expect(() => parseExpression(nest(64))).not.toThrow();
      expect(errorOf(() => parseExpression(nest(65))).reason).toContain('nested more than 64 levels deep');
    }
    const conditional = (n: number) => 'true ? '.repeat(n) + '1' + ' : 2'.repeat(n);
    expect(() => parseExpression(conditional(64))).not.toThrow();
    expect(errorOf(() => parseExpression(conditional(65))).reason).toContain('nested more than 64 levels deep');
  });

  it('stops 10,000 opening brackets with a clear error, not a stack overflow', () => {
    for (const source of ['('.repeat(10_000), '['.repeat(10_000), '!'.repeat(10_000), 'toString('.repeat(1_111)]) {
      const error = errorOf(() => parseExpression(source));
      expect(error.position).toBe(source.startsWith('toString') ? 585 : 65);
      expect(error.reason).toContain('nested more than 64 levels deep');
    }
  });

  it('refuses very long chains clearly, and accepts reasonable ones', () => {
    expect(() => parseExpression(`${'1 + '.repeat(400)}1`)).not.toThrow();
    expect(errorOf(() => parseExpression(`${'1+'.repeat(4_999)}1`)).reason).toContain('too long a chain');
    expect(errorOf(() => parseExpression(`in${'.a'.repeat(3_000)}`)).reason).toContain('too long a chain');
  });
});
