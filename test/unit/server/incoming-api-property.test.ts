/**
 * Property: whatever method, path, headers and body reach /phixflow/api/..., the answer is JSON with
 * a status from the contract, and a refused call leaves the repository as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, as, createApiAgent, generateKey, login, repositoryPicture } from './helpers';

const CONTRACT_STATUSES = new Set([200, 400, 401, 403, 404, 409, 413, 500, 504]);
const TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.';

let t: TestServer;
let goodKey: string;

beforeAll(async () => {
  t = await startTestServer();
  const session = await login(t);
  const agent = await createApiAgent(t, session);
  goodKey = await generateKey(t, session, agent.userId);
  await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
});
afterAll(() => t.close());

const segment = fc.oneof(
  fc.constantFrom('1', '2', 'action', 'trigger', 'Actionflow%20Advanced', 'API%20Company%20Data', 'companydata', 'Call%20API', '%2F'),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  // "." and ".." (also as %2E%2E) are resolved by the URL parser before the call leaves: they never reach the API.
).filter((s) => s !== '.' && s !== '..');
const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/phixflow/api/${parts.join('/')}`);
const query = fc.option(fc.dictionary(fc.constantFrom('CompanyID', 'timeout', 'x', 'body'), fc.string({ maxLength: 10 }), { maxKeys: 3 }), { nil: undefined });
const headerName = fc.string({ minLength: 1, maxLength: 10, unit: fc.constantFrom(...TOKEN_CHARS.split('')) }).map((n) => `x-${n}`);
const printable = fc.string({ maxLength: 40, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) });
const authorization = fc.option(
  fc.oneof(
    printable,
    fc.constantFrom('', 'Bearer', 'Bearer ', 'bearer x.y.z', 'Basic YTpi', 'eyJhbGciOiJub25lIn0.e30.'),
    fc.constant('GOOD').map(() => `Bearer ${goodKey}`),
    fc.constant('TAMPERED').map(() => `${goodKey.slice(0, -4)}AAAA`),
  ),
  { nil: undefined },
);
const body = fc.option(
  fc.oneof(printable, fc.json(), fc.constantFrom('{', '[1,2', '{"CompanyID":"C0001"}', 'null', '"text"')),
  { nil: undefined },
);
const method = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS');

describe('the incoming API under random calls', () => {
  it('always answers JSON with a contract status, and a refused call changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(method, path, query, fc.dictionary(headerName, printable, { maxKeys: 3 }), authorization, body, async (m, p, q, extra, auth, b) => {
        const url = q ? `${p}?${new URLSearchParams(q).toString()}` : p;
        const headers: Record<string, string> = { ...extra };
        if (auth !== undefined) headers.authorization = auth;
        const before = await repositoryPicture(t.db);
        const lastUsedBefore = JSON.stringify((await t.db.apiKeys.toArray()).map((k) => k.lastUsedAt));
        const auditBefore = await t.db.audit.count();
        const response = await t.call(url, { method: m, headers, body: m === 'GET' ? undefined : b });
        expect(response.headers.get('content-type') ?? '').toMatch(/json/);
        const text = await response.text();
        expect(() => JSON.parse(text)).not.toThrow();
        expect(CONTRACT_STATUSES.has(response.status), `status ${response.status} for ${m} ${url}`).toBe(true);
        expect(await t.db.audit.count()).toBe(auditBefore + 1);
        const entry = (await t.db.audit.orderBy('id').last())!;
        const ranAsKeyUser = entry.runAs === 'apiagent';
        if (response.status >= 400) {
          expect(JSON.parse(text)).toHaveProperty('error.code');
          // A call the key got through may still answer 4xx from its output node; it only stamps lastUsedAt.
          const after = await repositoryPicture(t.db);
          // Its first use stamps a key that was never used (null before), later ones move the stamp.
          const unstamped = (picture: string) => picture.replace(/"lastUsedAt":(?:"[^"]*"|null)/g, '');
          if (ranAsKeyUser) expect(unstamped(after)).toBe(unstamped(before));
          else expect(after).toBe(before);
        }
        if (!ranAsKeyUser) expect(JSON.stringify((await t.db.apiKeys.toArray()).map((k) => k.lastUsedAt))).toBe(lastUsedBefore);
      }),
      { numRuns: 150 },
    );
  });
});
