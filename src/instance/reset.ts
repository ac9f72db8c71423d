/**
 * Seeding and resetting the training instance. A reset replaces every instance table inside ONE
 * IndexedDB transaction: if anything fails part-way, IndexedDB rolls it all back and the previous
 * instance stays as it was.
 */
import type { InstanceDb, InstanceTableName } from './db';
import { INSTANCE_TABLES } from './db';
import { loadTrainingInstanceSeed, type InstanceSeed } from './seed-data';

/** Version of the instance layout written into `meta` and into exported files. */
export const INSTANCE_FORMAT_VERSION = 1;

/** Rows of every instance table, by table name. */
export type InstanceContents = Partial<Record<InstanceTableName, unknown[]>>;

export interface ResetOptions {
  /** What to reset to; the standard training instance when omitted. */
  seed?: InstanceSeed;
  /** Called after each table is written (tests use it to fail part-way). */
  onTableWritten?: (table: InstanceTableName) => void;
}

/** The rows a seed puts in each instance table. */
export function contentsOfSeed(seed: InstanceSeed): InstanceContents {
  const { repository: r, companyData: c } = seed;
  return {
    meta: [
      { key: 'formatVersion', value: INSTANCE_FORMAT_VERSION },
      { key: 'fixture', value: r.fixture },
    ],
    applications: r.applications,
    appTables: r.tables,
    screens: r.screens,
    actionflows: r.actionflows,
    roles: r.roles,
    userGroups: r.userGroups,
    users: r.users,
    keystore: r.keystore,
    companies: c.companies,
    orders: c.orders,
    orderLines: c.orderLines,
    additionalCompanies: c.additionalCompanies,
  };
}

/**
 * Replaces the whole instance with `contents`, atomically. Tables not named in `contents` end empty.
 * Rows are written with `bulkAdd`, so a duplicate key fails the whole replacement.
 */
export async function replaceInstance(
  db: InstanceDb,
  contents: InstanceContents,
  onTableWritten?: (table: InstanceTableName) => void,
): Promise<void> {
  await db.transaction('rw', INSTANCE_TABLES.map((t) => db.table(t)), async () => {
    await Promise.all(INSTANCE_TABLES.map((t) => db.table(t).clear()));
    for (const name of INSTANCE_TABLES) {
      const rows = contents[name];
      if (rows && rows.length > 0) await db.table(name).bulkAdd(rows);
      onTableWritten?.(name);
    }
  });
}

/** Resets the instance to a fresh training instance (or `options.seed`), all or nothing. */
export async function resetInstance(db: InstanceDb, options: ResetOptions = {}): Promise<void> {
  const seed = options.seed ?? (await loadTrainingInstanceSeed());
  await replaceInstance(db, contentsOfSeed(seed), options.onTableWritten);
}

/** True when the instance has been seeded (a reset or import completed at least once). */
export async function isSeeded(db: InstanceDb): Promise<boolean> {
  return (await db.meta.get('formatVersion')) !== undefined;
}

/** Seeds the instance on first open; leaves an existing instance alone. Resolves true when it seeded. */
export async function seedInstance(db: InstanceDb, options: ResetOptions = {}): Promise<boolean> {
  if (await isSeeded(db)) return false;
  await resetInstance(db, options);
  return true;
}
