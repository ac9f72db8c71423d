import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDb } from '$instance/db';
import { isSeeded, resetInstance, seedInstance } from '$instance/reset';
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
    expect(await takeSnapshot(db)).toEqual(fresh);
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
});
