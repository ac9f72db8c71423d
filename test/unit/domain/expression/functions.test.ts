import { describe, expect, it } from 'vitest';
import { ExpressionError, createManualClock, evaluate, functionNames, type ExpressionScope } from '$domain/expression';

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

const scope: ExpressionScope = { in: { Name: 'Acme Ltd', Count: 3, Empty: '', Nothing: null, List: [1, 2, 3], Record: { a: 1 } } };

describe('the function table', () => {
  it('lists exactly the language functions', () => {
    expect(functionNames().sort()).toEqual(
      ['concat', 'if', 'ifNull', 'isNull', 'length', 'now', 'parseJson', 'sleep', 'toLower', 'toNumber', 'toString', 'toUpper'].sort(),
    );
  });
});

describe('if', () => {
  it('chooses a branch by the condition; no else gives null', async () => {
    expect(await evaluate('if(in.Count > 2, "many", "few")', scope)).toBe('many');
    expect(await evaluate('if(in.Nothing, "set", "unset")', scope)).toBe('unset');
    expect(await evaluate('if(false, 1)', scope)).toBeNull();
  });

  it('evaluates only the chosen branch', async () => {
    const clock = createManualClock();
    // Neither a failing branch nor a sleeping one runs when not chosen.
    expect(await evaluate('if(true, "ok", 1 / 0)', scope)).toBe('ok');
    expect(await evaluate('if(false, sleep(-1), "ok")', scope)).toBe('ok');
    expect(await evaluate('if(true, 1, sleep(20))', scope, { clock })).toBe(1);
    expect(clock.pendingSleeps).toBe(0);
    let reads = 0;
    const counting: ExpressionScope = { datasource: () => ++reads };
    expect(await evaluate('if(1 == 2, _datasource.A, "no")', counting)).toBe('no');
    expect(reads).toBe(0);
  });
});

describe('text functions', () => {
  it.each([
    ['toUpper(in.Name)', 'ACME LTD'],
    ['toLower(in.Name)', 'acme ltd'],
    ['toUpper(in.Nothing)', null],
    ['toUpper(12)', '12'],
    ['concat("a", 1, null, true, in.Nothing, "z")', 'a1truez'],
    ['concat()', ''],
    ['concat(in.List, in.Record)', '[1,2,3]{"a":1}'],
    ['toString(42)', '42'],
    ['toString(null)', ''],
    ['toString(in.Record)', '{"a":1}'],
    ['toString(false)', 'false'],
    ['length(in.Name)', 8],
    ['length(in.List)', 3],
    ['length(in.Nothing)', 0],
    ['length("")', 0],
  ])('%s', async (source, expected) => {
    expect(await evaluate(source, scope)).toEqual(expected);
  });

  it('refuses wrong types with the function named', async () => {
    expect((await rejection(evaluate('toUpper(in.List)', scope))).reason).toBe('toUpper needs text, but got a list');
    expect((await rejection(evaluate('length(in.Count)', scope))).reason).toBe('length needs text or a list, but got the number 3');
  });

  it('refuses text that refers to itself', async () => {
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect((await rejection(evaluate('toString(in.loop)', { in: { loop } }))).reason).toBe('a record cannot be turned into text');
  });
});

describe('number and null functions', () => {
  it.each([
    ['toNumber("42")', 42],
    ['toNumber(" 3.5 ")', 3.5],
    ['toNumber(7)', 7],
    ['toNumber(true)', 1],
    ['toNumber(null)', null],
    ['toNumber("")', null],
    ['isNull(in.Nothing)', true],
    ['isNull(in.NotThere)', true],
    ['isNull(in.Empty)', false],
    ['isNull(0)', false],
    ['ifNull(in.Nothing, "fallback")', 'fallback'],
    ['ifNull(in.Name, "fallback")', 'Acme Ltd'],
    ['ifNull(in.Empty, "fallback")', ''],
  ])('%s', async (source, expected) => {
    expect(await evaluate(source, scope)).toEqual(expected);
  });

  it('toNumber refuses text that is not a number', async () => {
    const error = await rejection(evaluate('toNumber("12abc")', scope));
    expect(error.message).toBe('The expression "toNumber("12abc")" has an error at position 0: the text "12abc" is not a number.');
    await rejection(evaluate('toNumber(in.List)', scope));
  });

  it('ifNull evaluates the fallback only when needed', async () => {
    expect(await evaluate('ifNull(in.Name, 1 / 0)', scope)).toBe('Acme Ltd');
  });
});

describe('parseJson', () => {
  it('parses JSON text; null gives null', async () => {
    expect(await evaluate('parseJson(in.body)', { in: { body: '{"a":[1,{"b":"c"}]}' } })).toEqual({ a: [1, { b: 'c' }] });
    expect(await evaluate('parseJson(in.body).a[1].b', { in: { body: '{"a":[1,{"b":"c"}]}' } })).toBe('c');
    expect(await evaluate('parseJson(null)', {})).toBeNull();
  });

  it('says when the text is not valid JSON', async () => {
    const error = await rejection(evaluate('parseJson(in.body)', { in: { body: '{"a":' } }));
    expect(error.message).toBe('The expression "parseJson(in.body)" has an error at position 0: the text "{"a":" is not valid JSON.');
    expect((await rejection(evaluate('parseJson(1)', {}))).reason).toBe('parseJson needs text, but got the number 1');
  });

  it('reads only own attributes of the parsed result', async () => {
    expect(await evaluate('parseJson("{}").toString', {})).toBeNull();
    expect(await evaluate('parseJson("[]").map', {})).toBeNull();
  });
});

describe('now and sleep', () => {
  it('now() is the clock time as an ISO string', async () => {
    const clock = createManualClock(new Date('2024-03-01T09:30:00.000Z'));
    expect(await evaluate('now()', {}, { clock })).toBe('2024-03-01T09:30:00.000Z');
    clock.advance(1500);
    expect(await evaluate('now()', {}, { clock })).toBe('2024-03-01T09:30:01.500Z');
  });

  it('sleep(20) waits 20 seconds of clock time, fast-forwarded, and gives 20', async () => {
    const clock = createManualClock();
    let done = false;
    const result = evaluate('sleep(20)', {}, { clock }).then((value) => {
      done = true;
      return value;
    });
    await clock.whenSleeping();
    clock.advance(19_999);
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    expect(await result).toBe(20);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:20.000Z');
  });

  it('refuses NaN and infinite seconds coming from data', async () => {
    const clock = createManualClock();
    expect((await rejection(evaluate('sleep(in.n)', { in: { n: Number.NaN } }, { clock }))).reason).toBe(
      'sleep needs a number of seconds, but got the number NaN',
    );
    expect((await rejection(evaluate('sleep(in.n)', { in: { n: Number.POSITIVE_INFINITY } }, { clock }))).reason).toBe(
      'sleep can wait at most 3600 seconds, not Infinity',
    );
  });

  it('sleep(0) returns at once', async () => {
    expect(await evaluate('sleep(0)', {}, { clock: createManualClock() })).toBe(0);
  });

  it.each([
    ['sleep(-1)', 'sleep cannot wait a negative time (-1 seconds)'],
    ['sleep(toNumber("x") )', 'the text "x" is not a number'],
    ['sleep("20")', 'sleep needs a number of seconds, but got the text "20"'],
    ['sleep(null)', 'sleep needs a number of seconds, but got null'],
    ['sleep(3601)', 'sleep can wait at most 3600 seconds, not 3601'],
  ])('%s is an error', async (source, reason) => {
    const clock = createManualClock();
    expect((await rejection(evaluate(source, {}, { clock }))).reason).toBe(reason);
    expect(clock.pendingSleeps).toBe(0);
  });
});
