import { describe, expect, it } from 'vitest';
import { ExpressionError, expressionReferences, parseExpression } from '$domain/expression';

describe('expressionReferences', () => {
  it('sees that a header uses _datasource.APIKey', () => {
    expect(expressionReferences('_datasource.APIKey')).toEqual([{ root: '_datasource', name: 'APIKey' }]);
    expect(expressionReferences('"Bearer " + _datasource["APIKey"]')).toEqual([{ root: '_datasource', name: 'APIKey' }]);
  });

  it('lists each root attribute once, in source order, from anywhere in the expression', () => {
    const source = 'if(in.Status == "New", concat(_context.Status, in.Address.City), [_form.Name, -in.Total]) + in.Status';
    expect(expressionReferences(source)).toEqual([
      { root: 'in', name: 'Status' },
      { root: '_context', name: 'Status' },
      { root: 'in', name: 'Address' },
      { root: '_form', name: 'Name' },
      { root: 'in', name: 'Total' },
    ]);
  });

  it('accepts an already parsed expression', () => {
    expect(expressionReferences(parseExpression('in.a ? _context.b : 1'))).toEqual([
      { root: 'in', name: 'a' },
      { root: '_context', name: 'b' },
    ]);
  });

  it('gives nothing for literals or a whole root', () => {
    expect(expressionReferences('"New"')).toEqual([]);
    expect(expressionReferences('toString(in)')).toEqual([]);
  });

  it('handles a long chain without recursion trouble', () => {
    expect(expressionReferences(`${'in.a + '.repeat(400)}in.b`)).toEqual([
      { root: 'in', name: 'a' },
      { root: 'in', name: 'b' },
    ]);
  });

  it('throws ExpressionError for an expression that does not parse', () => {
    expect(() => expressionReferences('in.')).toThrow(ExpressionError);
  });
});
