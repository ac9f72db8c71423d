// Incoming API round trips through the service worker: a bare MSW handler that returns a constant,
// an anonymous call to API Company Data, and the same call with an API key (same worker, same run).
import { SignJWT, jwtVerify } from 'jose';
import { createSandboxClient } from '$client/index';
import { median, registerSuite, type BenchRow } from '../registry';
import { CONSTANT_PATH, percentile, startBenchInstance } from '../sandbox-instance';

const CALLS = 200;
const WARM_UP = 10;
const ENDPOINT = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';
const SECURED = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data%20Secured/trigger?CompanyID=C0001';

interface Call {
  url: string;
  init?: RequestInit;
  times: number[];
}

async function timeCall(call: Call): Promise<number> {
  const start = performance.now();
  const response = await fetch(call.url, call.init);
  await response.arrayBuffer();
  const elapsed = performance.now() - start;
  if (!response.ok) throw new Error(`${call.url} answered ${response.status}`);
  return elapsed;
}

/**
 * Times the calls in rounds (one of each per round), so that every kind meets the same machine:
 * a busy moment slows all of them alike instead of whichever phase it fell into.
 */
async function timeInRounds(calls: Call[]): Promise<void> {
  for (let i = 0; i < WARM_UP; i++) for (const call of calls) await timeCall(call);
  for (let i = 0; i < CALLS; i++) for (const call of calls) call.times.push(await timeCall(call));
}

registerSuite('roundtrip', async () => {
  const db = await startBenchInstance('bench-roundtrip');
  // An API user as at the end of the chapter: apiagent in APIUsers, whose role holds Use API Key.
  let sessionId: string | null = null;
  const client = createSandboxClient({ sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
  await client.login({ login: 'trainee', password: 'Training123!' });
  const user = await client.createUser({ login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true });
  const group = await client.createUserGroup({ name: 'APIUsers', userIds: [user.id] });
  await client.createRole({ applicationId: 'app-actionflow-advanced', name: 'GenerateAPIToken', privileges: ['Use API Key'], userGroupIds: [group.id] });
  const { key } = await client.generateApiKey(user.id);
  // The same end point twice: as seeded (anonymous calls allowed) and a copy that refuses them, so
  // anonymous and authenticated calls can be timed side by side in the same rounds.
  const original = await db.actionflows.get('af-api-company-data');
  if (!original?.api) throw new Error('The seed has no API Company Data end point.');
  await db.actionflows.add({
    ...original,
    id: 'af-api-company-data-secured',
    name: 'API Company Data Secured',
    api: { ...original.api, urlAlias: '', allowAnonymousConnections: false },
  });

  const bare: Call = { url: CONSTANT_PATH, times: [] };
  const anonymous: Call = { url: ENDPOINT, times: [] };
  const authenticated: Call = { url: SECURED, init: { headers: { authorization: `Bearer ${key}` } }, times: [] };
  await timeInRounds([bare, anonymous, authenticated]);
  const [record] = await db.apiKeys.toArray();
  if (!record?.lastUsedAt) throw new Error('The key was never checked: the secured copy did not authenticate its calls.');
  db.close();
  const row = (name: string, times: number[], p: number, baseline?: string): BenchRow => ({
    name: `${name} p${p}`,
    value: p === 50 ? median(times) : percentile(times, p),
    unit: 'ms',
    note: `${CALLS} calls`,
    baseline: baseline && `${baseline} p${p}`,
  });
  const BARE = 'bare MSW handler (constant)';
  const ANONYMOUS = 'API Company Data, anonymous';
  return [
    row(BARE, bare.times, 50),
    row(BARE, bare.times, 95, BARE),
    row(ANONYMOUS, anonymous.times, 50, BARE),
    row(ANONYMOUS, anonymous.times, 95, BARE),
    row('API Company Data, with API key', authenticated.times, 50, ANONYMOUS),
    row('API Company Data, with API key', authenticated.times, 95, ANONYMOUS),
  ];
});

registerSuite('key-verification', async () => {
  const bytes = new TextEncoder().encode('a-signing-secret-of-at-least-32-bytes!!');
  const key = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('apiagent').setIssuer('phixflow-sandbox').setIssuedAt().setJti(crypto.randomUUID()).sign(bytes);
  // The server imports the secret once and verifies with the CryptoKey (src/server/auth.ts).
  const imported = await crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  const count = 2_000;
  const rate = async (secret: Uint8Array | CryptoKey) => {
    const start = performance.now();
    for (let i = 0; i < count; i++) await jwtVerify(key, secret, { algorithms: ['HS256'], issuer: 'phixflow-sandbox' });
    return count / ((performance.now() - start) / 1000);
  };
  return [
    { name: 'jose jwtVerify HS256, secret as bytes', value: await rate(bytes), unit: 'verifications/s', note: `${count} verifications` },
    { name: 'jose jwtVerify HS256, key imported once', value: await rate(imported), unit: 'verifications/s', note: `${count} verifications` },
  ];
});
