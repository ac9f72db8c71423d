/**
 * While a first visit is still adding the Company Data, the server says so with every count and
 * page of it (so no view says "0 rows" of a table being filled), and stops saying so in the write
 * that adds the last rows.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { COMPANY_DATA_PENDING_KEY, seedCompanyData } from '$instance/reset';
import { loadCompanyDataSeed } from '$instance/seed-data';
import { startTestServer, type TestServer } from '../support/instance';
import { callApi, login } from './helpers';

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
  // As a first visit leaves it before its second part: the repository in, the Company Data not.
  await t.db.transaction('rw', [t.db.companies, t.db.orders, t.db.orderLines, t.db.additionalCompanies, t.db.meta], async () => {
    await Promise.all([t.db.companies.clear(), t.db.orders.clear(), t.db.orderLines.clear(), t.db.additionalCompanies.clear()]);
    await t.db.meta.put({ key: COMPANY_DATA_PENDING_KEY, value: true });
  });
});
afterEach(() => t.close());

const seedingOf = async () => {
  const { body } = await callApi<{ tables: { store: string; seeding: boolean; recordCount: number }[] }>(t, 'GET', '/repository', { session });
  return Object.fromEntries(body.tables.map((table) => [table.store, table.seeding]));
};
const ordersId = async () => (await callApi<{ tables: { id: string; store: string }[] }>(t, 'GET', '/repository', { session })).body.tables.find((table) => table.store === 'orders')!.id;

it('says which tables are still being added, and none once the last rows are in', async () => {
  expect(await seedingOf()).toEqual({ companies: true, orders: true, orderLines: true, additionalCompanies: true });
  const page = await callApi(t, 'GET', `/tables/${await ordersId()}/records?limit=5`, { session });
  expect(page.body).toMatchObject({ total: 0, records: [], seeding: true });

  await seedCompanyData(t.db, await loadCompanyDataSeed());
  expect(await seedingOf()).toEqual({ companies: false, orders: false, orderLines: false, additionalCompanies: false });
  const after = await callApi(t, 'GET', `/tables/${await ordersId()}/records?limit=5`, { session });
  expect(after.body).toMatchObject({ total: 1452, seeding: false });
  expect(after.body.records).toHaveLength(5);
});

it('takes the mark away in the same commit as the last rows, so a view reading again after them reads it gone', async () => {
  const commits: string[][] = [];
  // The transaction that deletes the mark: which tables it spans.
  const deleting = (_key: unknown, _row: unknown, tx: { storeNames: string[] }) => void commits.push([...tx.storeNames].sort());
  t.db.meta.hook('deleting', deleting);
  try {
    await seedCompanyData(t.db, await loadCompanyDataSeed());
  } finally {
    t.db.meta.hook('deleting').unsubscribe(deleting);
  }
  expect(commits).toEqual([['additionalCompanies', 'meta']]);
});
