import { describe, expect, it, vi } from 'vitest';
import type { Actionflow, HttpNode } from '$domain/actionflow';
import { createManualClock } from '$domain/expression';
import { NotFoundError } from '$domain/errors';
import { USE_API_KEY } from '$domain/privileges';
import { ActionflowError, runActionflow, type HttpExchange, type RuntimeEnv } from '$domain/runtime';
import seed from '../../../fixtures/training-instance.json';

const flows = seed.actionflows as unknown as Actionflow[];
const apiCompanyData = flows.find((f) => f.name === 'API Company Data')!;
const callApi = flows.find((f) => f.name === 'Call API')!;

const companies = [{ CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics', Country: 'United Kingdom' }];
const orders = [
  { OrderID: 'O1', CompanyID: 'C0001', Total: 10 },
  { OrderID: 'O2', CompanyID: 'C0001', Total: 20 },
  { OrderID: 'O3', CompanyID: 'C0002', Total: 30 },
];

function env(overrides: Partial<RuntimeEnv> = {}): RuntimeEnv & { sent: HttpExchange[] } {
  const sent: HttpExchange[] = [];
  return {
    runAs: { userId: 'u1', login: 'apiagent', name: 'API Agent', privileges: [USE_API_KEY] },
    clock: createManualClock(),
    lookup: async (table, filters) => {
      const rows = table === 'Companies' ? companies : table === 'Orders' ? orders : [];
      return rows.filter((r) => filters.every((f) => (r as Record<string, unknown>)[f.attribute] === f.value));
    },
    send: async (request) => {
      sent.push(request);
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics' }) };
    },
    sent,
    ...overrides,
  };
}

function withHttp(change: Partial<HttpNode>): Actionflow {
  const flow = structuredClone(callApi);
  flow.nodes = flow.nodes.map((n) => (n.kind === 'http' ? { ...n, ...change } : n));
  return flow;
}

describe('running API Company Data', () => {
  it('looks the company and its orders up and builds the output body', async () => {
    const result = await runActionflow(apiCompanyData, { CompanyID: 'C0001' }, env());
    expect(result).toEqual({
      kind: 'output',
      statusCode: 200,
      contentType: 'application/json',
      body: { CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics', Country: 'United Kingdom', Orders: orders.slice(0, 2) },
    });
  });

  it('takes the empty path to a 404 with a nested error object when no company matches', async () => {
    const result = await runActionflow(apiCompanyData, { CompanyID: 'C0404' }, env());
    expect(result.kind).toBe('output');
    if (result.kind !== 'output') return;
    expect(result.statusCode).toBe(404);
    expect(result.body).toEqual({ error: { code: 'company_not_found', message: 'The end point API Company Data found no company with CompanyID C0404.' } });
  });

  it('takes an input parameter\'s default when the screen field is empty', async () => {
    const e = env();
    await runActionflow(callApi, { CompanyID: '' }, e);
    expect(e.sent[0]!.url).toMatch(/CompanyID=C0001$/);
  });

  it('treats a missing input parameter as null, so nothing matches', async () => {
    const result = await runActionflow(apiCompanyData, {}, env());
    expect(result.kind === 'output' && result.statusCode).toBe(404);
  });

  it('names the action whose output leads nowhere', async () => {
    const broken = structuredClone(apiCompanyData);
    broken.connections = broken.connections.filter((c) => c.port !== 'empty');
    await expect(runActionflow(broken, { CompanyID: 'nope' }, env())).rejects.toThrow(/Find Company .* fired its empty output, but nothing is connected/);
  });

  it('refuses an actionflow without an input node and one whose connections loop', async () => {
    const noInput = { ...apiCompanyData, nodes: apiCompanyData.nodes.filter((n) => n.kind !== 'input') };
    await expect(runActionflow(noInput, {}, env())).rejects.toBeInstanceOf(ActionflowError);
    const loop: Actionflow = {
      ...apiCompanyData,
      nodes: [
        { id: 'i', kind: 'input', name: 'Input', parameters: [] },
        { id: 'c', kind: 'calculate', name: 'Again', outputs: [] },
      ],
      connections: [
        { from: 'i', port: 'out', to: 'c' },
        { from: 'c', port: 'out', to: 'c' },
      ],
    };
    await expect(runActionflow(loop, {}, env())).rejects.toThrow(/loop/);
  });

  it('waits in sleep() on the injected clock, so tests fast-forward it', async () => {
    const clock = createManualClock();
    const flow: Actionflow = {
      ...apiCompanyData,
      nodes: [
        { id: 'i', kind: 'input', name: 'Input', parameters: [] },
        { id: 'c', kind: 'calculate', name: 'Slow Import', outputs: [{ name: 'Status', type: 'String', expression: '"New"' }, { name: 'Delay', type: 'Integer', expression: 'sleep(20)' }] },
        { id: 'o', kind: 'output', name: 'Output', body: [{ name: 'Status', expression: 'in.Status' }, { name: 'Delay', expression: 'in.Delay' }], statusCode: '', contentType: '' },
      ],
      connections: [
        { from: 'i', port: 'out', to: 'c' },
        { from: 'c', port: 'out', to: 'o' },
      ],
    };
    const run = runActionflow(flow, {}, env({ clock }));
    await clock.whenSleeping();
    clock.advance(20_000);
    await expect(run).resolves.toMatchObject({ statusCode: 200, body: { Status: 'New', Delay: 20 } });
  });

  it('stops before its next action once its signal aborts, and runs nothing after', async () => {
    const stop = new AbortController();
    const looked: string[] = [];
    const run = runActionflow(
      apiCompanyData,
      { CompanyID: 'C0001' },
      env({
        signal: stop.signal,
        lookup: async (table) => {
          looked.push(table);
          stop.abort(); // the end point timed out while the first view was reading
          return companies;
        },
      }),
    );
    await expect(run).rejects.toThrow(/^The actionflow API Company Data was stopped before its action /);
    expect(looked).toEqual(['Companies']);
  });

  it('answers a view whose table the application lacks with an error naming the view and the table', async () => {
    const missing = env({
      lookup: async (table) => {
        throw new NotFoundError(`There is no table named ${table}.`);
      },
    });
    await expect(runActionflow(apiCompanyData, { CompanyID: 'C0001' }, missing)).rejects.toThrow(
      /^The view .* in API Company Data reads the table Companies, which the application does not have\.$/,
    );
  });
});

describe('the HTTP action of Call API', () => {
  it('sends the URL template with the form value and maps the answer to the screen fields', async () => {
    const e = env();
    const result = await runActionflow(callApi, { CompanyID: 'C0001' }, e);
    expect(e.sent).toEqual([{ method: 'GET', url: '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001', headers: {} }]);
    expect(result).toMatchObject({ kind: 'screen', fields: { Status: '200', CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics' } });
  });

  it('takes the error output for a refused call and shows the server sentence', async () => {
    const e = env({
      send: async () => ({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'missing_api_key', message: 'No key was sent.' } }) }),
    });
    const result = await runActionflow(callApi, { CompanyID: 'C0001' }, e);
    expect(result).toMatchObject({ kind: 'screen', fields: { Status: '401', StatusMessage: 'No key was sent.' } });
  });

  const secured = {
    headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }],
    secretKeys: [{ name: 'APIKey', enabled: true, secret: 'the.api.key' }],
  };

  it('sends a secret key in a header for a user who holds Use API Key', async () => {
    const e = env();
    await runActionflow(withHttp(secured), { CompanyID: 'C0001' }, e);
    expect(e.sent[0]!.headers).toEqual({ Authorization: 'the.api.key' });
  });

  it('refuses the secret to a user without Use API Key and does not send the call', async () => {
    const e = env({ runAs: { userId: 'u0', login: 'trainee', name: 'Training User', privileges: ['Run Actions'] } });
    await expect(runActionflow(withHttp(secured), { CompanyID: 'C0001' }, e)).rejects.toThrow(
      'The user trainee needs the Use API Key privilege to use the secret key APIKey in the HTTP action Call API; the call was not sent.',
    );
    expect(e.sent).toEqual([]);
  });

  it('refuses a disabled secret, and a secret that does not exist, without sending', async () => {
    const e = env();
    await expect(runActionflow(withHttp({ ...secured, secretKeys: [{ name: 'APIKey', enabled: false, secret: 'k' }] }), {}, e)).rejects.toThrow(/secret key APIKey .* is disabled/);
    await expect(runActionflow(withHttp({ ...secured, secretKeys: [] }), {}, e)).rejects.toThrow(/has no secret key named APIKey/);
    expect(e.sent).toEqual([]);
  });

  it('names the action and the header when a header expression is broken', async () => {
    const e = env();
    await expect(runActionflow(withHttp({ headers: [{ name: 'X-Broken', expression: 'toUpper(' }] }), {}, e)).rejects.toThrow(/The action Call API could not evaluate the header X-Broken/);
    expect(e.sent).toEqual([]);
  });

  it('reports an unreachable server through the error output', async () => {
    const send = vi.fn(async () => {
      throw new Error('connection refused');
    });
    const result = await runActionflow(callApi, {}, env({ send }));
    expect(result).toMatchObject({ kind: 'screen', fields: { Status: '0', StatusMessage: expect.stringContaining('could not reach') } });
  });
});
