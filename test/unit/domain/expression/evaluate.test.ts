import { describe, expect, it } from 'vitest';
import { ExpressionError, MAX_TEXT_LENGTH, evaluate, parseExpression, type ExpressionScope } from '$domain/expression';

const scope: ExpressionScope = {
  in: { CompanyID: 7, CompanyName: 'Acme Ltd', Total: 120.5, Active: true, Missing: null, Tags: ['a', 'b'], Address: { City: 'Leeds' } },
  context: { Status: 'New', user: 'apiagent' },
  form: { 'Company Name': 'Form Co' },
};

async function rejection(promise: Promise<unknown>): Promise<ExpressionError> {
  const err: unknown = await promise.then(
    () => {
      throw new Error('expected an ExpressionError, but the expression succeeded');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExpressionError);
  return err as ExpressionError;
}

describe('evaluate: values and paths', () => {
  it.each([
    ['"New"', 'New'],
    ["'single'", 'single'],
    ['42', 42],
    ['0.25', 0.25],
    ['true', true],
    ['false', false],
    ['null', null],
    ['[1, "two", null]', [1, 'two', null]],
  ])('%s', async (source, expected) => {
    expect(await evaluate(source, {})).toEqual(expected);
  });

  it('reads in, _context and _form, by dot and by quoted name', async () => {
    expect(await evaluate('in.CompanyID', scope)).toBe(7);
    expect(await evaluate('in["CompanyName"]', scope)).toBe('Acme Ltd');
    expect(await evaluate('in.Address.City', scope)).toBe('Leeds');
    expect(await evaluate('in.Tags[1]', scope)).toBe('b');
    expect(await evaluate('_context.Status', scope)).toBe('New');
    expect(await evaluate('_form["Company Name"]', scope)).toBe('Form Co');
    expect(await evaluate('in', { in: { a: 1 } })).toEqual({ a: 1 });
  });

  it('gives null, never undefined, for anything missing', async () => {
    expect(await evaluate('in.Nope', scope)).toBeNull();
    expect(await evaluate('in.Missing', scope)).toBeNull();
    expect(await evaluate('in.Nope.Deeper.Still', scope)).toBeNull();
    expect(await evaluate('in.Tags[5]', scope)).toBeNull();
    expect(await evaluate('in.x', {})).toBeNull();
    expect(await evaluate('_context.x', {})).toBeNull();
    expect(await evaluate('_form.x', {})).toBeNull();
    expect(await evaluate('in', {})).toBeNull();
    expect(await evaluate('in.u', { in: { u: undefined } })).toBeNull();
  });

  it('refuses to read an attribute of text, a number or a boolean', async () => {
    const error = await rejection(evaluate('in.CompanyName.length', scope));
    expect(error.message).toBe(
      'The expression "in.CompanyName.length" has an error at position 15: the text "Acme Ltd" has no attribute "length".',
    );
  });

  it('evaluates an already parsed expression, again and again', async () => {
    const expr = parseExpression('in.CompanyID * 2');
    expect(await evaluate(expr, { in: { CompanyID: 2 } })).toBe(4);
    expect(await evaluate(expr, { in: { CompanyID: 5 } })).toBe(10);
  });
});

describe('evaluate: operators', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['7 % 4', 3],
    ['9 / 2', 4.5],
    ['-in.Total', -120.5],
    ['--2', 2],
    ['"Acme" + " " + "Ltd"', 'Acme Ltd'],
    ['"ID " + in.CompanyID', 'ID 7'],
    ['in.CompanyID + " items"', '7 items'],
    ['1 + 2 + "x"', '3x'],
    ['"x" + 1 + 2', 'x12'],
    ['"a" + null', 'a'],
    ['"on: " + true', 'on: true'],
    ['1 == 1', true],
    ['1 != 1', false],
    ['"1" == 1', false],
    ['null == in.Nope', true],
    ['in.Missing != null', false],
    ['0 == null', false],
    ['"" == null', false],
    ['2 < 10', true],
    ['"2" < "10"', false],
    ['3 <= 3', true],
    ['4 > 3', true],
    ['3 >= 4', false],
    ['true && false', false],
    ['true && 1', true],
    ['null || "x"', true],
    ['!in.Active', false],
    ['!null', true],
    ['!""', true],
    ['!0', true],
    ['![]', false],
    ['in.Active ? "yes" : "no"', 'yes'],
    ['in.Missing ? "yes" : "no"', 'no'],
    ['in.Total > 100 ? "big" : in.Total > 10 ? "medium" : "small"', 'big'],
  ])('%s', async (source, expected) => {
    expect(await evaluate(source, scope)).toEqual(expected);
  });

  it('short-circuits && and || and evaluates one branch of a conditional', async () => {
    let reads = 0;
    const counting: ExpressionScope = {
      datasource: () => {
        reads++;
        return 'secret';
      },
    };
    expect(await evaluate('false && _datasource.A == "x"', counting)).toBe(false);
    expect(await evaluate('true || _datasource.A == "x"', counting)).toBe(true);
    expect(await evaluate('true ? 1 : _datasource.A', counting)).toBe(1);
    expect(reads).toBe(0);
    expect(await evaluate('false ? 1 : _datasource.A', counting)).toBe('secret');
    expect(reads).toBe(1);
  });

  it.each([
    ['1 - "a"', 2, '"-" needs two numbers, but got the number 1 and the text "a"'],
    ['in.Nope * 2', 8, '"*" needs two numbers, but got null and the number 2'],
    ['1 + true', 2, '"+" needs two numbers, or text on one side, but got the number 1 and the value true'],
    ['in.Nope + 1', 8, '"+" needs two numbers, or text on one side, but got null and the number 1'],
    ['1 / 0', 2, '"/" cannot divide by zero'],
    ['5 % 0', 2, '"%" cannot divide by zero'],
    ['1e308 * 10', 6, 'the result of "*" is too large to be a number'],
    ['-"a"', 0, '"-" needs a number, but got the text "a"'],
    ['1 < "2"', 2, '"<" compares two numbers or two texts, but got the number 1 and the text "2"'],
    ['in.Nope >= 1', 8, '">=" compares two numbers or two texts, but got null and the number 1'],
    ['[1] + 1', 4, '"+" needs two numbers, or text on one side, but got a list and the number 1'],
  ])('%s is an error at %i', async (source, position, reason) => {
    const error = await rejection(evaluate(source, scope));
    expect(error.position).toBe(position);
    expect(error.reason).toBe(reason);
    expect(error.message).toBe(`The expression "${source}" has an error at position ${position}: ${reason}.`);
  });

  it('caps the text that + builds', async () => {
    const big = 'x'.repeat(MAX_TEXT_LENGTH / 2 + 1);
    const error = await rejection(evaluate('in.a + in.a', { in: { a: big } }));
    expect(error.reason).toBe('the text it builds is 2,097,154 characters long, more than the 2,097,152 allowed');
    expect(error.message.length).toBeLessThan(300);
  });
});

describe('evaluate: _datasource', () => {
  it('asks the datasource for the named secret key, synchronously or not', async () => {
    const asked: string[] = [];
    const datasource = (name: string) => {
      asked.push(name);
      return name === 'Slow' ? Promise.resolve('later') : `value of ${name}`;
    };
    expect(await evaluate('_datasource.APIKey', { datasource })).toBe('value of APIKey');
    expect(await evaluate('_datasource["Other Key"]', { datasource })).toBe('value of Other Key');
    expect(await evaluate('"Bearer " + _datasource.Slow', { datasource })).toBe('Bearer later');
    expect(asked).toEqual(['APIKey', 'Other Key', 'Slow']);
  });

  it('lets the datasource error through unchanged (e.g. the missing privilege)', async () => {
    class PrivilegeError extends Error {}
    const refusal = new PrivilegeError('The user learner needs the Use API Key privilege to use the secret key APIKey.');
    const promise = evaluate('_datasource.APIKey', {
      datasource: () => {
        throw refusal;
      },
    });
    await expect(promise).rejects.toBe(refusal);
    await expect(evaluate('_datasource.APIKey', { datasource: () => Promise.reject(refusal) })).rejects.toBe(refusal);
  });

  it('is an error where no datasource is given', async () => {
    const error = await rejection(evaluate('_datasource.APIKey', {}));
    expect(error.reason).toBe('no secret keys are available here, so _datasource.APIKey has no value');
  });
});

describe('evaluate: hostile inputs', () => {
  it('never reads inherited attributes, even when the data has them', async () => {
    const inherited = Object.create({ secret: 'from the prototype' }) as Record<string, unknown>;
    expect(await evaluate('in.secret', { in: inherited })).toBeNull();
    expect(await evaluate('in.toString', { in: {} })).toBeNull();
    expect(await evaluate('in.hasOwnProperty', { in: {} })).toBeNull();
    expect(await evaluate('in.a.valueOf', { in: { a: {} } })).toBeNull();
    expect(await evaluate('in.list.map', { in: { list: [] } })).toBeNull();
  });

  it('refuses prototype keys before evaluating anything', async () => {
    for (const source of ['in.__proto__', 'in.constructor', '_context["__proto__"]', 'in.a["prototype"]']) {
      const error = await rejection(evaluate(source, { in: { a: {} }, context: {} }));
      expect(error.reason).toContain('cannot be used as an attribute name');
    }
  });

  it('refuses in.constructor.constructor("return 1")() and unknown globals', async () => {
    await rejection(evaluate('in.constructor.constructor("return 1")()', { in: {} }));
    for (const name of ['globalThis', 'process', 'window', 'self', 'require', 'import', 'Function', 'eval']) {
      const error = await rejection(evaluate(name, {}));
      expect(error.reason).toContain(`"${name}" is not known`);
    }
  });

  it('does not let JSON from a request reach a prototype', async () => {
    const body = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}';
    expect(await evaluate('parseJson(in.body).polluted', { in: { body } })).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('evaluates a long chain well within the stack', async () => {
    expect(await evaluate(`${'1 + '.repeat(499)}1`, {})).toBe(500);
    const deep = `${'('.repeat(64)}1${')'.repeat(64)}`;
    expect(await evaluate(deep, {})).toBe(1);
  });
});
