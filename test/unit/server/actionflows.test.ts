import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Action } from '$domain/actionflow';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, as, expectError, expectUnchanged, login } from './helpers';

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

const HTTP_NODE = {
  name: 'Call API',
  method: 'GET',
  urlTemplate: '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=${in.CompanyID}',
  headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }],
  secretKeys: [{ name: 'APIKey', enabled: true, secret: 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' }],
};

async function storedHttpNode(): Promise<Action<'http'>['props']> {
  return ((await t.db.actionflows.get('af-call-api'))!.actions.find((n) => n.id === 'call-api') as Action<'http'>).props;
}

describe('PATCH /actionflows/:id', () => {
  it('changes name, description, exclusion group and API settings, leaving the rest', async () => {
    const answer = await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, {
      description: 'Company lookup',
      exclusionGroup: ' Imports ',
      api: { allowAnonymousConnections: false, timeoutMs: 5000, urlAlias: 'company-data', logRequest: true },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: 'API Company Data', description: 'Company lookup', exclusionGroup: 'Imports' });
    expect(answer.body.api).toEqual({ urlAlias: 'company-data', apiMode: 'synchronous', allowAnonymousConnections: false, timeoutMs: 5000, logRequest: true, logResponse: false });
    expect((await t.db.actionflows.get(API_ENDPOINT_ID))!.api!.allowAnonymousConnections).toBe(false);
    expect(t.changes).toContain('actionflows');
    const renamed = await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { name: 'Company Data API', api: { urlAlias: '' } });
    expect(renamed.body.name).toBe('Company Data API');
    expect(renamed.body.api.urlAlias).toBe('');
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['an empty name', { name: ' ' }, 'name', /name of the actionflow API Company Data is required/],
    ['a name taken in the application', { name: 'call api' }, 'name', /already has an actionflow named Call API/],
    ['a name with a slash', { name: 'a/b' }, 'name', /slash/],
    ['a URL Alias with a space', { api: { urlAlias: 'company data' } }, 'api.urlAlias', /letters, digits, underscores and hyphens/],
    ['a 65-character URL Alias', { api: { urlAlias: 'a'.repeat(65) } }, 'api.urlAlias', /at most 64/],
    ['a zero timeout', { api: { timeoutMs: 0 } }, 'api.timeoutMs', /1 to 3,600,000/],
    ['a fractional timeout', { api: { timeoutMs: 1.5 } }, 'api.timeoutMs', /whole number/],
    ['a timeout over an hour', { api: { timeoutMs: 3_600_001 } }, 'api.timeoutMs', /1 to 3,600,000/],
    ['a timeout as text', { api: { timeoutMs: '500' } }, 'api.timeoutMs', /whole number/],
    ['an unknown API mode', { api: { apiMode: 'sometimes' } }, 'api.apiMode', /synchronous or asynchronous/],
    ['a non-boolean anonymous flag', { api: { allowAnonymousConnections: 'no' } }, 'api.allowAnonymousConnections', /true or false/],
    ['an unknown API setting', { api: { rateLimit: 5 } }, 'api.rateLimit', /not a setting/],
    ['an unknown field', { nodes: [] }, 'nodes', /not a setting/],
  ];
  for (const [label, body, field, message] of invalid) {
    it(`refuses ${label} (400 on ${field}), changing nothing`, async () => {
      await expectUnchanged(t.db, async () => {
        expect(expectError(await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, body), 400, 'validation_failed', field)).toMatch(message);
      });
    });
  }

  it('refuses API settings on a screen actionflow, a URL Alias used by another end point, and unknown actionflows', async () => {
    const other = structuredClone((await t.db.actionflows.get(API_ENDPOINT_ID))!);
    await t.db.actionflows.put({ ...other, id: 'af-other', name: 'Other End Point', api: { ...other.api!, urlAlias: 'other' } });
    await expectUnchanged(t.db, async () => {
      expect(expectError(await as(t, session).patch('/actionflows/af-call-api', { api: { timeoutMs: 5 } }), 400, 'validation_failed', 'api')).toMatch(/screen actionflow/);
      expect(expectError(await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { urlAlias: 'OTHER' } }), 400, 'validation_failed', 'api.urlAlias')).toMatch(/used by the end point Other End Point/);
      expectError(await as(t, session).patch('/actionflows/nope', { name: 'X' }), 404, 'not_found');
      expectError(await as(t, null).patch(`/actionflows/${API_ENDPOINT_ID}`, { name: 'X' }), 401, 'not_logged_in');
    });
  });
});

describe('PUT /actionflows/:id/nodes/:nodeId', () => {
  it('saves an HTTP action and answers it with its secrets masked', async () => {
    const answer = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', HTTP_NODE);
    expect(answer.status).toBe(200);
    const node = answer.body.actions.find((n: { id: string }) => n.id === 'call-api');
    expect(node.props).toMatchObject({ headers: HTTP_NODE.headers, secretKeys: [{ name: 'APIKey', enabled: true, secret: '********' }] });
    expect(JSON.stringify(answer.body)).not.toContain(HTTP_NODE.secretKeys[0]!.secret);
    expect((await storedHttpNode()).secretKeys[0]!.secret).toBe(HTTP_NODE.secretKeys[0]!.secret);
    expect(JSON.stringify(await t.db.requestLog.toArray())).not.toContain(HTTP_NODE.secretKeys[0]!.secret);
  });

  it('keeps the saved secret when it comes back as asterisks, and replaces it when a new one is typed', async () => {
    await as(t, session).put('/actionflows/af-call-api/nodes/call-api', HTTP_NODE);
    await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, secretKeys: [{ name: 'APIKey', enabled: false, secret: '********' }] });
    expect((await storedHttpNode()).secretKeys).toEqual([{ id: 'secret-1', name: 'APIKey', enabled: false, secret: HTTP_NODE.secretKeys[0]!.secret }]);
    await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, secretKeys: [{ name: 'APIKey', enabled: true, secret: 'new-secret' }] });
    expect((await storedHttpNode()).secretKeys[0]!.secret).toBe('new-secret');
  });

  it('keeps the saved secret of a secret key that is renamed or re-enabled (matched by its id)', async () => {
    await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, secretKeys: [{ id: 'key-a', name: 'APIKey', enabled: false, secret: 'first-secret' }] });
    const renamed = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', {
      ...HTTP_NODE,
      headers: [{ name: 'Authorization', expression: '_datasource.CompanyKey' }],
      secretKeys: [{ id: 'key-a', name: 'CompanyKey', enabled: true, secret: '********' }],
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    expect((await storedHttpNode()).secretKeys).toEqual([{ id: 'key-a', name: 'CompanyKey', enabled: true, secret: 'first-secret' }]);
  });

  it('refuses a bad expression or template with 400 invalid_expression giving the position, changing nothing', async () => {
    await expectUnchanged(t.db, async () => {
      const header = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, headers: [{ name: 'Authorization', expression: 'toUpper(_datasource.APIKey' }] });
      expect(expectError(header, 400, 'invalid_expression', 'headers[0].expression')).toMatch(/position \d+.*header Authorization/);
      const template = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, urlTemplate: '/x?id=${in.CompanyID' });
      expect(expectError(template, 400, 'invalid_expression', 'urlTemplate')).toMatch(/template .* position 6/);
      const unknownRoot = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, headers: [{ name: 'X-Key', expression: 'secrets.APIKey' }] });
      expectError(unknownRoot, 400, 'invalid_expression', 'headers[0].expression');
    });
  });

  const invalid: [string, Record<string, unknown>, string, RegExp][] = [
    ['a header name with a space', { headers: [{ name: 'Api Key', expression: '"x"' }] }, 'headers[0].name', /not a valid HTTP header name/],
    ['a header name with a colon', { headers: [{ name: 'Authorization:', expression: '"x"' }] }, 'headers[0].name', /not a valid HTTP header name/],
    ['a header twice, in another case', { headers: [{ name: 'Authorization', expression: '"a"' }, { name: 'authorization', expression: '"b"' }] }, 'headers[1].name', /twice/],
    ['a header with no expression', { headers: [{ name: 'Authorization', expression: '' }] }, 'headers[0].expression', /is required/],
    ['a secret key name starting with a digit', { secretKeys: [{ name: '1Key', enabled: true, secret: 's' }] }, 'secretKeys[0].name', /start with a letter/],
    ['a secret key name with a hyphen', { secretKeys: [{ name: 'API-Key', enabled: true, secret: 's' }] }, 'secretKeys[0].name', /letters, digits and underscores/],
    ['a secret key twice', { secretKeys: [{ name: 'K', enabled: true, secret: 'a' }, { name: 'K', enabled: true, secret: 'b' }] }, 'secretKeys[1].name', /twice/],
    ['asterisks for a secret never saved', { secretKeys: [{ name: 'Fresh', enabled: true, secret: '********' }] }, 'secretKeys[0].secret', /no saved secret to keep/],
    ['an unknown method', { method: 'TRACE' }, 'method', /GET, POST/],
    ['an empty URL template', { urlTemplate: ' ' }, 'urlTemplate', /URL Template .* is required/],
    ['an empty name', { name: '' }, 'name', /is required/],
    ['the name of another action', { name: 'show result' }, 'name', /already has an action named Show Result/],
    ['headers that are not a list', { headers: { Authorization: 'x' } }, 'headers', /must be a list/],
  ];
  for (const [label, change, field, message] of invalid) {
    it(`refuses ${label} (400 on ${field}), changing nothing`, async () => {
      await expectUnchanged(t.db, async () => {
        const answer = await as(t, session).put('/actionflows/af-call-api/nodes/call-api', { ...HTTP_NODE, ...change });
        expect(expectError(answer, 400, 'validation_failed', field)).toMatch(message);
      });
    });
  }

  it('refuses a node that is not an HTTP action, an unknown node and an unknown actionflow', async () => {
    await expectUnchanged(t.db, async () => {
      expect(expectError(await as(t, session).put('/actionflows/af-call-api/nodes/input', HTTP_NODE), 400, 'validation_failed')).toMatch(/only HTTP actions/);
      expectError(await as(t, session).put('/actionflows/af-call-api/nodes/nope', HTTP_NODE), 404, 'not_found');
      expectError(await as(t, session).put('/actionflows/nope/nodes/call-api', HTTP_NODE), 404, 'not_found');
    });
  });
});
