import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InstanceDb, InstanceTableName } from '$instance/db';
import { exportInstance, importInstance, InstanceFileError, INSTANCE_FILE_FORMAT, type InstanceFile } from '$instance/instance-file';
import { contentsOfSeed, replaceInstance } from '$instance/reset';
import { loadTrainingInstanceSeed } from '$instance/seed-data';
import { takeSnapshot } from '$instance/snapshot';
import { seededDb } from '../support/instance';
import { INSTANCE_FORMAT_VERSION } from '$instance/reset';

let db: InstanceDb;
beforeAll(async () => {
  db = await seededDb();
});
afterAll(() => db.close());
beforeEach(async () => {
  await replaceInstance(db, contentsOfSeed(await loadTrainingInstanceSeed()));
});

/** A deep copy of a fresh export with secrets, as a file read from disk would be. */
async function exported(): Promise<InstanceFile> {
  return JSON.parse(JSON.stringify(await exportInstance(db, { secrets: true })));
}

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
  for (const problem of (error as InstanceFileError).problems) expect(problem).toMatch(/^[A-Z].*[.)]$/s);
  expect(await takeSnapshot(db)).toEqual(before);
  expect(await db.companies.count()).toBe(companies);
}

/** The file with `change` applied to a copy of its tables. */
async function withTables(change: (tables: { [K in InstanceTableName]: any[] }) => void): Promise<InstanceFile> {
  const file = await exported();
  change(file.tables as { [K in InstanceTableName]: any[] });
  return file;
}

describe('exporting and importing an instance file', () => {
  it('exports every table with the format, its version and a statement of its secrets', async () => {
    const file = await exportInstance(db, { secrets: true, now: new Date('2026-11-29T10:00:00Z') });
    expect(file.format).toBe(INSTANCE_FILE_FORMAT);
    expect(file.formatVersion).toBe(INSTANCE_FORMAT_VERSION);
    expect(file.exportedAt).toBe('2026-11-29T10:00:00.000Z');
    expect(file.tables.companies.length).toBe(await db.companies.count());
    expect(file.tables.users.length).toBe(1);
    expect(file.secrets.included).toBe(true);
    expect(file.secrets.notice).toMatch(/holds secrets in clear/);
    expect(file.secrets.holds.join(' ')).toMatch(/keystore aliases pepperkey, phixflow-api-key, phixflow-database-password and phixflow-database-user/);
    expect(file.secrets.holds.join(' ')).toMatch(/password hashes and salts of the 1 user/);
    expect(file.secrets.leftOut).toEqual(['No sessions: an import logs everyone out.']);
  });

  it('round-trips: an exported file imported later restores that exact instance, but for sessions', async () => {
    await db.roles.update('role-designers', { name: 'Before export' });
    await db.sessions.add({ id: 'a-live-session', userId: 'user-trainee', createdAt: '2026-01-01T00:00:00.000Z', privileges: [] });
    const file = await exported();
    expect(file.tables.sessions).toEqual([]);
    const snapshot = await takeSnapshot(db);
    await db.roles.update('role-designers', { name: 'After export' });
    await db.orderLines.clear();
    await importInstance(db, JSON.stringify(file));
    expect(await takeSnapshot(db)).toEqual({ ...snapshot, sessions: [] });
    expect(await db.orderLines.count()).toBe(file.tables.orderLines.length);
  });

  it('reads a file of format 1 (no secrets statement, sessions kept), dropping its sessions', async () => {
    const file = await exported();
    const { secrets: _secrets, ...old } = { ...file, formatVersion: 1 };
    old.tables.sessions = [{ id: 's1', userId: 'user-trainee', createdAt: '2026-01-01T00:00:00.000Z', privileges: ['Run Actions'] }];
    await importInstance(db, old);
    expect(await db.sessions.count()).toBe(0);
  });
});

describe('an export without secrets', () => {
  it('leaves out the keystore secrets but the pepper, and the HTTP actions\' secret keys, and says so', async () => {
    const saved = (await db.actionflows.get('af-call-api'))!;
    const signing = (await db.keystore.get('phixflow-api-key'))!.secret;
    const httpSecret = 'a-secret-key-of-call-api-0001';
    const withSecret = saved.actions.map((a) => (a.kind === 'http' ? { ...a, props: { ...a.props, secretKeys: [{ id: 'k1', name: 'APIKey', enabled: true, secret: httpSecret }] } } : a));
    await db.actionflows.put({ ...saved, actions: withSecret as typeof saved.actions });
    await db.requestLog.add({ at: '2026-01-01T00:00:00.000Z', method: 'GET', url: `/x?s=${httpSecret}`, status: 200, durationMs: 1, requestHeaders: {}, responseHeaders: {}, requestBody: null, responseBody: null });
    const file = await exportInstance(db, { secrets: false });
    const text = JSON.stringify(file);
    expect(text).not.toContain(signing);
    expect(text).not.toContain(httpSecret);
    expect(text).not.toContain((await db.keystore.get('phixflow-database-password'))!.secret);
    const keystore = Object.fromEntries((file.tables.keystore as { alias: string; secret: string; generated?: boolean }[]).map((k) => [k.alias, k]));
    expect(keystore.pepperkey!.secret).toBe((await db.keystore.get('pepperkey'))!.secret);
    expect(keystore['phixflow-api-key']).toMatchObject({ secret: '', generated: true });
    expect(file.secrets.included).toBe(false);
    expect(file.secrets.notice).toMatch(/leaves the instance's secrets out, but for the pepperkey secret and the password hashes/);
    expect(file.secrets.leftOut.join(' ')).toMatch(/phixflow-api-key.*fresh random ones/);
    expect(file.secrets.leftOut.join(' ')).toMatch(/secret keys of HTTP actions \(Call API → Call API: APIKey\): set them again/);
  });

  it('imports with fresh random keystore secrets, stamped with the import time, and empty HTTP secret keys', async () => {
    const before = (await db.keystore.get('phixflow-api-key'))!.secret;
    const file = JSON.parse(JSON.stringify(await exportInstance(db, { secrets: false })));
    await importInstance(db, file, new Date('2026-12-01T08:00:00Z'));
    const signing = (await db.keystore.get('phixflow-api-key'))!;
    expect(signing.secret).not.toBe(before);
    expect(signing.secret).toHaveLength(44);
    expect(signing).toMatchObject({ generated: true, updatedAt: '2026-12-01T08:00:00.000Z' });
    expect((await db.keystore.get('phixflow-database-user'))!.secret).toHaveLength(44);
    const http = (await db.actionflows.get('af-call-api'))!.actions.find((a) => a.kind === 'http')!;
    expect(http.kind === 'http' && http.props.secretKeys.every((k) => k.secret === '')).toBe(true);
  });
});

describe('a file is checked as deeply as the server checks the same data, naming table, row and field', () => {
  it('refuses text that is not JSON', () => expectRefused('{ not json', /not valid JSON/));
  it('refuses a JSON value that is not an object', () => expectRefused('[1,2,3]', /not a JSON object/));
  it('refuses a foreign file', () => expectRefused({ name: 'package', version: '1.0.0' }, /not an Actionflow Sandbox instance export/));
  it('refuses a file from a newer version', async () => expectRefused({ ...(await exported()), formatVersion: 99 }, /newer version/));
  it('refuses a missing format version', async () => {
    const { formatVersion: _v, ...file } = await exported();
    await expectRefused(file, /"formatVersion" is missing/);
  });
  it('refuses a file with a missing table', async () => {
    const file = await exported();
    const { roles: _roles, ...tables } = file.tables;
    await expectRefused({ ...file, tables }, /table "roles" is missing/);
  });
  it('refuses a file with an unknown table', async () => {
    const file = await exported();
    await expectRefused({ ...file, tables: { ...file.tables, secrets: [] } }, /table "secrets"/);
  });
  it('refuses a row without its required fields', async () => {
    await expectRefused(await withTables((t) => (t.users[0].login = 42)), /Table "users", row 1 \(id "user-trainee"\), field "login": It must be text/);
  });
  it('refuses duplicate keys', async () => {
    await expectRefused(await withTables((t) => t.companies.push(t.companies[0])), /Table "companies", row 241 \(CompanyID "C0001"\), field "CompanyID": The CompanyID "C0001" is already used/);
  });
  it('refuses references to rows that are not in the file', async () => {
    await expectRefused(
      await withTables((t) => (t.roles[0].userGroupIds = ['group-missing'])),
      /Table "roles", row 1 \(id "role-designers"\), field "userGroupIds": It names the user group "group-missing", which is not in the file\./,
    );
  });
  it('refuses a table kept in a store that does not exist, or in the keystore', async () => {
    await expectRefused(await withTables((t) => (t.appTables.find((a) => a.id === 'table-companies').store = 'nowhere')), /Table "appTables", row \d \(id "table-companies"\), field "store": A table's records must be kept in one of the stores companies, orders, orderLines, additionalCompanies, not the text "nowhere"\./);
    await expectRefused(await withTables((t) => (t.appTables[0].store = 'keystore')), /field "store"/);
  });
  it('refuses an analysis model the server would refuse, with the Analysis action\'s sentence', async () => {
    const status = (t: any) => t.appTables.find((a: any) => a.id === 'table-additional-companies').attributes.find((a: any) => a.name === 'Status');
    await expectRefused(await withTables((t) => (status(t).expression = '_context.')), /Table "appTables", row \d \(id "table-additional-companies"\), field "attributes\[3\]\.expression": The expression of the attribute Status of the table AdditionalCompanies_Processed: /);
    await expectRefused(await withTables((t) => (status(t).expression = 'in.Colour')), /field "attributes\[3\]\.expression": .*has no attribute Colour\./);
  });
  it('refuses a login, a privilege, a name or a signing key the platform would refuse, with its own sentence', async () => {
    await expectRefused(await withTables((t) => (t.users[0].login = 'a b')), /field "login": The login "a b" of the user a b must be 2 to 64 characters/);
    await expectRefused(await withTables((t) => t.roles[0].privileges.push('Be Root')), /field "privileges": The role .* cannot hold the privilege "Be Root"/);
    await expectRefused(await withTables((t) => (t.actionflows[0].name = 'API/Company')), /Table "actionflows", row 1 .*field "name": The name of the actionflow API\/Company cannot hold a slash/);
    await expectRefused(await withTables((t) => (t.keystore.find((k) => k.alias === 'phixflow-api-key').secret = 'too-short')), /Table "keystore", row \d \(alias "phixflow-api-key"\), field "secret": The phixflow-api-key secret must be at least 32 bytes long, but the one given is 9 bytes\./);
    await expectRefused(await withTables((t) => (t.actionflows.find((a) => a.kind === 'apiEndpoint').api.timeoutMs = 0)), /field "api.timeoutMs": The Timeout of the actionflow API Company Data must be a whole number/);
  });
  it('refuses an actionflow of an unknown kind, and an end point without its API settings', async () => {
    await expectRefused(await withTables((t) => (t.actionflows[0].kind = 'robot')), /field "kind": An actionflow's kind must be screen or apiEndpoint/);
    await expectRefused(await withTables((t) => (t.actionflows.find((a) => a.kind === 'apiEndpoint').api = null)), /field "api": An API end point needs its API settings/);
  });
  it('refuses two users with one login and two applications with one name, with a sentence rather than a failure', async () => {
    await expectRefused(await withTables((t) => t.users.push({ ...t.users[0], id: 'user-twin', login: 'TRAINEE' })), /Table "users", row 2 \(id "user-twin"\), field "login": Row 1 of the table already has a user with the login "TRAINEE"/);
    await expectRefused(await withTables((t) => t.applications.push({ ...t.applications[0], id: 'app-twin' })), /Table "applications", row 2 \(id "app-twin"\), field "name": Row 1 of the table already has an application named "Actionflow Advanced"/);
  });
  it('refuses a number too large to store and a value nested 100,000 deep, with a sentence', async () => {
    const text = JSON.stringify(await exported()).replace('"Employees":420', '"Employees":1e999');
    await expectRefused(text, /The value at the file\.tables\.companies\[0\]\.Employees is a number too large to store \(Infinity\)\./);
    const deep = JSON.stringify(await exported()).replace('"Employees":420', `"Employees":${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    await expectRefused(deep, /nested more than 32 levels deep|nested more deeply than any instance file is/);
  });
  it('refuses a Company Data record that does not match its table: a wrong type, a missing or unknown attribute', async () => {
    await expectRefused(await withTables((t) => (t.companies[0].Employees = 'many')), /Table "companies", row 1 \(CompanyID "C0001"\), field "Employees": The attribute Employees is of type Integer, so its value must be a whole number, not the text "many"\./);
    await expectRefused(await withTables((t) => delete t.orders[0].Total), /field "Total": The record has no value for the attribute Total/);
    await expectRefused(await withTables((t) => (t.orderLines[0].Secret = 'x')), /field "Secret": The record has a field "Secret", which is not an attribute of its table\./);
  });
  it('refuses a missing pepperkey, a grid of a table not in the file and a button of an actionflow not in the file', async () => {
    await expectRefused(await withTables((t) => (t.keystore = t.keystore.filter((k) => k.alias !== 'pepperkey'))), /no pepperkey secret/);
    await expectRefused(await withTables((t) => (t.screens.find((x) => x.id === 'screen-company-orders').grids[0].tableId = 'table-gone')), /Table "screens", row \d \(id "screen-company-orders"\), field "grids\[0\]\.tableId": The grid shows the table the text "table-gone", which is not in the file\./);
    await expectRefused(await withTables((t) => (t.screens.find((x) => x.id === 'screen-call-api').buttons[0].actionflowId = 'af-gone')), /field "buttons\[0\]\.actionflowId"/);
  });
});
