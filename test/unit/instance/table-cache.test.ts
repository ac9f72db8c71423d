/**
 * The in-memory cache of values derived from instance tables: kept until a write to one of its
 * tables commits — through this database object or another one on the same database (another tab).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDb } from '$instance/db';
import { cacheFor, cachedOf } from '$instance/table-cache';

const opened: InstanceDb[] = [];
/** An open database (creating one announces a change to every table, as a first open should). */
async function freshDb(name = `cache-${crypto.randomUUID()}`): Promise<InstanceDb> {
  const db = new InstanceDb(name);
  opened.push(db);
  await db.open();
  return db;
}
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** A cached count of roles that also counts how often it was loaded. */
function countedRoles(db: InstanceDb, tables: readonly string[] = ['roles']) {
  let loads = 0;
  const get = cachedOf(db, tables, async () => {
    loads += 1;
    return db.roles.count();
  });
  return { get, loads: () => loads };
}

const role = (id: string) => ({ id, applicationId: 'app', name: id, description: '', privileges: [], userGroupIds: [] });

describe('cachedOf', () => {
  it('loads once while nothing changes', async () => {
    const db = await freshDb();
    const roles = countedRoles(db);
    expect(await roles.get()).toBe(0);
    expect(await roles.get()).toBe(0);
    expect(roles.loads()).toBe(1);
  });

  it('loads again after a committed write to one of its tables, and sees it', async () => {
    const db = await freshDb();
    const roles = countedRoles(db);
    await roles.get();
    await db.roles.add(role('r1'));
    expect(await roles.get()).toBe(1);
    expect(roles.loads()).toBe(2);
  });

  it('is not disturbed by writes to other tables or other databases', async () => {
    const db = await freshDb();
    const other = await freshDb();
    const roles = countedRoles(db);
    await roles.get();
    await db.audit.add({ at: '', runAs: 'system', runAsName: 'System', actionflow: '', endpoint: '', outcome: 'success', status: 200, code: null, reason: null });
    await other.roles.add(role('elsewhere'));
    await roles.get();
    expect(roles.loads()).toBe(1);
  });

  it('sees a write made through another object on the same database (another tab)', async () => {
    const db = await freshDb();
    const tab = await freshDb(db.name);
    const roles = countedRoles(db);
    expect(await roles.get()).toBe(0);
    await tab.roles.add(role('from-the-other-tab'));
    expect(await roles.get()).toBe(1);
  });

  it('sees a clear (as a reset does)', async () => {
    const db = await freshDb();
    await db.roles.bulkAdd([role('r1'), role('r2')]);
    const roles = countedRoles(db);
    expect(await roles.get()).toBe(2);
    await db.roles.clear();
    expect(await roles.get()).toBe(0);
  });

  it('shares one load between callers that come at once', async () => {
    const db = await freshDb();
    const roles = countedRoles(db);
    expect(await Promise.all([roles.get(), roles.get(), roles.get()])).toEqual([0, 0, 0]);
    expect(roles.loads()).toBe(1);
  });

  it('does not keep a load that a write overtook', async () => {
    const db = await freshDb();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let loads = 0;
    const get = cachedOf(db, ['roles'], async () => {
      loads += 1;
      const count = await db.roles.count();
      if (loads === 1) await gate; // the first load finishes only after the write below
      return count;
    });
    const first = get();
    await db.roles.add(role('r1'));
    release();
    expect(await first).toBe(0);
    expect(await get()).toBe(1);
    expect(loads).toBe(2);
  });

  it('does not keep a failed load', async () => {
    const db = await freshDb();
    let calls = 0;
    const get = cachedOf(db, ['roles'], async () => {
      calls += 1;
      if (calls === 1) throw new Error('the first load fails');
      return 'loaded';
    });
    await expect(get()).rejects.toThrow('the first load fails');
    expect(await get()).toBe('loaded');
  });
});

describe('cacheFor', () => {
  it('answers the same cache for the same database and name', async () => {
    const db = await freshDb();
    let loads = 0;
    const load = async () => ++loads;
    expect(await cacheFor(db, 'test', ['roles'], load)()).toBe(1);
    expect(await cacheFor(db, 'test', ['roles'], load)()).toBe(1);
    expect(await cacheFor(await freshDb(), 'test', ['roles'], load)()).toBe(2);
  });
});
