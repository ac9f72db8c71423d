/**
 * View filters with operators: equality is read and saved without one (as before operators), the
 * ordering operators compare two numbers or two texts (ISO dates order as dates), and an operator
 * the View does not know is refused with a sentence naming the filter.
 */
import { describe, expect, it } from 'vitest';
import { Reader, filterHolds, readGraph } from '$domain/actionflow';

const graphWith = (filters: unknown[]) => ({
  actions: [
    { id: 'action-1', kind: 'input', name: 'Input', description: '', position: { x: 0, y: 0 }, inputs: [], props: { parameters: [] } },
    { id: 'action-2', kind: 'view', name: 'Orders', description: '', position: { x: 200, y: 0 }, inputs: [], props: { tableId: 'table-orders', filters, dataRange: 'all' } },
  ],
  connections: [],
});
const filtersRead = (filters: unknown[]) => {
  const view = readGraph(new Reader(graphWith(filters), '', 'the actionflow')).actions[1]!;
  return view.kind === 'view' ? view.props.filters : [];
};

describe('View filters', () => {
  it('read equality without an operator, and keep the others', () => {
    expect(filtersRead([{ attribute: 'CompanyID', expression: 'in.CompanyID', operator: '=' }, { attribute: 'OrderDate', expression: 'in.FromDate', operator: '>=' }])).toEqual([
      { attribute: 'CompanyID', expression: 'in.CompanyID' },
      { attribute: 'OrderDate', expression: 'in.FromDate', operator: '>=' },
    ]);
  });

  it('refuse an operator they do not know', () => {
    expect(() => filtersRead([{ attribute: 'OrderDate', expression: 'in.FromDate', operator: 'between' }])).toThrow(/operator of filter 1/);
  });

  it('compare dates as text, numbers as numbers, and nothing across types', () => {
    expect(filterHolds('2019-01-17', { attribute: 'OrderDate', operator: '>=', value: '2019-01-17' })).toBe(true);
    expect(filterHolds('2018-12-31', { attribute: 'OrderDate', operator: '>=', value: '2019-01-01' })).toBe(false);
    expect(filterHolds(9, { attribute: 'Total', operator: '<', value: 10 })).toBe(true);
    expect(filterHolds('9', { attribute: 'Total', operator: '<', value: 10 })).toBe(false);
    expect(filterHolds(null, { attribute: 'OrderDate', operator: '<=', value: '2020-01-01' })).toBe(false);
    expect(filterHolds('C0001', { attribute: 'CompanyID', operator: '!=', value: 'C0002' })).toBe(true);
  });
});
