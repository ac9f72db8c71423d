import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExpressionError, evaluate, parseExpression, parseTemplate, type Clock, type ExpressionScope } from '$domain/expression';

// A property that counts every read of it, planted on the global object and on the prototypes that
// data values inherit from. The language must never reach any of them.
const PROBE = '__expressionProbe';
const probed = [globalThis, Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype, Function.prototype];
let probeReads = 0;

beforeAll(() => {
  for (const target of probed) {
    Object.defineProperty(target, PROBE, {
      configurable: true,
      enumerable: false,
      get: () => {
        probeReads++;
        return 'reached';
      },
    });
  }
});

afterAll(() => {
  for (const target of probed) delete (target as Record<string, unknown>)[PROBE];
});

const instantClock: Clock = { now: () => new Date('2025-01-01T00:00:00.000Z'), sleep: () => Promise.resolve() };

const scope = (): ExpressionScope => ({
  in: { Name: 'Acme', CompanyID: 7, Nothing: null, List: [1, 'two'], Record: { a: { b: 1 } }, body: '{"x":1,"__proto__":{"p":1}}' },
  context: { Status: 'New' },
  form: { Field: 'value' },
  datasource: (name) => `secret:${name}`,
});

const TOKENS = [
  'in', '_context', '_datasource', '_form', 'globalThis', 'process', 'window', 'this', 'Function', 'eval', PROBE,
  '.', '.Name', '.CompanyID', '.List', '.Record', '.a', '.b', '.body', '.Status', '.APIKey', `.${PROBE}`,
  '.__proto__', '.constructor', '.prototype', '.toString', '.length', '["Name"]', '[0]', `["${PROBE}"]`, '["__proto__"]',
  '(', ')', '[', ']', ',', '?', ':', ';', '?.', '+', '-', '*', '/', '%', '==', '!=', '===', '<', '<=', '>', '>=', '&&', '||',
  '!', '~', '|', '&', '**', '??', '=', '=>', '`', '${', '}', '{', '"', "'", '\\',
  '1', '0', '2.5', '1e3', 'true', 'false', 'null', 'undefined', '"text"', "'x'", '"{\\"a\\":1}"',
  'if', 'toUpper', 'toLower', 'concat', 'now', 'sleep', 'parseJson', 'toString', 'toNumber', 'length', 'isNull', 'ifNull',
  'constructor', '__proto__', 'new', 'import', 'require', ' ', '\n',
];
const tokenSource = fc.array(fc.constantFrom(...TOKENS), { maxLength: 30 }).map((tokens) => tokens.join(''));
const KEYS = ['.Name', '.CompanyID', '.List', '.Record', '.a', '.b', '.body', '.Status', '.APIKey', '.Field', `.${PROBE}`, '.toString',
  '.length', '.valueOf', '.__proto__', '["Name"]', '[0]', '[1]', `["${PROBE}"]`, '["constructor"]'];
const FUNCTIONS = ['if', 'toUpper', 'toLower', 'concat', 'now', 'sleep', 'parseJson', 'toString', 'toNumber', 'length', 'isNull', 'ifNull'];
const OPERATORS = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
/** Mostly well-formed expressions, so that evaluation is exercised, not just the parser. */
const { grammarSource } = fc.letrec<{ grammarSource: string }>((tie) => ({
  grammarSource: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('1', '0', '2.5', '-3', '"text"', "'x'", 'true', 'false', 'null', '"{\\"a\\":1}"', '"[1,2]"', '""'),
    fc
      .tuple(fc.constantFrom('in', '_context', '_form', '_datasource'), fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }))
      .map(([root, keys]) => root + keys.join('')),
    fc.tuple(fc.constantFrom('-', '!'), tie('grammarSource')).map(([op, e]) => `${op}${e}`),
    fc.tuple(tie('grammarSource'), fc.constantFrom(...OPERATORS), tie('grammarSource')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(tie('grammarSource'), tie('grammarSource'), tie('grammarSource')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
    fc
      .tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie('grammarSource'), { maxLength: 3 }))
      .map(([name, args]) => `${name}(${args.join(', ')})`),
    fc.array(tie('grammarSource'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    tie('grammarSource').map((e) => `(${e})`),
    fc.tuple(tie('grammarSource'), fc.constantFrom(...KEYS)).map(([e, key]) => `(${e})${key}`),
  ),
}));
const anySource = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), tokenSource);

function isExpressionErrorOrValue(run: () => unknown): boolean {
  try {
    run();
    return true;
  } catch (err) {
    if (err instanceof ExpressionError) return true;
    throw err;
  }
}

describe('properties over random input', () => {
  it('parseExpression returns or throws ExpressionError, never another error', () => {
    fc.assert(
      fc.property(anySource, (source) => isExpressionErrorOrValue(() => parseExpression(source))),
      { numRuns: 3_000 },
    );
  });

  it('parseTemplate returns or throws ExpressionError, never another error', () => {
    const template = fc.array(fc.oneof(anySource, fc.constantFrom('${', '}', '$')), { maxLength: 6 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(template, (source) => isExpressionErrorOrValue(() => parseTemplate(source))),
      { numRuns: 1_000 },
    );
  });

  it('evaluate settles with a plain value or an ExpressionError and never reaches globals or prototypes', async () => {
    const globalsBefore = Object.getOwnPropertyNames(globalThis).sort();
    const objectPrototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    let evaluated = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(grammarSource, grammarSource, tokenSource, anySource), async (source) => {
        let expr;
        try {
          expr = parseExpression(source);
        } catch (err) {
          if (err instanceof ExpressionError) return;
          throw err;
        }
        evaluated++;
        let value: unknown;
        try {
          value = await evaluate(expr, scope(), { clock: instantClock });
        } catch (err) {
          expect(err).toBeInstanceOf(ExpressionError);
          return;
        }
        expect(value).not.toBeUndefined();
        expect(typeof value).not.toBe('function');
        for (const forbidden of [globalThis, ...probed, Function]) expect(value).not.toBe(forbidden);
        expect(value).not.toBe('reached');
      }),
      { numRuns: 3_000 },
    );
    expect(probeReads).toBe(0);
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(globalsBefore);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeBefore);
    // The generator must reach evaluation often enough for the property to mean something.
    expect(evaluated).toBeGreaterThan(500);
  });

  it('the probe itself works: plain JavaScript does reach it', () => {
    const reads = probeReads;
    expect(({} as Record<string, unknown>)[PROBE]).toBe('reached');
    expect(probeReads).toBe(reads + 1);
    probeReads = reads;
  });
});
