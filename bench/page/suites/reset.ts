// Reset of the training instance against a raw IndexedDB bulk put of the same rows, in the same
// page and run: the standard Company Data, then ten times as much.
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

async function measure(label: string, seed: InstanceSeed): Promise<BenchRow[]> {
  const contents = contentsOfSeed(seed);
  const rows = rowCount(contents);
  const db = new InstanceDb(`bench-reset-${label}`);
  await db.open();
  const raw = await openRawDb(`bench-raw-${label}`, db);
  // Alternate the two so that neither gets a warmer disk cache or a quieter moment than the other.
  const resetTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < RUNS + 1; i++) {
    const [r] = await timeRuns(1, () => replaceInstance(db, contents), 0);
    const [b] = await timeRuns(1, () => rawReplace(raw, contents), 0);
    if (i > 0) {
      resetTimes.push(r!);
      rawTimes.push(b!);
    }
  }
  db.close();
  raw.close();
  const rawMs = median(rawTimes);
  const resetMs = median(resetTimes);
  const note = `${rows.toLocaleString('en-GB')} rows, median of ${RUNS}`;
  return [
    { name: `raw IndexedDB bulk put (${label})`, value: rawMs, unit: 'ms', note },
    { name: `reset instance (${label})`, value: resetMs, unit: 'ms', note: `${note}; ${Math.round(rows / (resetMs / 1000)).toLocaleString('en-GB')} rows/s` },
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
