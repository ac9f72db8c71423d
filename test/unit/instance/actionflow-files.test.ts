import Dexie from 'dexie';
import { getResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isActionflowV1, validateActionflow, type Actionflow } from '$domain/actionflow';
import { realClock } from '$domain/expression';
import { InstanceDb } from '$instance/db';
import { exportInstance, importInstance, InstanceFileError, type InstanceFile } from '$instance/instance-file';
import { contentsOfSeed, INSTANCE_FORMAT_VERSION } from '$instance/reset';
import { loadTrainingInstanceSeed } from '$instance/seed-data';
import { takeSnapshot } from '$instance/snapshot';
import type { ServerContext } from '$server/context';
import { createHandlers } from '$server/handlers';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';
import { as, login } from '../server/helpers';
import format1Actionflows from './format-1-actionflows.json';

const ENDPOINT = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(() => t.close());

async function exported(): Promise<InstanceFile> {
  return JSON.parse(JSON.stringify(await exportInstance(t.db))) as InstanceFile;
}

async function refusal(file: unknown): Promise<string> {
  const before = await takeSnapshot(t.db);
  const error = await importInstance(t.db, file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstanceFileError);
  expect(await takeSnapshot(t.db)).toEqual(before);
  return (error as Error).message;
}

/** The file with the actionflow of `id` changed by `change`. */
function withFlow(file: InstanceFile, id: string, change: (flow: Record<string, any>) => void): InstanceFile {
  const copy = structuredClone(file);
  change((copy.tables.actionflows as Record<string, any>[]).find((f) => f.id === id)!);
  return copy;
}

describe('importing actionflows', () => {
  it('refuses a file whose graph the sandbox could not have saved, naming the row and the field, changing nothing', async () => {
    const file = await exported();
    const kind = await refusal(withFlow(file, 'af-call-api', (f) => (f.actions[1].kind = 'teleport')));
    expect(kind).toMatch(/Table "actionflows", row 2 \(id "af-call-api"\), field "actions\[1\]\.kind": Action 2 of the actionflow is of a kind \("teleport"\) the platform does not have; /);
    const dangling = await refusal(withFlow(file, 'af-api-company-data', (f) => (f.connections[0].to = 'nowhere')));
    expect(dangling).toMatch(/Table "actionflows", row 1 \(id "af-api-company-data"\), field "connections\[0\]\.to": Connection 1 of the actionflow leads to an action \(nowhere\) that is not in the actionflow\./);
    expect(await refusal(withFlow(file, 'af-api-company-data', (f) => (f.version = 0)))).toMatch(/field "version": The version of the actionflow API Company Data must be a whole number from 1 /i);
    expect(await refusal(withFlow(file, 'af-api-company-data', (f) => (f.api = null)))).toMatch(/field "api": An API end point needs its API settings /);
  });

  it('stores actionflows as read: parts a file leaves out get their defaults, so they run', async () => {
    const file = withFlow(await exported(), 'af-call-api', (f) => {
      const http = f.actions.find((a: { kind: string }) => a.kind === 'http');
      delete http.props.outputs;
      delete http.props.bodyTemplate;
      delete http.description;
      delete f.allowRunWithValidationErrors;
      f.leftOver = 'from an older tool';
    });
    await importInstance(t.db, file);
    const flow = (await t.db.actionflows.get('af-call-api'))!;
    expect(flow).not.toHaveProperty('leftOver');
    expect(flow.allowRunWithValidationErrors).toBe(false);
    const http = flow.actions.find((a) => a.kind === 'http')!;
    expect(http.description).toBe('');
    expect(http.kind === 'http' && http.props.outputs.out.attributes.map((a) => a.name)).toEqual(['status', 'body', 'contentType']);
    const session = await login(t);
    const ran = await as(t, session).post('/screens/screen-call-api/buttons/CallAPI/run', { form: { CompanyID: 'C0001' } });
    expect(ran.body).toMatchObject({ outcome: 'success', fields: { Status: '200', CompanyID: 'C0001' } });
  });

  it('migrates a format-1 file (nodes, connections {from, port, to}): its end point and its button still answer', async () => {
    const file = await exported();
    const { runs: _runs, ...tables } = file.tables;
    const old = { ...file, formatVersion: 1, tables: { ...tables, actionflows: format1Actionflows, meta: tables.meta.map((m: any) => (m.key === 'formatVersion' ? { ...m, value: 1 } : m)) } };
    expect(format1Actionflows.every((f) => isActionflowV1(f))).toBe(true);
    await importInstance(t.db, old);
    const flows = await t.db.actionflows.toArray();
    expect(flows.map((f) => f.id).sort()).toEqual(['af-api-company-data', 'af-call-api']);
    const repository = { tables: await t.db.appTables.toArray(), screens: await t.db.screens.toArray() };
    for (const flow of flows) {
      expect(flow).not.toHaveProperty('nodes');
      expect(validateActionflow(flow, repository)).toEqual([]);
    }
    expect(await t.db.meta.get('formatVersion')).toEqual({ key: 'formatVersion', value: INSTANCE_FORMAT_VERSION });

    const answer = await t.call(ENDPOINT);
    expect(answer.status).toBe(200);
    const company = (await t.db.companies.get('C0001'))!;
    const body = await answer.json();
    expect(body).toMatchObject({ CompanyID: 'C0001', CompanyName: company.CompanyName, Industry: company.Industry, Country: company.Country });
    expect(body.Orders).toHaveLength(await t.db.orders.where('CompanyID').equals('C0001').count());
    const missing = await t.call(ENDPOINT.replace('C0001', 'C9999'));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('company_not_found');

    const session = await login(t);
    const ran = await as(t, session).post('/screens/screen-call-api/buttons/CallAPI/run', { form: { CompanyID: 'C0001' } });
    expect(ran.body).toMatchObject({ outcome: 'success', fields: { Status: '200', StatusMessage: 'The call succeeded.', CompanyID: 'C0001', CompanyName: company.CompanyName } });
  });
});

describe('the stored instance, version 1 to version 2', () => {
  const names: string[] = [];
  afterEach(async () => {
    for (const name of names.splice(0)) await Dexie.delete(name);
  });

  it('migrates the actionflows of a version-1 database when the InstanceDb opens it, and its end point answers', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    names.push(name);
    const seed = contentsOfSeed(await loadTrainingInstanceSeed());
    // The database as the sandbox's schema version 1 left it: format-1 actionflows, no runs table.
    const v1 = new Dexie(name);
    v1.version(1).stores({
      meta: '&key',
      applications: '&id, &name',
      appTables: '&id, applicationId, name',
      screens: '&id, applicationId, name',
      actionflows: '&id, applicationId, name, kind',
      roles: '&id, applicationId, name',
      userGroups: '&id, &name',
      users: '&id, &login',
      keystore: '&alias',
      apiKeys: '&jti, userId',
      sessions: '&id, userId',
      audit: '++id, at, runAs, actionflow',
      requestLog: '++id, at',
      companies: '&CompanyID, Industry, Country',
      orders: '&OrderID, CompanyID, OrderDate',
      orderLines: '&OrderLineID, OrderID',
      additionalCompanies: '&CompanyID',
      progress: '&chapterId',
    });
    await v1.open();
    await v1.table('meta').bulkPut([{ key: 'formatVersion', value: 1 }, ...seed.meta!.filter((m) => (m as { key: string }).key !== 'formatVersion')]);
    for (const table of ['applications', 'appTables', 'screens', 'roles', 'userGroups', 'users', 'keystore', 'companies', 'orders'] as const) await v1.table(table).bulkPut(seed[table] as object[]);
    await v1.table('actionflows').bulkPut(format1Actionflows);
    v1.close();

    const db = new InstanceDb(name);
    try {
      await db.open();
      expect(db.verno).toBe(2);
      const flows = await db.actionflows.toArray();
      expect(flows).toHaveLength(2);
      const repository = { tables: await db.appTables.toArray(), screens: await db.screens.toArray() };
      for (const flow of flows) {
        expect(isActionflowV1(flow)).toBe(false);
        expect(validateActionflow(flow as Actionflow, repository)).toEqual([]);
      }
      const api = flows.find((f) => f.id === 'af-api-company-data')!;
      expect(api.connections.find((c) => c.from === 'n-find-orders')).toMatchObject({ type: 'lookup', listName: 'Orders' });
      expect(await db.runs.count()).toBe(0);

      const ctx: ServerContext = { db, clock: realClock, fetch, origin: ORIGIN, };
      const answer = (await getResponse(createHandlers(ctx), new Request(`${ORIGIN}${ENDPOINT}`)))!;
      expect(answer.status).toBe(200);
      expect(await answer.json()).toMatchObject({ CompanyID: 'C0001', Orders: expect.any(Array) });
    } finally {
      db.close();
    }
  });
});
