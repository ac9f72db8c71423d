/**
 * Fuzz: random mutations of a real export (an instance used through the server, its Company Data
 * cut down so that each run is quick) are each either refused with sentences, changing nothing, or
 * accepted with an exact export round trip and every page of the instance answering.
 *
 * Every table is mutated — rows added, removed, duplicated, fields set, deleted or added, values
 * inside rows replaced, down into the actions, connections, mappings and properties of actionflow
 * graphs — except the inside of run traces and answers, which only the designer shows. An accepted
 * file's actionflows come back as the import reads them (defaults filled in).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTANCE_TABLES, type InstanceTableName } from '$instance/db';
import { exportInstance, importInstance, InstanceFileError, validateInstanceFile, type InstanceFile } from '$instance/instance-file';
import { TABLE_KEYS } from '$instance/instance-file-checks';
import { startTestServer, type TestServer } from '../support/instance';
import { ENDPOINT_URL, as, callApi, createApiAgent, generateKey, login, TRAINEE } from '../server/helpers';

type Row = Record<string, unknown>;
const INFINITY = '__fuzz_infinity__';
const DEEP = '__fuzz_deep__';
/** Fields whose inside is not mutated, per table. */
const OPAQUE: Partial<Record<InstanceTableName, string[]>> = { runs: ['trace', 'answer'] };
/** How deep values are replaced, per table: an actionflow's properties lie four levels down. */
const DEPTH: Partial<Record<InstanceTableName, number>> = { actionflows: 5 };

let t: TestServer;
let base: InstanceFile;
let baseText: string;

/** The file as text, with the markers turned into what JSON.stringify cannot write. */
function fileText(file: unknown): string {
  return JSON.stringify(file)
    .replaceAll(`"${INFINITY}"`, '1e999')
    .replaceAll(`"${DEEP}"`, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
}

beforeAll(async () => {
  t = await startTestServer();
  const trainee = await login(t);
  const agent = await createApiAgent(t, trainee);
  await generateKey(t, trainee, agent.userId);
  await t.call(ENDPOINT_URL);
  await as(t, trainee).post('/screens/screen-call-api/buttons/CallAPI/run', { form: { CompanyID: 'C0001' } });
  const full = JSON.parse(JSON.stringify(await exportInstance(t.db, { secrets: true }))) as InstanceFile;
  // A real export, with its Company Data cut to a few companies (and their orders and lines).
  const tables = full.tables as Record<InstanceTableName, Row[]>;
  tables.companies = tables.companies.slice(0, 12);
  const companies = new Set(tables.companies.map((c) => c.CompanyID));
  tables.orders = tables.orders.filter((o) => companies.has(o.CompanyID));
  const orders = new Set(tables.orders.map((o) => o.OrderID));
  tables.orderLines = tables.orderLines.filter((l) => orders.has(l.OrderID));
  tables.additionalCompanies = tables.additionalCompanies.slice(0, 3);
  base = full;
  baseText = JSON.stringify(base);
  await importInstance(t.db, baseText);
});
afterAll(() => t.close());

/** Where inside a row a value may be replaced: its fields, and what they hold, a few levels down. */
function pathsOf(table: InstanceTableName, row: Row): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (path.length > 0) paths.push(path);
    if (path.length >= (DEPTH[table] ?? 3) || !value || typeof value !== 'object') return;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [k, v] of entries) {
      if (path.length === 0 && OPAQUE[table]?.includes(String(k))) continue;
      walk(v, [...path, k]);
    }
  };
  walk(row, []);
  return paths;
}

const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' padded ', 'x'.repeat(5_000), -1, 0, 1.5, 2 ** 53, null, true, false, [], {}),
  fc.constantFrom('C0001', 'O00001', 'user-trainee', 'app-actionflow-advanced', 'table-companies', 'af-call-api', 'group-designers', 'role-designers'),
  fc.constantFrom('2025-01-01T00:00:00.000Z', '2025-13-45', 'phixflow-api-key', 'pepperkey', 'String', 'Integer', 'companies', 'keystore', 'apiEndpoint', 'screen'),
  fc.constantFrom(INFINITY, DEEP),
);

const mutationOf = (table: fc.Arbitrary<InstanceTableName>) => fc.record({
  table,
  kind: fc.constantFrom('set', 'set', 'set', 'delete', 'addField', 'duplicateRow', 'removeRow', 'addRow', 'swapRows'),
  row: fc.nat(),
  other: fc.nat(),
  path: fc.nat(),
  field: fc.string({ minLength: 1, maxLength: 8 }),
  value,
});
const mutation = mutationOf(fc.constantFrom(...INSTANCE_TABLES));
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

/** Applies `m` to a copy of the base file; null when it does not apply (an empty table). */
function mutate(m: Mutation): InstanceFile | null {
  const file = JSON.parse(baseText) as InstanceFile;
  const rows = (file.tables as Record<string, unknown[]>)[m.table]!;
  if (m.kind === 'addRow') {
    rows.push(m.value);
    return file;
  }
  if (rows.length === 0) return null;
  const i = m.row % rows.length;
  const row = rows[i] as Row;
  switch (m.kind) {
    case 'duplicateRow':
      rows.push(structuredClone(row));
      return file;
    case 'removeRow':
      rows.splice(i, 1);
      return file;
    case 'swapRows': {
      const j = m.other % rows.length;
      [rows[i], rows[j]] = [rows[j], rows[i]];
      return file;
    }
    case 'addField':
      if (OPAQUE[m.table]?.includes(m.field)) return null;
      row[m.field] = m.value;
      return file;
    default: {
      const paths = pathsOf(m.table, row);
      if (paths.length === 0) return null;
      const path = paths[m.path % paths.length]!;
      let holder: any = row;
      for (const step of path.slice(0, -1)) holder = holder[step];
      const last = path.at(-1)!;
      if (m.kind === 'delete') {
        if (Array.isArray(holder)) holder.splice(Number(last), 1);
        else delete holder[last];
      } else holder[last] = m.value;
      return file;
    }
  }
}

/** What an accepted file must export back as: itself, without sessions, with the secrets it left out made anew. */
function expectRoundTrip(file: InstanceFile, exported: Record<string, unknown[]>) {
  const imported: Record<string, unknown[]> = { ...(file.tables as Record<string, unknown[]>), actionflows: validateInstanceFile(file).actionflows! };
  // The instance keeps rows in key order, whatever order the file gave them in.
  const byKey = (table: InstanceTableName, rows: unknown[]) => {
    const key = TABLE_KEYS[table]!;
    return [...rows].sort((a, b) => String((a as Row)[key]).localeCompare(String((b as Row)[key])));
  };
  const strip = (tables: Record<string, unknown[]>) => {
    const out: Record<string, unknown[]> = {
      ...tables,
      sessions: [],
      keystore: (tables.keystore as Row[]).map((k) => (k.generated === true && typeof k.secret === 'string' ? { ...k, secret: '(generated)', updatedAt: '(now)' } : k)),
    };
    for (const table of INSTANCE_TABLES) out[table] = byKey(table, out[table]!);
    return out;
  };
  const before = imported.keystore as Row[];
  for (const k of exported.keystore as Row[]) {
    const was = before.find((b) => b.alias === k.alias)!;
    if (was.secret === '') expect((k.secret as string).length).toBeGreaterThanOrEqual(32);
  }
  expect(strip(exported)).toEqual(strip(imported));
}

/** Every page answers JSON, none with the server's "failed unexpectedly". */
async function expectPagesAnswer() {
  const answered = await callApi(t, 'POST', '/session', { body: TRAINEE });
  const session = answered.status === 201 ? (answered.body.sessionId as string) : null;
  const pages = ['/session', '/repository', '/users', '/roles', '/user-groups', '/keystore', '/audit', '/request-log'];
  for (const table of await t.db.appTables.toArray()) pages.push(`/tables/${encodeURIComponent(table.id)}/records`);
  for (const user of await t.db.users.toArray()) pages.push(`/users/${encodeURIComponent(user.id)}/api-keys`);
  for (const path of pages) {
    const answer = await callApi(t, 'GET', path, { session });
    expect(answer.status, `${path}: ${JSON.stringify(answer.body)}`).not.toBe(500);
  }
  for (const screen of await t.db.screens.toArray()) {
    for (const button of screen.buttons) {
      const run = await callApi(t, 'POST', `/screens/${encodeURIComponent(screen.id)}/buttons/${encodeURIComponent(button.name)}/run`, { session, body: {} });
      expect(run.body?.error?.code, `${screen.name} ${button.name}: ${JSON.stringify(run.body)}`).not.toBe('internal_error');
    }
  }
  for (const flow of await t.db.actionflows.where('kind').equals('apiEndpoint').toArray()) {
    const app = await t.db.applications.get(flow.applicationId);
    const response = await t.call(`/phixflow/api/1/action/${encodeURIComponent(app?.name ?? 'x')}/${encodeURIComponent(flow.name)}/trigger?CompanyID=C0001`);
    const body = await response.json();
    expect(body?.error?.code, `${flow.name}: ${JSON.stringify(body)}`).not.toBe('internal_error');
  }
}

/** One mutation's check: refused with sentences and nothing changed, or accepted with a round trip and every page answering. */
let dirty = false;
async function checkMutation(m: Mutation) {
  const file = mutate(m);
  if (!file) return;
  if (dirty) {
    await importInstance(t.db, baseText);
    dirty = false;
  }
  const before = JSON.stringify((await exportInstance(t.db, { secrets: true })).tables);
  let refused: unknown = null;
  try {
    await importInstance(t.db, fileText(file));
  } catch (err) {
    refused = err;
  }
  if (refused) {
    expect(refused, String(refused)).toBeInstanceOf(InstanceFileError);
    for (const problem of (refused as InstanceFileError).problems) expect(problem).toMatch(/^[A-Z].*[.)]$/s);
    expect(JSON.stringify((await exportInstance(t.db, { secrets: true })).tables)).toBe(before);
    return;
  }
  dirty = true;
  expectRoundTrip(JSON.parse(fileText(file)), (await exportInstance(t.db, { secrets: true })).tables as Record<string, unknown[]>);
  await expectPagesAnswer();
}

describe('a real export, mutated at random', () => {
  it('is refused with sentences, changing nothing, or accepted with an exact round trip and every page answering', async () => {
    await fc.assert(fc.asyncProperty(mutation, checkMutation), { numRuns: 80 });
  });

  it('does the same when the mutation is inside an actionflow graph (its actions, connections, mappings, properties)', async () => {
    await fc.assert(fc.asyncProperty(mutationOf(fc.constant('actionflows')), checkMutation), { numRuns: 80 });
  });
});
