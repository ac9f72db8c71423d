/**
 * Seeding and resetting the training instance. A reset replaces every instance table inside ONE
 * IndexedDB transaction: if anything fails part-way, IndexedDB rolls it all back and the previous
 * instance stays as it was. Only what differs from the target is written.
 */
import Dexie, { type Table } from 'dexie';
import type { InstanceDb, InstanceTableName, MetaEntry, ProgressRecord } from './db';
import { REPLACEMENT_META_KEY } from './change-feed';
import { INSTANCE_TABLES } from './db';
import { withGeneratedSecrets } from '$domain/instance-secrets';
import { FRESH_FIXTURE, type FixtureName } from '$domain/fixtures';
import { loadSeed, type InstanceSeed } from './seed-data';

/** Version of the instance layout written into `meta` and into exported files. */
export const INSTANCE_FORMAT_VERSION = 2;

/** Rows of every instance table, by table name. */
export type InstanceContents = Partial<Record<InstanceTableName, unknown[]>>;

/** A reset: what to reset to, and what {@link replaceInstance} changes with it. */
export interface ResetOptions extends ReplaceOptions {
  /** What to reset to; the named start state `fixture` when omitted. */
  seed?: InstanceSeed;
  /** The named start state to reset to when no seed is given; the standard training instance by default. */
  fixture?: FixtureName;
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
    // A fresh instance's own signing key, unknown to anyone who has the fixture.
    keystore: withGeneratedSecrets(r.keystore),
    companies: c.companies,
    orders: c.orders,
    orderLines: c.orderLines,
    additionalCompanies: c.additionalCompanies,
  };
}

/**
 * Replaces the whole instance with `contents`, atomically. Tables not named in `contents` end empty.
 * A key that appears twice, or a row without a valid key, fails the whole replacement.
 *
 * Most of an instance's rows are Company Data that a lesson leaves alone, and writing them again is
 * most of a reset's time; so the large tables are compared with what they should hold and only the
 * rows that differ are deleted or written (see {@link replaceTable}). The result is the same.
 */
export async function replaceInstance(db: InstanceDb, contents: InstanceContents, options: ReplaceOptions = {}): Promise<void> {
  // Durably: a reset or an import that the browser reported done must survive a crash. Inside a
  // caller's transaction (one that writes more than the instance), that transaction is the one.
  const target = Dexie.currentTransaction ? db : db.durable;
  const { progress, onTableWritten } = options;
  const tables = [...INSTANCE_TABLES.map((t) => target.table(t)), ...(progress ? [target.progress] : [])];
  const meta = withReplacementMarker((contents.meta ?? []) as MetaEntry[]);
  await target.transaction('rw', tables, async () => {
    // The tables side by side (one transaction, all or nothing): in turn, each one's reads and
    // writes waited for the last table's.
    await Promise.all(
      INSTANCE_TABLES.map(async (name) => {
        await replaceTable(target.table(name), name === 'meta' ? meta : (contents[name] ?? []));
        onTableWritten?.(name);
      }),
    );
    if (progress) {
      if (progress.clear === 'all') await target.progress.clear();
      else if (progress.clear.length > 0) await target.progress.bulkDelete([...progress.clear]);
      if (progress.put.length > 0) await target.progress.bulkPut([...progress.put]);
      onTableWritten?.('progress');
    }
  });
}

/** `meta` with a new replacement marker: every replacement writes one, and the change feed tells a
 * replacement by it. */
function withReplacementMarker(meta: readonly MetaEntry[]): MetaEntry[] {
  return [...meta.filter((m) => m.key !== REPLACEMENT_META_KEY), { key: REPLACEMENT_META_KEY, value: crypto.randomUUID() }];
}

/**
 * Lesson progress changed in the same transaction as an instance replacement, so that instance
 * and progress never disagree (a page closed midway leaves both as they were).
 */
export interface ProgressReplacement {
  /** Chapters whose progress is forgotten (before `put` is written). */
  clear: 'all' | readonly string[];
  /** Progress records written. */
  put: readonly ProgressRecord[];
}

export interface ReplaceOptions {
  /** Lesson progress to change in the same transaction. */
  progress?: ProgressReplacement;
  /** Called after each table is written, inside the transaction, in no set order (the progress last); tests throw from it to fail part-way. */
  onTableWritten?: (table: InstanceTableName | 'progress') => void;
}

/**
 * Makes `table` hold exactly `rows`. A table keyed by a property of its rows, without other unique
 * indexes, gets only the difference: rows that should not be there deleted, rows that are missing or
 * differ written. Others (auto-numbered keys; unique names, which a row-by-row change could make
 * clash for a moment) are cleared and written whole; they are small.
 */
async function replaceTable(table: Table, rows: readonly unknown[]): Promise<void> {
  const { primKey, indexes } = table.schema;
  const keyPath = primKey.keyPath;
  if (typeof keyPath !== 'string' || primKey.auto || indexes.some((i) => i.unique)) {
    await table.clear();
    if (rows.length > 0) await table.bulkAdd(rows as object[]);
    return;
  }
  const wanted = new Map<string | number, unknown>();
  for (const row of rows) {
    const key = row && typeof row === 'object' ? (row as Record<string, unknown>)[keyPath] : undefined;
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new Error(`A row for the table ${table.name} has no ${keyPath} (a text or a number), so it cannot be stored.`);
    }
    if (wanted.has(key)) throw new Error(`The rows for the table ${table.name} hold the ${keyPath} ${JSON.stringify(key)} twice.`);
    wanted.set(key, row);
  }
  const stale: (string | number)[] = [];
  const changed: unknown[] = [];
  const present = new Set<unknown>();
  for (const row of (await table.toArray()) as Record<string, unknown>[]) {
    const key = row[keyPath] as string | number;
    present.add(key);
    const target = wanted.get(key);
    if (target === undefined) stale.push(key);
    else if (!sameValue(row, target)) changed.push(target);
  }
  for (const [key, row] of wanted) if (!present.has(key)) changed.push(row);
  if (stale.length > 0) await table.bulkDelete(stale);
  if (changed.length > 0) await table.bulkPut(changed as object[]);
}

/** Structural equality of stored values (plain objects, arrays, dates and primitives). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((v, i) => sameValue(v, other[i]));
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(bRecord).length) return false;
  const aRecord = a as Record<string, unknown>;
  return aKeys.every((k) => Object.prototype.hasOwnProperty.call(bRecord, k) && sameValue(aRecord[k], bRecord[k]));
}

/** Resets the instance to a named start state (or `options.seed`), all or nothing. */
export async function resetInstance(db: InstanceDb, options: ResetOptions = {}): Promise<void> {
  const seed = options.seed ?? (await loadSeed(options.fixture ?? FRESH_FIXTURE));
  await replaceInstance(db, contentsOfSeed(seed), options);
}

/** True when the instance has been seeded (a reset or import completed at least once). */
export async function isSeeded(db: InstanceDb): Promise<boolean> {
  return (await db.meta.get('formatVersion')) !== undefined;
}

/** The meta row a first seed leaves while the Company Data is still to be written (see {@link seedRepositoryFirst}). */
export const COMPANY_DATA_PENDING_KEY = 'companyDataPending';

/** The Company Data tables, which a first visit writes after the rest. */
const COMPANY_TABLES = ['companies', 'orders', 'orderLines', 'additionalCompanies'] as const;

/** True when `store` holds Company Data: a first visit is still adding its rows while {@link companyDataPending}. */
export function isCompanyDataStore(store: string): boolean {
  return (COMPANY_TABLES as readonly string[]).includes(store);
}

/**
 * A first visit's seed, first part: the repository (everything but the Company Data) in one
 * transaction, marked as waiting for its Company Data, so the sandbox can start before the large
 * tables are written. Leaves an existing instance alone; resolves true when it seeded.
 */
export async function seedRepositoryFirst(db: InstanceDb, repository: InstanceSeed['repository']): Promise<boolean> {
  const empty = { companies: [], orders: [], orderLines: [], additionalCompanies: [] };
  const contents = contentsOfSeed({ repository, companyData: empty as unknown as InstanceSeed['companyData'] });
  const meta = [...(contents.meta as MetaEntry[]), { key: COMPANY_DATA_PENDING_KEY, value: true }];
  // Relaxed, unlike other replacements: a first seed lost to a crash is simply made again.
  return db.transaction('rw', INSTANCE_TABLES.map((t) => db.table(t)), async () => {
    // Seeded already, or by another tab's first seed that came first.
    if (await isSeeded(db)) return false;
    if (!db.created) {
      await replaceInstance(db, { ...contents, meta });
      return true;
    }
    // This connection created the database, so its tables are empty: the rows are added, not
    // compared with every table's (empty) contents first, which took most of the seed's time.
    await Promise.all(
      INSTANCE_TABLES.map((name) => {
        const rows = name === 'meta' ? withReplacementMarker(meta) : (contents[name] ?? []);
        return rows.length > 0 ? db.table(name).bulkAdd(rows as object[]) : undefined;
      }),
    );
    return true;
  });
}

/** True when a first seed has not written the Company Data yet. */
export async function companyDataPending(db: InstanceDb): Promise<boolean> {
  return (await db.meta.get(COMPANY_DATA_PENDING_KEY)) !== undefined;
}

/** Rows per transaction of the first seed's second part: small enough that the server's own
 * requests are never kept waiting long behind it. */
const SEED_SLICE_ROWS = 1_000;

/**
 * The first seed's second part: the Company Data, in slices of {@link SEED_SLICE_ROWS} rows, each
 * its own transaction on its table only, so the sandbox keeps answering meanwhile (rows are put,
 * so a page closed midway does it again at its next start). The mark goes in the last slice's
 * transaction: a view that reads again when that slice is written (counting rows) reads the mark
 * gone. Nothing more is written once the mark is gone (a reset or an import came first).
 */
export async function seedCompanyData(db: InstanceDb, companyData: InstanceSeed['companyData'], onTableWritten?: (table: string) => void): Promise<void> {
  const rows: Record<(typeof COMPANY_TABLES)[number], readonly unknown[]> = {
    companies: companyData.companies,
    orders: companyData.orders,
    orderLines: companyData.orderLines,
    additionalCompanies: companyData.additionalCompanies,
  };
  // A table without rows is one empty slice: it is still told written.
  const slices = COMPANY_TABLES.flatMap((name) =>
    Array.from({ length: Math.max(1, Math.ceil(rows[name].length / SEED_SLICE_ROWS)) }, (_, i) => ({
      name,
      rows: rows[name].slice(i * SEED_SLICE_ROWS, (i + 1) * SEED_SLICE_ROWS),
      lastOfTable: (i + 1) * SEED_SLICE_ROWS >= rows[name].length,
    })),
  );
  for (const [index, slice] of slices.entries()) {
    const table = db.table(slice.name);
    if (index < slices.length - 1) {
      if (!(await companyDataPending(db))) return;
      await table.bulkPut(slice.rows as object[]);
    } else {
      const written = await db.transaction('rw', [table, db.meta], async () => {
        if (!(await companyDataPending(db))) return false;
        await table.bulkPut(slice.rows as object[]);
        await db.meta.delete(COMPANY_DATA_PENDING_KEY);
        return true;
      });
      if (!written) return;
    }
    if (slice.lastOfTable) onTableWritten?.(slice.name);
  }
}

/** Seeds the instance on first open; leaves an existing instance alone. Resolves true when it seeded. */
export async function seedInstance(db: InstanceDb, options: ResetOptions = {}): Promise<boolean> {
  if (await isSeeded(db)) return false;
  await resetInstance(db, options);
  return true;
}
