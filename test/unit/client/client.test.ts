import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { onInstanceChange } from '$instance/change-feed';
import { SESSION_STORAGE_KEY, SandboxApiError, createSandboxClient, defaultSessionStore, type SandboxClient, type SessionStore } from '$client/index';
import { ORIGIN, startTestServer, type TestServer } from '../support/instance';

let t: TestServer;
let store: SessionStore & { value: string | null };
let client: SandboxClient;

function memoryStore(): SessionStore & { value: string | null } {
  return {
    value: null,
    get() {
      return this.value;
    },
    set(id) {
      this.value = id;
    },
  };
}

beforeEach(async () => {
  t = await startTestServer();
  store = memoryStore();
  client = createSandboxClient({ origin: ORIGIN, sessionStore: store });
});
afterEach(() => t.close());

async function caught(promise: Promise<unknown>): Promise<SandboxApiError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SandboxApiError);
  return err as SandboxApiError;
}

describe('sessions', () => {
  it('logs in, keeps the session id, reads the session and logs out', async () => {
    expect(await client.currentSession()).toBeNull();
    const session = await client.login({ login: 'trainee', password: 'Training123!' });
    expect(session.user.login).toBe('trainee');
    expect(store.value).toBe(session.sessionId);
    expect(client.sessionId()).toBe(session.sessionId);
    expect((await client.currentSession())!.sessionId).toBe(session.sessionId);
    await client.logout();
    expect(store.value).toBeNull();
    expect(await t.db.sessions.count()).toBe(0);
  });

  it('turns a refused login into a SandboxApiError with status, code and sentence', async () => {
    const err = await caught(client.login({ login: 'trainee', password: 'wrong-password' }));
    expect(err).toMatchObject({ status: 401, code: 'invalid_credentials', field: null });
    expect(err.message).toMatch(/^The login or password is not right/);
    expect(store.value).toBeNull();
  });

  it('forgets a session the server no longer knows', async () => {
    store.value = 'stale-session';
    expect(await client.currentSession()).toBeNull();
    expect(store.value).toBeNull();
  });

  it('keeps a session logged in while a read of the stale one was on its way', async () => {
    store.value = 'stale-session';
    const reading = client.currentSession();
    const session = await client.login({ login: 'trainee', password: 'Training123!' });
    expect(await reading).toBeNull();
    expect(store.value).toBe(session.sessionId);
  });
});

describe('repository, users, groups, roles', () => {
  beforeEach(() => client.login({ login: 'trainee', password: 'Training123!' }).then(() => undefined));

  it('reads the repository and pages records', async () => {
    const repository = await client.getRepository();
    expect(repository.tables.find((x) => x.id === 'table-companies')!.recordCount).toBeGreaterThan(0);
    const page = await client.getRecords('table-orders', { where: 'CompanyID', equals: 'C0001', limit: 5 });
    expect(page.records.length).toBeLessThanOrEqual(5);
    expect(page.records.every((r) => r.CompanyID === 'C0001')).toBe(true);
  });

  it('builds the chapter\'s API user, group and role, and reports a validation field', async () => {
    const user = await client.createUser({ login: 'apiagent', firstName: 'API', surname: 'Agent', password: 'Phixflow123!', enabled: true });
    const group = await client.createUserGroup({ name: 'APIUsers', userIds: [user.id] });
    const role = await client.createRole({ applicationId: 'app-actionflow-advanced', name: 'GenerateAPIToken', privileges: ['Use API Key'], userGroupIds: [group.id] });
    expect(role.userGroupIds).toEqual([group.id]);
    expect((await client.updateUser(user.id, { surname: 'Agent2' })).surname).toBe('Agent2');
    expect((await client.updateUserGroup(group.id, { description: 'API callers' })).description).toBe('API callers');
    expect((await client.updateRole(role.id, { description: 'Tokens' })).description).toBe('Tokens');
    expect((await client.listUsers()).map((u) => u.login).sort()).toEqual(['apiagent', 'trainee']);
    expect((await client.listUserGroups()).length).toBe(2);
    expect((await client.listRoles()).length).toBe(2);

    const err = await caught(client.createUser({ login: 'x', firstName: 'A', surname: 'B', password: 'Phixflow123!', enabled: true }));
    expect(err).toMatchObject({ status: 400, code: 'validation_failed', field: 'login' });

    await client.deleteRole(role.id);
    await client.deleteUserGroup(group.id);
    await client.deleteUser(user.id);
    expect((await client.listUsers()).map((u) => u.login)).toEqual(['trainee']);
  });
});

describe('keystore, keys, actionflows, screens and trails', () => {
  beforeEach(() => client.login({ login: 'trainee', password: 'Training123!' }).then(() => undefined));

  it('sets, lists and deletes keystore aliases, refusing a short signing secret', async () => {
    const entry = await client.setKeystoreSecret('my-alias', 'value');
    expect(entry).toMatchObject({ alias: 'my-alias', length: 5, masked: '********' });
    expect((await client.listKeystore()).map((e) => e.alias)).toContain('my-alias');
    await client.deleteKeystoreAlias('my-alias');
    const err = await caught(client.setKeystoreSecret('phixflow-api-key', 'short'));
    expect(err).toMatchObject({ status: 400, field: 'secret' });
    expect(err.message).toMatch(/at least 32 bytes.*5 bytes/);
  });

  it('generates, inspects, lists and revokes an API key, and calls the end point with it', async () => {
    const { key, record } = await client.generateApiKey('user-trainee', { expiresInSeconds: 600 });
    expect(record.expiresAt).not.toBeNull();
    expect((await client.inspectKey(key)).signature).toBe('valid');
    expect((await client.listApiKeys('user-trainee')).map((r) => r.jti)).toEqual([record.jti]);
    await client.updateActionflow('af-api-company-data', { api: { allowAnonymousConnections: false } });
    const refused = await client.callEndpoint({
      method: 'get',
      url: '/phixflow/api/2/companydata?CompanyID=C0001',
      headers: { authorization: key },
    });
    // The trainee lacks Use API Key: a plain call answers 403 without throwing.
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).error.code).toBe('missing_privilege');
    expect(refused.headers['content-type']).toMatch(/json/);
    expect(refused.durationMs).toBeGreaterThanOrEqual(0);
    expect((await client.revokeApiKey(record.jti)).revokedAt).not.toBeNull();
  });

  it('edits an HTTP action, runs a button and reads the audit trail and request log', async () => {
    const flow = await client.updateHttpNode('af-call-api', 'call-api', {
      name: 'Call API',
      method: 'GET',
      urlTemplate: '/phixflow/api/2/companydata?CompanyID=${in.CompanyID}',
      headers: [],
      secretKeys: [{ id: 'secret-1', name: 'APIKey', enabled: true, secret: 'abc' }],
    });
    expect(flow.actions.find((n) => n.id === 'call-api')).toMatchObject({ props: { secretKeys: [{ secret: '********' }] } });
    const run = await client.runButton('screen-call-api', 'CallAPI', { CompanyID: 'C0002' });
    expect(run).toMatchObject({ outcome: 'success', fields: { CompanyID: 'C0002' } });
    const audit = await client.listAudit({ runAs: 'trainee', limit: 5 });
    expect(audit[0]).toMatchObject({ actionflow: 'Call API', outcome: 'success' });
    const log = await client.listRequestLog({ limit: 3 });
    expect(log.length).toBeGreaterThan(0);
    const err = await caught(client.runButton('screen-company-management', 'Import', {}));
    expect(err).toMatchObject({ status: 409, code: 'conflict' });
  });

  it('exports, resets and imports the instance', async () => {
    await client.createUserGroup({ name: 'Temporary' });
    const file = await client.exportInstance();
    expect(file.formatVersion).toBeGreaterThan(0);
    expect(file.secrets.included).toBe(false);
    await client.resetInstance();
    expect(await t.db.userGroups.where('name').equals('Temporary').count()).toBe(0);
    // The reset ended every session, and an import needs a designer's.
    expect(await caught(client.importInstance(file))).toMatchObject({ status: 401, code: 'not_logged_in' });
    await client.login({ login: 'trainee', password: 'Training123!' });
    await client.importInstance(JSON.stringify(file));
    expect(await t.db.userGroups.where('name').equals('Temporary').count()).toBe(1);
  });
});

describe('transport', () => {
  it('reports an unreachable server as a network_error', async () => {
    const offline = createSandboxClient({ origin: ORIGIN, sessionStore: memoryStore(), fetch: () => Promise.reject(new TypeError('fetch failed')) });
    expect(await caught(offline.getRepository())).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('reports an error answer without a JSON body with a generic sentence', async () => {
    const broken = createSandboxClient({ origin: ORIGIN, sessionStore: memoryStore(), fetch: async () => new Response('<html>oops</html>', { status: 502 }) });
    const err = await caught(broken.listRoles());
    expect(err).toMatchObject({ status: 502, code: 'http_error' });
    expect(err.message).toMatch(/GET \/roles with status 502/);
  });

  it('sends the session header and JSON body, and query parameters without empty ones', async () => {
    const seen: Request[] = [];
    const spy = createSandboxClient({
      origin: 'http://example.test/',
      sessionStore: { get: () => 'sid-1', set: () => {} },
      fetch: async (input, init) => {
        seen.push(new Request(input as string, init));
        return Response.json([]);
      },
    });
    await spy.listAudit({ runAs: 'apiagent', actionflow: undefined, limit: 10 });
    await spy.createUserGroup({ name: 'G' });
    expect(seen[0]!.url).toBe('http://example.test/sandbox/api/audit?runAs=apiagent&limit=10');
    expect(seen[0]!.headers.get('x-sandbox-session')).toBe('sid-1');
    expect(seen[1]!.method).toBe('POST');
    expect(seen[1]!.headers.get('content-type')).toBe('application/json');
    expect(await seen[1]!.json()).toEqual({ name: 'G' });
  });

  it("keeps the session in the tab's sessionStorage when there is one, and in memory otherwise", () => {
    const memory = defaultSessionStore();
    memory.set('abc');
    expect(memory.get()).toBe('abc');
    const storage = () => {
      const data = new Map<string, string>();
      return {
        data,
        getItem: (k: string) => data.get(k) ?? null,
        setItem: (k: string, v: string) => void data.set(k, v),
        removeItem: (k: string) => void data.delete(k),
      };
    };
    const tab = storage();
    const shared = storage();
    vi.stubGlobal('sessionStorage', tab);
    vi.stubGlobal('localStorage', shared);
    try {
      const stored = defaultSessionStore();
      stored.set('xyz');
      expect(tab.data.get(SESSION_STORAGE_KEY)).toBe('xyz');
      expect(shared.data.has(SESSION_STORAGE_KEY)).toBe(false);
      expect(defaultSessionStore().get()).toBe('xyz');
      stored.set(null);
      expect(tab.data.has(SESSION_STORAGE_KEY)).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('lets the first tab take over a session an earlier version kept for every tab, and no other tab', () => {
    const storage = () => {
      const data = new Map<string, string>();
      return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    };
    const shared = storage();
    shared.data.set(SESSION_STORAGE_KEY, 'old-shared');
    const first = storage();
    const second = storage();
    vi.stubGlobal('localStorage', shared);
    try {
      vi.stubGlobal('sessionStorage', first);
      expect(defaultSessionStore().get()).toBe('old-shared');
      vi.stubGlobal('sessionStorage', second);
      expect(defaultSessionStore().get()).toBeNull();
      expect(shared.data.has(SESSION_STORAGE_KEY)).toBe(false);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('forgets a session the server says has ended, and announces it', async () => {
    let sessionId: string | null = 'ended';
    const announced: string[] = [];
    const stop = onInstanceChange((change) => announced.push(change.kind));
    const ended = createSandboxClient({
      origin: 'http://example.test',
      fetch: async () =>
        new Response(JSON.stringify({ error: { code: 'not_logged_in', message: 'You need to log in to change users.' } }), { status: 401 }),
      sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) },
    });
    try {
      await expect(ended.createUserGroup({ name: 'G' })).rejects.toThrow('You need to log in to change users.');
      expect(sessionId).toBeNull();
      expect(announced).toContain('session');
    } finally {
      stop();
    }
  });
});
