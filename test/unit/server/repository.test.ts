import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { as, expectError, login } from './helpers';

let t: TestServer;
let session: string;
beforeAll(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterAll(() => t.close());

describe('GET /repository', () => {
  it('answers every part of the repository, tables with their record counts', async () => {
    const answer = await as(t, session).get('/repository');
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body.applications.map((a: { name: string }) => a.name)).toContain('Actionflow Advanced');
    const companies = body.tables.find((x: { name: string }) => x.name === 'Companies');
    expect(companies.recordCount).toBe(await t.db.companies.count());
    expect(companies.recordCount).toBeGreaterThan(0);
    expect(body.screens.length).toBe(await t.db.screens.count());
    expect(body.actionflows.length).toBe(await t.db.actionflows.count());
    expect(body.roles.map((r: { name: string }) => r.name)).toEqual(['Designers']);
    expect(body.userGroups.map((g: { name: string }) => g.name)).toEqual(['Trainers']);
    expect(body.users.map((u: { login: string }) => u.login)).toEqual(['trainee']);
    expect(JSON.stringify(body.users)).not.toMatch(/passwordHash|passwordSalt/);
    expect(body.privileges.map((p: { name: string }) => p.name)).toContain('Use API Key');
  });

  it('masks every non-empty secret of an HTTP action as asterisks, and leaves empty ones empty', async () => {
    const flow = (await t.db.actionflows.get('af-call-api'))!;
    const secret = 'sk_live_0123456789abcdef';
    await t.db.actionflows.put({
      ...flow,
      actions: flow.actions.map((n) =>
        n.kind === 'http'
          ? { ...n, props: { ...n.props, secretKeys: [{ id: 's1', name: 'APIKey', enabled: true, secret }, { id: 's2', name: 'Empty', enabled: true, secret: '' }] } }
          : n,
      ),
    });
    const text = JSON.stringify((await as(t, session).get('/repository')).body);
    expect(text).not.toContain(secret);
    const http = (await as(t, session).get('/repository')).body.actionflows
      .find((a: { id: string }) => a.id === 'af-call-api')
      .actions.find((n: { kind: string }) => n.kind === 'http');
    expect(http.props.secretKeys).toEqual([
      { id: 's1', name: 'APIKey', enabled: true, secret: '********' },
      { id: 's2', name: 'Empty', enabled: true, secret: '' },
    ]);
    await t.db.actionflows.put(flow);
  });
});

describe('GET /tables/:id/records', () => {
  it('pages records with offset and limit, and reports the total', async () => {
    const total = await t.db.companies.count();
    const first = await as(t, session).get('/tables/table-companies/records?limit=3');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(total);
    expect(first.body.records).toHaveLength(3);
    const second = await as(t, session).get('/tables/table-companies/records?offset=2&limit=2');
    expect(second.body.records[0]).toEqual(first.body.records[2]);
    const all = (await t.db.companies.toArray()).slice(0, 100);
    expect((await as(t, session).get('/tables/table-companies/records')).body.records).toEqual(all);
  });

  it('filters on one attribute by equality', async () => {
    const orders = await t.db.orders.where('CompanyID').equals('C0001').toArray();
    const answer = await as(t, session).get('/tables/table-orders/records?where=CompanyID&equals=C0001&limit=500');
    expect(answer.body.total).toBe(orders.length);
    expect(answer.body.records.map((o: { OrderID: string }) => o.OrderID).sort()).toEqual(orders.map((o) => o.OrderID).sort());
  });

  it('filters the same through an index (OrderID) as by a scan (Product), and numbers by value', async () => {
    const lines = await t.db.orderLines.where('OrderID').equals('O00001').toArray();
    const byIndex = await as(t, session).get('/tables/table-order-lines/records?where=OrderID&equals=O00001&limit=500');
    expect(byIndex.body.total).toBe(lines.length);
    expect(byIndex.body.records).toEqual(lines);
    const product = lines[0]!.Product;
    const byScan = await as(t, session).get(`/tables/table-order-lines/records?where=Product&equals=${encodeURIComponent(product)}&limit=500`);
    expect(byScan.body.total).toBe(await t.db.orderLines.filter((l) => l.Product === product).count());
    const quantity = lines[0]!.Quantity;
    const byNumber = await as(t, session).get(`/tables/table-order-lines/records?where=Quantity&equals=${quantity}&limit=1`);
    expect(byNumber.body.total).toBe(await t.db.orderLines.filter((l) => l.Quantity === quantity).count());
  });

  it('refuses a limit over 500, a bad offset, an unknown attribute, a half filter and an unknown table', async () => {
    const trainee = as(t, session);
    expect(expectError(await trainee.get('/tables/table-companies/records?limit=501'), 400, 'validation_failed', 'limit')).toMatch(/1 to 500/);
    expectError(await trainee.get('/tables/table-companies/records?limit=0'), 400, 'validation_failed', 'limit');
    expectError(await trainee.get('/tables/table-companies/records?offset=-1'), 400, 'validation_failed', 'offset');
    expectError(await trainee.get('/tables/table-companies/records?offset=abc'), 400, 'validation_failed', 'offset');
    expect(expectError(await trainee.get('/tables/table-companies/records?where=Nope&equals=x'), 400, 'validation_failed', 'where')).toMatch(/no attribute named Nope/);
    expectError(await trainee.get('/tables/table-companies/records?where=CompanyID'), 400, 'validation_failed', 'equals');
    expectError(await trainee.get('/tables/table-companies/records?equals=x'), 400, 'validation_failed', 'where');
    expectError(await trainee.get('/tables/no-table/records'), 404, 'not_found');
  });
});
