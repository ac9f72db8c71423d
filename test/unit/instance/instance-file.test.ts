import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InstanceDb } from '$instance/db';
import { exportInstance, importInstance, InstanceFileError, INSTANCE_FILE_FORMAT } from '$instance/instance-file';
import { takeSnapshot } from '$instance/snapshot';
import { seededDb } from '../support/instance';
import { INSTANCE_FORMAT_VERSION } from '$instance/reset';

let db: InstanceDb;
beforeAll(async () => {
  db = await seededDb();
});
afterAll(() => db.close());

/** Asserts that importing `file` is refused with a message matching `message` and changes nothing. */
async function expectRefused(file: unknown, message: RegExp) {
  const before = await takeSnapshot(db);
  const companies = await db.companies.count();
  const error = await importInstance(db, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstanceFileError);
  expect((error as Error).message).toMatch(/^The file cannot be imported, and the instance was not changed\./);
  expect((error as Error).message).toMatch(message);
  expect(await takeSnapshot(db)).toEqual(before);
  expect(await db.companies.count()).toBe(companies);
}

describe('exporting and importing an instance file', () => {
  it('exports every table with the format and its version', async () => {
    const file = await exportInstance(db, new Date('2026-11-29T10:00:00Z'));
    expect(file.format).toBe(INSTANCE_FILE_FORMAT);
    expect(file.formatVersion).toBe(INSTANCE_FORMAT_VERSION);
    expect(file.exportedAt).toBe('2026-11-29T10:00:00.000Z');
    expect(file.tables.companies.length).toBe(await db.companies.count());
    expect(file.tables.users.length).toBe(1);
  });

  it('round-trips: an exported file imported later restores that exact instance', async () => {
    await db.roles.update('role-designers', { name: 'Before export' });
    const file = JSON.parse(JSON.stringify(await exportInstance(db)));
    const snapshot = await takeSnapshot(db);
    await db.roles.update('role-designers', { name: 'After export' });
    await db.orderLines.clear();
    await importInstance(db, JSON.stringify(file));
    expect(await takeSnapshot(db)).toEqual(snapshot);
    expect(await db.orderLines.count()).toBe(file.tables.orderLines.length);
  });

  it('refuses text that is not JSON', () => expectRefused('{ not json', /not valid JSON/));
  it('refuses a JSON value that is not an object', () => expectRefused('[1,2,3]', /not a JSON object/));
  it('refuses a foreign file', () => expectRefused({ name: 'package', version: '1.0.0' }, /not an Actionflow Sandbox instance export/));
  it('refuses a file from a newer version', async () => {
    const file = await exportInstance(db);
    await expectRefused({ ...file, formatVersion: 99 }, /newer version/);
  });
  it('refuses a file with a missing table', async () => {
    const file = await exportInstance(db);
    const { roles: _roles, ...tables } = file.tables;
    await expectRefused({ ...file, tables }, /table "roles" is missing/);
  });
  it('refuses a file with an unknown table', async () => {
    const file = await exportInstance(db);
    await expectRefused({ ...file, tables: { ...file.tables, secrets: [] } }, /table "secrets"/);
  });
  it('refuses a row without its required fields', async () => {
    const file = await exportInstance(db);
    const users = [{ ...file.tables.users[0]!, login: 42 }];
    await expectRefused({ ...file, tables: { ...file.tables, users } }, /Row 1 of table "users" has no valid "login"/);
  });
  it('refuses duplicate keys', async () => {
    const file = await exportInstance(db);
    const companies = [...file.tables.companies, file.tables.companies[0]];
    await expectRefused({ ...file, tables: { ...file.tables, companies } }, /CompanyID "C0001" more than once/);
  });
  it('refuses references to rows that are not in the file', async () => {
    const file = await exportInstance(db);
    const roles = (file.tables.roles as { userGroupIds: string[] }[]).map((r) => ({ ...r, userGroupIds: ['group-missing'] }));
    await expectRefused({ ...file, tables: { ...file.tables, roles } }, /lists a user group \(group-missing\)/);
  });
});
