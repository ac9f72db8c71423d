import { afterEach, describe, expect, it, vi } from 'vitest';
import { InstanceDb } from '$instance/db';
import { isSeeded, resetInstance, sameValue, seedInstance } from '$instance/reset';
import { loadTrainingInstanceSeed } from '$instance/seed-data';
import { takeSnapshot } from '$instance/snapshot';

const dbs: InstanceDb[] = [];
function freshDb(): InstanceDb {
  const db = new InstanceDb(`test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

describe('seeding a training instance', () => {
  it('seeds an empty database on first open with the whole training instance', async () => {
    const db = freshDb();
    expect(await isSeeded(db)).toBe(false);
    expect(await seedInstance(db)).toBe(true);
    const seed = await loadTrainingInstanceSeed();
    expect(await db.companies.count()).toBe(seed.companyData.companies.length);
    expect(await db.orders.count()).toBe(seed.companyData.orders.length);
    expect(await db.orderLines.count()).toBe(seed.companyData.orderLines.length);
    expect(await db.additionalCompanies.count()).toBe(seed.companyData.additionalCompanies.length);
    const snapshot = await takeSnapshot(db);
    expect(snapshot.applications.map((a) => a.name)).toEqual(['Actionflow Advanced']);
    expect(snapshot.actionflows.map((a) => a.name).sort()).toEqual(['API Company Data', 'Call API']);
    expect(snapshot.users.map((u) => u.login)).toEqual(['trainee']);
    expect(snapshot.users[0]).not.toHaveProperty('passwordHash');
    expect(snapshot.keystore.map((k) => k.alias)).toContain('phixflow-api-key');
  });

  it('gives each fresh instance a random phixflow-api-key of its own, which no fixture holds', async () => {
    const [a, b] = [freshDb(), freshDb()];
    await seedInstance(a);
    await seedInstance(b);
    const [keyA, keyB] = [(await a.keystore.get('phixflow-api-key'))!, (await b.keystore.get('phixflow-api-key'))!];
    expect(new TextEncoder().encode(keyA.secret).length).toBe(44);
    expect(keyA.generated).toBe(true);
    expect(keyA.secret).not.toBe(keyB.secret);
    const seed = await loadTrainingInstanceSeed();
    expect(JSON.stringify(seed.repository)).not.toContain(keyA.secret);
    // A reset makes yet another one: a key signed before the reset is of no use after it.
    await resetInstance(a);
    expect((await a.keystore.get('phixflow-api-key'))!.secret).not.toBe(keyA.secret);
  });

  it('leaves an instance that is already seeded alone', async () => {
    const db = freshDb();
    await seedInstance(db);
    await db.roles.update('role-designers', { name: 'Changed by the learner' });
    expect(await seedInstance(db)).toBe(false);
    expect((await db.roles.get('role-designers'))?.name).toBe('Changed by the learner');
  });
});

describe('resetting the instance', () => {
  it('restores the fresh training instance after changes', async () => {
    const db = freshDb();
    await seedInstance(db);
    const fresh = await takeSnapshot(db);
    await db.roles.update('role-designers', { privileges: [] });
    await db.companies.delete('C0001');
    await db.audit.add({ at: '2026-01-01T00:00:00.000Z', runAs: 'system', runAsName: 'System', actionflow: 'x', endpoint: '/x', outcome: 'success', status: 200, code: null, reason: null });
    await resetInstance(db);
    // Everything as fresh, but for the signing key each reset makes anew.
    const withoutSigningKey = (s: typeof fresh) => ({ ...s, keystore: s.keystore.map((k) => (k.generated ? { ...k, secret: '(random)' } : k)) });
    expect(withoutSigningKey(await takeSnapshot(db))).toEqual(withoutSigningKey(fresh));
    expect(await db.companies.get('C0001')).toBeDefined();
    expect(await db.audit.count()).toBe(0);
  });

  it('is all or nothing: a failure part-way leaves the previous instance intact', async () => {
    const db = freshDb();
    await seedInstance(db);
    await db.roles.update('role-designers', { name: 'Learner work' });
    await db.companies.delete('C0002');
    const before = await takeSnapshot(db);
    const companiesBefore = await db.companies.count();

    await expect(
      resetInstance(db, {
        onTableWritten: (table) => {
          if (table === 'orders') throw new Error('disk full (injected)');
        },
      }),
    ).rejects.toThrow('disk full (injected)');

    expect(await takeSnapshot(db)).toEqual(before);
    expect(await db.companies.count()).toBe(companiesBefore);
    expect(await db.companies.get('C0002')).toBeUndefined();
  });

  it('refuses a seed with a duplicate key and changes nothing', async () => {
    const db = freshDb();
    await seedInstance(db);
    const before = await takeSnapshot(db);
    const seed = await loadTrainingInstanceSeed();
    const broken = {
      ...seed,
      companyData: { ...seed.companyData, companies: [...seed.companyData.companies, seed.companyData.companies[0]!] },
    };
    await expect(resetInstance(db, { seed: broken })).rejects.toThrow();
    expect(await takeSnapshot(db)).toEqual(before);
  });

  it('restores Company Data exactly after rows were changed, added, removed and reshaped', async () => {
    const db = freshDb();
    await seedInstance(db);
    const seed = await loadTrainingInstanceSeed();
    await db.companies.update('C0003', { CompanyName: 'Renamed Ltd', Notes: 'a property the seed lacks' });
    await db.companies.add({ ...seed.companyData.companies[0]!, CompanyID: 'C9999' });
    await db.orders.delete(seed.companyData.orders[5]!.OrderID);
    const line = seed.companyData.orderLines[7]!;
    const { Quantity: _dropped, ...withoutQuantity } = line as Record<string, unknown>;
    await db.orderLines.put(withoutQuantity as typeof line);
    await db.additionalCompanies.clear();

    await resetInstance(db);

    const byKey = (key: string) => (a: Record<string, unknown>, b: Record<string, unknown>) => String(a[key]).localeCompare(String(b[key]));
    expect((await db.companies.toArray()).sort(byKey('CompanyID'))).toEqual([...seed.companyData.companies].sort(byKey('CompanyID')));
    expect((await db.orders.toArray()).sort(byKey('OrderID'))).toEqual([...seed.companyData.orders].sort(byKey('OrderID')));
    expect((await db.orderLines.toArray()).sort(byKey('OrderLineID'))).toEqual([...seed.companyData.orderLines].sort(byKey('OrderLineID')));
    expect(await db.additionalCompanies.count()).toBe(seed.companyData.additionalCompanies.length);
  });

  it('writes only the rows that differ from the fresh instance', async () => {
    const db = freshDb();
    await seedInstance(db);
    await db.companies.update('C0004', { Industry: 'Changed' });
    await db.companies.add({ ...(await db.companies.get('C0001'))!, CompanyID: 'C9998' });
    // Every table of a connection shares one prototype; each call's `this` says which table it
    // wrote. A reset writes through the durable connection.
    const tableProto = Object.getPrototypeOf(db.durable.companies) as typeof db.companies;
    const puts = vi.spyOn(tableProto, 'bulkPut');
    const deletes = vi.spyOn(tableProto, 'bulkDelete');
    await resetInstance(db);
    const callsOn = (spy: typeof puts | typeof deletes, table: string) =>
      spy.mock.calls.filter((_, i) => (spy.mock.contexts[i] as { name: string }).name === table).map(([arg]) => arg as unknown[]);
    expect(callsOn(puts, 'companies').map((rows) => rows.map((r) => (r as { CompanyID: string }).CompanyID))).toEqual([['C0004']]);
    expect(callsOn(deletes, 'companies')).toEqual([['C9998']]);
    expect(callsOn(puts, 'orders')).toEqual([]);
    expect(callsOn(puts, 'orderLines')).toEqual([]);
    puts.mockRestore();
    deletes.mockRestore();
    expect((await db.companies.get('C0004'))?.Industry).not.toBe('Changed');
  });

  it('refuses rows without a valid key and changes nothing', async () => {
    const db = freshDb();
    await seedInstance(db);
    await db.companies.update('C0005', { CompanyName: 'Learner work' });
    const before = await db.companies.toArray();
    const seed = await loadTrainingInstanceSeed();
    const broken = {
      ...seed,
      companyData: { ...seed.companyData, orders: [...seed.companyData.orders, { ...seed.companyData.orders[0]!, OrderID: undefined as unknown as string }] },
    };
    await expect(resetInstance(db, { seed: broken })).rejects.toThrow(/A row for the table orders has no OrderID/);
    expect(await db.companies.toArray()).toEqual(before);
  });
});

describe('sameValue', () => {
  it('compares stored values by structure', () => {
    expect(sameValue({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: null }, { a: undefined })).toBe(false);
    expect(sameValue(new Date(5), new Date(5))).toBe(true);
    expect(sameValue(new Date(5), { getTime: 5 })).toBe(false);
    expect(sameValue(NaN, NaN)).toBe(true);
    expect(sameValue([], {})).toBe(false);
  });
});
