/**
 * A first visit seeds in two parts: the repository at once (the sandbox can start), then the
 * Company Data; a page closed between them finishes at its next start; a reset meanwhile wins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDb } from '$instance/db';
import { companyDataPending, isSeeded, resetInstance, seedCompanyData, seedRepositoryFirst } from '$instance/reset';
import { loadCompanyDataSeed, loadRepositorySeed } from '$instance/seed-data';
import { exportInstance } from '$instance/instance-file';

const dbs: InstanceDb[] = [];
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});
const fresh = () => {
  const db = new InstanceDb(`first-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
};

describe('a first visit\'s seed', () => {
  it('writes the repository first, marked, then the Company Data, and the mark goes with the last table', async () => {
    const db = fresh();
    expect(await seedRepositoryFirst(db, await loadRepositorySeed())).toBe(true);
    expect(await isSeeded(db)).toBe(true);
    expect(await companyDataPending(db)).toBe(true);
    expect(await db.users.count()).toBeGreaterThan(0);
    expect(await db.companies.count()).toBe(0);
    // An export meanwhile does not carry the mark.
    expect((await exportInstance(db)).tables.meta).not.toContainEqual(expect.objectContaining({ key: 'companyDataPending' }));

    const data = await loadCompanyDataSeed();
    const written: string[] = [];
    await seedCompanyData(db, data, (t) => written.push(t));
    expect(written).toEqual(['companies', 'orders', 'orderLines', 'additionalCompanies']);
    expect(await db.companies.count()).toBe(data.companies.length);
    expect(await db.orderLines.count()).toBe(data.orderLines.length);
    expect(await companyDataPending(db)).toBe(false);
    expect(await seedRepositoryFirst(db, await loadRepositorySeed())).toBe(false);
  });

  it('stopped midway, is finished by the next start; a reset first leaves nothing to do', async () => {
    const db = fresh();
    await seedRepositoryFirst(db, await loadRepositorySeed());
    const data = await loadCompanyDataSeed();
    await expect(seedCompanyData(db, data, (t) => {
      if (t === 'orders') throw new Error('page closed (injected)');
    })).rejects.toThrow('(injected)');
    expect(await companyDataPending(db)).toBe(true);
    await seedCompanyData(db, data);
    expect(await db.orders.count()).toBe(data.orders.length);
    expect(await companyDataPending(db)).toBe(false);

    const other = fresh();
    await seedRepositoryFirst(other, await loadRepositorySeed());
    await resetInstance(other);
    expect(await companyDataPending(other)).toBe(false);
    const written: string[] = [];
    await seedCompanyData(other, data, (t) => written.push(t));
    expect(written).toEqual([]);
  });
});
