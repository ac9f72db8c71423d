import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, ENDPOINT_URL, as, createApiAgent, expectError, expectUnchanged, generateKey, login } from './helpers';

let t: TestServer;
let session: string;
beforeEach(async () => {
  t = await startTestServer();
  session = await login(t);
});
afterEach(() => t.close());

describe('GET /keystore', () => {
  it('lists aliases with their length in bytes and asterisks, never a secret', async () => {
    const answer = await as(t, session).get('/keystore');
    expect(answer.status).toBe(200);
    const secrets = (await t.db.keystore.toArray()).map((k) => k.secret);
    for (const entry of answer.body) {
      expect(Object.keys(entry).sort()).toEqual(['alias', 'length', 'masked', 'updatedAt']);
      expect(secrets).not.toContain(entry.masked);
    }
    for (const secret of secrets.filter((s) => s.length >= 12)) expect(JSON.stringify(answer.body)).not.toContain(secret);
    const pepper = answer.body.find((e: { alias: string }) => e.alias === 'pepperkey');
    const stored = (await t.db.keystore.get('pepperkey'))!;
    expect(pepper).toEqual({ alias: 'pepperkey', length: new TextEncoder().encode(stored.secret).length, masked: '********', updatedAt: stored.updatedAt });
  });
});

describe('POST /keystore', () => {
  it('adds a new alias (201), answering without the secret', async () => {
    const created = await as(t, session).post('/keystore', { alias: 'my-service', secret: 'a new secret' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ alias: 'my-service', length: 12, masked: '********' });
    expect((await t.db.keystore.get('my-service'))!.secret).toBe('a new secret');
  });

  it('refuses an alias that is there already (409 alias_exists, on the alias field), keeping its secret', async () => {
    await expectUnchanged(t.db, async () => {
      const message = expectError(await as(t, session).post('/keystore', { alias: 'phixflow-api-key', secret: 'x'.repeat(40) }), 409, 'alias_exists', 'alias');
      expect(message).toBe(
        'The keystore already has an alias named phixflow-api-key, so adding it again would replace its secret; edit phixflow-api-key to replace the secret on purpose.',
      );
    });
    // Aliases are case-sensitive: another spelling is another alias.
    expect((await as(t, session).post('/keystore', { alias: 'Phixflow-Api-Key', secret: 'x'.repeat(40) })).status).toBe(201);
  });

  it('applies the rules of PUT: a valid alias, a secret, 32 bytes for phixflow-api-key, design rights', async () => {
    await t.db.keystore.delete('phixflow-api-key');
    expectError(await as(t, session).post('/keystore', { alias: 'no spaces', secret: 'x' }), 400, 'validation_failed', 'alias');
    expectError(await as(t, session).post('/keystore', { alias: 'fine' }), 400, 'validation_failed', 'secret');
    expectError(await as(t, session).post('/keystore', { alias: 'phixflow-api-key', secret: 'short' }), 400, 'validation_failed', 'secret');
    expectError(await as(t, session).post('/keystore', { alias: 'fine', secret: 'x', extra: 1 }), 400, 'validation_failed');
    await createApiAgent(t, session);
    expectError(await as(t, await login(t, 'apiagent', 'Phixflow123!')).post('/keystore', { alias: 'fine', secret: 'x' }), 403, 'forbidden');
    expect(await t.db.keystore.get('fine')).toBeUndefined();
  });
});

describe('PUT /keystore/:alias', () => {
  it('creates (201) and changes (200) an alias, answering without the secret', async () => {
    const created = await as(t, session).put('/keystore/my.alias_1-x', { secret: 'first value' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ alias: 'my.alias_1-x', length: 11, masked: '********' });
    expect(JSON.stringify(created.body)).not.toContain('first value');
    const changed = await as(t, session).put('/keystore/my.alias_1-x', { secret: 'second' });
    expect(changed.status).toBe(200);
    expect((await t.db.keystore.get('my.alias_1-x'))!.secret).toBe('second');
    expect(t.changes).toContain('keystore');
  });

  it('treats aliases as case-sensitive', async () => {
    await as(t, session).put('/keystore/PepperKey', { secret: 'not the pepper' });
    expect((await t.db.keystore.get('pepperkey'))!.secret).not.toBe('not the pepper');
    expect(await t.db.keystore.get('PepperKey')).toBeDefined();
  });

  it('accepts a phixflow-api-key of exactly 32 bytes, counting UTF-8 bytes not characters', async () => {
    expect((await as(t, session).put('/keystore/phixflow-api-key', { secret: 'x'.repeat(32) })).status).toBe(200);
    // 16 "é" are 16 characters but 32 bytes.
    expect((await as(t, session).put('/keystore/phixflow-api-key', { secret: 'é'.repeat(16) })).status).toBe(200);
  });

  it('refuses a phixflow-api-key under 32 bytes with a sentence giving its length, changing nothing', async () => {
    await expectUnchanged(t.db, async () => {
      const message = expectError(await as(t, session).put('/keystore/phixflow-api-key', { secret: 'too-short-secret' }), 400, 'validation_failed', 'secret');
      expect(message).toBe('The phixflow-api-key secret must be at least 32 bytes long, but the one given is 16 bytes.');
      expectError(await as(t, session).put('/keystore/phixflow-api-key', { secret: 'x'.repeat(31) }), 400, 'validation_failed', 'secret');
      // 31 characters, but "é" needs 2 bytes: 32 bytes in all would pass; 15 × é + 1 = 31 bytes does not.
      expectError(await as(t, session).put('/keystore/phixflow-api-key', { secret: `${'é'.repeat(15)}x` }), 400, 'validation_failed', 'secret');
    });
  });

  it('refuses a bad alias, an empty secret and a missing one, changing nothing', async () => {
    await expectUnchanged(t.db, async () => {
      expectError(await as(t, session).put('/keystore/bad%20alias', { secret: 'value' }), 400, 'validation_failed', 'alias');
      expectError(await as(t, session).put(`/keystore/${'a'.repeat(101)}`, { secret: 'value' }), 400, 'validation_failed', 'alias');
      expectError(await as(t, session).put('/keystore/ok', { secret: '' }), 400, 'validation_failed', 'secret');
      expectError(await as(t, session).put('/keystore/ok', {}), 400, 'validation_failed', 'secret');
      expectError(await as(t, session).put('/keystore/ok', { secret: 5 }), 400, 'validation_failed', 'secret');
      expectError(await as(t, null).put('/keystore/ok', { secret: 'value' }), 401, 'not_logged_in');
    });
  });

  it('invalidates every key signed with the old phixflow-api-key once it changes', async () => {
    const agent = await createApiAgent(t, session);
    const key = await generateKey(t, session, agent.userId);
    await as(t, session).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
    expect((await t.call(ENDPOINT_URL, { headers: { authorization: key } })).status).toBe(200);
    await as(t, session).put('/keystore/phixflow-api-key', { secret: 'a-brand-new-signing-secret-of-40-bytes!!' });
    const refused = await t.call(ENDPOINT_URL, { headers: { authorization: key } });
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('invalid_api_key');
    const fresh = await generateKey(t, session, agent.userId);
    expect((await t.call(ENDPOINT_URL, { headers: { authorization: fresh } })).status).toBe(200);
  });
});

describe('DELETE /keystore/:alias', () => {
  it('deletes an alias', async () => {
    expect((await as(t, session).del('/keystore/phixflow-database-user')).status).toBe(204);
    expect(await t.db.keystore.get('phixflow-database-user')).toBeUndefined();
  });

  it('refuses deleting pepperkey with a sentence, and an unknown alias, changing nothing', async () => {
    await expectUnchanged(t.db, async () => {
      expect(expectError(await as(t, session).del('/keystore/pepperkey'), 409, 'conflict')).toMatch(/pepperkey cannot be deleted/);
      expectError(await as(t, session).del('/keystore/Pepperkey'), 404, 'not_found');
    });
  });

  it('makes API key generation refuse without a signing secret', async () => {
    await as(t, session).del('/keystore/phixflow-api-key');
    const message = expectError(await as(t, session).post('/users/user-trainee/api-keys', {}), 409, 'conflict');
    expect(message).toMatch(/phixflow-api-key secret of at least 32 bytes/);
  });
});
