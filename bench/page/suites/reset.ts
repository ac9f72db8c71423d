// Reset of the training instance against a raw IndexedDB bulk put of the same rows, in the same
// page and run: the standard Company Data, then ten times as much. Reset is timed twice: into an
// emptied instance (every row written, like for like with the raw put) and after a lesson's
// changes (what an instructor does; only rows that differ are written).
import { InstanceDb, INSTANCE_TABLES } from '$instance/db';
import { contentsOfSeed, replaceInstance, type InstanceContents } from '$instance/reset';
import { loadTrainingInstanceSeed, type InstanceSeed } from '$instance/seed-data';
import { median, registerSuite, timeRuns, type BenchRow } from '../registry';

const RUNS = 5;

/** The seed with its Company Data repeated `factor` times under distinct keys. */
function scaled(seed: InstanceSeed, factor: number): InstanceSeed {
  if (factor === 1) return seed;
  const copy = <T extends Record<string, unknown>>(rows: T[], keys: string[]) =>
    Array.from({ length: factor }, (_, k) =>
      rows.map((r) => {
        const out: Record<string, unknown> = { ...r };
        for (const key of keys) out[key] = `${String(r[key])}-${k}`;
        return out as T;
      }),
    ).flat();
  const c = seed.companyData;
  return {
    repository: seed.repository,
    companyData: {
      formatVersion: 1,
      companies: copy(c.companies, ['CompanyID']),
      orders: copy(c.orders, ['OrderID', 'CompanyID']),
      orderLines: copy(c.orderLines, ['OrderLineID', 'OrderID']),
      additionalCompanies: copy(c.additionalCompanies, ['CompanyID']),
    },
  };
}

/** A plain IndexedDB database with the same stores, keys and indexes as the instance's Dexie schema. */
async function openRawDb(name: string, template: InstanceDb): Promise<IDBDatabase> {
  await new Promise((resolve) => {
    const del = indexedDB.deleteDatabase(name);
    del.onsuccess = del.onerror = del.onblocked = resolve;
  });
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      for (const table of template.tables) {
        const pk = table.schema.primKey;
        const store = open.result.createObjectStore(table.name, {
          keyPath: pk.keyPath ?? undefined,
          autoIncrement: pk.auto,
        });
        for (const index of table.schema.indexes) {
          store.createIndex(index.name, index.keyPath ?? index.name, { unique: index.unique, multiEntry: index.multi });
        }
      }
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Clears every instance store and puts all rows, in one transaction, with the bare IndexedDB API. */
function rawReplace(db: IDBDatabase, contents: InstanceContents): Promise<void> {
  return new Promise((resolve, reject) => {
    // The same durability the instance database uses, so both sides pay the same for the flush.
    const tx = db.transaction([...INSTANCE_TABLES], 'readwrite', { durability: 'relaxed' });
    for (const name of INSTANCE_TABLES) {
      const store = tx.objectStore(name);
      store.clear();
      for (const row of contents[name] ?? []) store.put(row);
    }
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

function rowCount(contents: InstanceContents): number {
  return Object.values(contents).reduce((n, rows) => n + (rows?.length ?? 0), 0);
}

/** What a learner leaves behind in a chapter: a user, group and role, edited and imported companies. */
async function makeLessonChanges(db: InstanceDb, run: number): Promise<void> {
  await db.transaction('rw', [db.users, db.userGroups, db.roles, db.companies, db.orders, db.orderLines], async () => {
    await db.users.put({ id: `user-bench-${run}`, login: `apiagent${run}`, firstName: 'API', surname: 'Agent', passwordHash: 'x', passwordSalt: 'y', enabled: true, designer: false });
    await db.userGroups.put({ id: `group-bench-${run}`, name: `APIUsers${run}`, description: '', userIds: [`user-bench-${run}`] });
    await db.roles.put({ id: `role-bench-${run}`, applicationId: 'app-actionflow-advanced', name: `GenerateAPIToken${run}`, description: '', privileges: ['Use API Key'], userGroupIds: [`group-bench-${run}`] });
    const companies = await db.companies.limit(20).toArray();
    await db.companies.bulkPut(companies.map((c) => ({ ...c, CompanyName: `${String(c.CompanyName)} (edited)` })));
    const orders = await db.orders.limit(5).toArray();
    await db.orders.bulkPut(orders.map((o) => ({ ...o, OrderID: `${String(o.OrderID)}-new-${run}` })));
    await db.orderLines.bulkDelete((await db.orderLines.limit(3).primaryKeys()) as string[]);
  });
}

async function clearInstance(db: InstanceDb): Promise<void> {
  await db.transaction('rw', INSTANCE_TABLES.map((t) => db.table(t)), () => Promise.all(INSTANCE_TABLES.map((t) => db.table(t).clear())));
}

async function measure(label: string, seed: InstanceSeed): Promise<BenchRow[]> {
  const contents = contentsOfSeed(seed);
  const rows = rowCount(contents);
  const db = new InstanceDb(`bench-reset-${label}`);
  await db.open();
  await replaceInstance(db, contents);
  const raw = await openRawDb(`bench-raw-${label}`, db);
  // Alternate the kinds so that none gets a warmer disk cache or a quieter moment than another.
  const emptyTimes: number[] = [];
  const changedTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    await clearInstance(db);
    const [e] = await timeRuns(1, () => replaceInstance(db, contents), 0);
    await makeLessonChanges(db, i);
    const [c] = await timeRuns(1, () => replaceInstance(db, contents), 0);
    const [b] = await timeRuns(1, () => rawReplace(raw, contents), 0);
    if (i > 0) {
      emptyTimes.push(e!);
      changedTimes.push(c!);
      rawTimes.push(b!);
    }
  }
  db.close();
  raw.close();
  const rawMs = median(rawTimes);
  const emptyMs = median(emptyTimes);
  const changedMs = median(changedTimes);
  const note = `${rows.toLocaleString('en-GB')} rows, median of ${RUNS}`;
  const rate = (ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-GB')} rows/s`;
  return [
    { name: `raw IndexedDB bulk put (${label})`, value: rawMs, unit: 'ms', note },
    { name: `reset instance, every row written (${label})`, value: emptyMs, unit: 'ms', note: `${note}; into an emptied instance; ${rate(emptyMs)}` },
    { name: `reset instance after a lesson's changes (${label})`, value: changedMs, unit: 'ms', note: `${note}; only rows that differ are written` },
  ];
}

registerSuite('reset', async () => {
  const seed = await loadTrainingInstanceSeed();
  return measure('standard', seed);
});

registerSuite('reset-10x', async () => {
  const seed = await loadTrainingInstanceSeed();
  return measure('10× Company Data', scaled(seed, 10));
});
