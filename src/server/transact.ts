/**
 * One Dexie read-write transaction that rethrows the very error its body threw. Dexie maps errors by
 * name (a domain `NotFoundError` would come out as Dexie's own `NotFoundError`, and so a 500), so
 * the body's error is kept aside and thrown again once the transaction has rolled back.
 */
import type { Table } from 'dexie';
import type { InstanceDb } from '$instance/db';

/** Runs `body` in one read-write transaction over `tables`; all or nothing. */
export async function transact<T>(db: InstanceDb, tables: Table<any, any>[], body: () => Promise<T>): Promise<T> {
  let thrown: { error: unknown } | null = null;
  try {
    return await db.transaction('rw', tables, async () => {
      try {
        return await body();
      } catch (error) {
        thrown = { error };
        throw error;
      }
    });
  } catch (error) {
    throw thrown ? (thrown as { error: unknown }).error : error;
  }
}
