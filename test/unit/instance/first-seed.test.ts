/**
 * A first visit seeds in two parts: the repository at once (the sandbox can start), then the
 * Company Data; a page closed between them finishes at its next start; a reset meanwhile wins.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { INSTANCE_TABLES, InstanceDb } from '$instance/db';
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

  it('into a database its connection created, adds the rows: what it writes equals a seed over an existing database', async () => {
    const seed = await loadRepositorySeed();
    const created = fresh();
    const existingName = `first-${crypto.randomUUID()}`;
    const maker = new InstanceDb(existingName);
    await maker.open();
    maker.close();
    const existing = new InstanceDb(existingName);
    dbs.push(existing);
    expect(await seedRepositoryFirst(created, seed)).toBe(true);
    expect(await seedRepositoryFirst(existing, seed)).toBe(true);
    expect(created.created).toBe(true);
    expect(existing.created).toBe(false);
    // Alike but for what each seed makes anew: the instance's own secrets and the replacement marker.
    const rows = async (db: InstanceDb, table: string) =>
      ((await db.table(table).toArray()) as Record<string, unknown>[]).map((row) => {
        if (table === 'keystore' && row.generated) return { ...row, secret: typeof row.secret === 'string' && row.secret.length > 0 };
        if (table === 'meta' && row.key === 'replacement') return { ...row, value: typeof row.value };
        return row;
      });
    for (const table of INSTANCE_TABLES) expect(await rows(created, table), table).toEqual(await rows(existing, table));
    expect(await created.meta.get('replacement')).toBeDefined();
  });

  it('is written once when two connections seed at once, the second finding it done', async () => {
    const seed = await loadRepositorySeed();
    const name = `first-${crypto.randomUUID()}`;
    const a = new InstanceDb(name);
    const b = new InstanceDb(name);
    dbs.push(a, b);
    const results = await Promise.all([seedRepositoryFirst(a, seed), seedRepositoryFirst(b, seed)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a.users.count()).toBe(seed.users.length);
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
