// Incoming API round trips through the service worker: a bare MSW handler that returns a constant,
// an anonymous call to API Company Data, and the same call with an API key (same worker, same run).
import { SignJWT, jwtVerify } from 'jose';
import { createSandboxClient } from '$client/index';
import { median, registerSuite, type BenchRow } from '../registry';
import { CONSTANT_PATH, percentile, startBenchInstance } from '../sandbox-instance';

const CALLS = 200;
const ENDPOINT = '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001';

async function timeCalls(url: string, init?: RequestInit): Promise<number[]> {
  for (let i = 0; i < 10; i++) await (await fetch(url, init)).arrayBuffer();
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const start = performance.now();
    const response = await fetch(url, init);
    await response.arrayBuffer();
    times.push(performance.now() - start);
    if (!response.ok && i === 0) throw new Error(`${url} answered ${response.status}`);
  }
  return times;
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

  const bare = await timeCalls(CONSTANT_PATH);
  const anonymous = await timeCalls(ENDPOINT);
  await client.updateActionflow('af-api-company-data', { api: { allowAnonymousConnections: false } });
  const authenticated = await timeCalls(ENDPOINT, { headers: { authorization: `Bearer ${key}` } });
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
    row(BARE, bare, 50),
    row(BARE, bare, 95, BARE),
    row(ANONYMOUS, anonymous, 50, BARE),
    row(ANONYMOUS, anonymous, 95, BARE),
    row('API Company Data, with API key', authenticated, 50, ANONYMOUS),
    row('API Company Data, with API key', authenticated, 95, ANONYMOUS),
  ];
});

registerSuite('key-verification', async () => {
  const secret = new TextEncoder().encode('a-signing-secret-of-at-least-32-bytes!!');
  const key = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('apiagent').setIssuer('phixflow-sandbox').setIssuedAt().setJti(crypto.randomUUID()).sign(secret);
  const count = 2_000;
  const start = performance.now();
  for (let i = 0; i < count; i++) await jwtVerify(key, secret, { algorithms: ['HS256'], issuer: 'phixflow-sandbox' });
  const seconds = (performance.now() - start) / 1000;
  return [{ name: 'jose jwtVerify HS256', value: count / seconds, unit: 'verifications/s', note: `${count} verifications` }];
});
