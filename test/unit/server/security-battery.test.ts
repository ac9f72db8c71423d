/**
 * The incoming API's authentication, attacked through real HTTP: every refused call answers the
 * contract's status and code, runs nothing, adds exactly one audit entry, and leaves the key out of
 * the audit trail, the request log and the console.
 */
import { SignJWT, base64url, decodeJwt, generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, type ManualClock } from '$domain/expression';
import { startTestServer, type TestServer } from '../support/instance';
import { API_ENDPOINT_ID, ENDPOINT_URL, as, createApiAgent, generateKey, login, type ApiAgent } from './helpers';

const SIGNING_SECRET_ALIAS = 'phixflow-api-key';

interface World {
  t: TestServer;
  clock: ManualClock;
  trainee: string;
  agent: ApiAgent;
  /** A good key of apiagent. */
  key: string;
  secret: Uint8Array;
}

let w: World;
let consoleLines: string[];

beforeEach(async () => {
  const clock = createManualClock(new Date('2025-06-01T12:00:00.000Z'));
  const t = await startTestServer({ clock });
  const trainee = await login(t);
  const agent = await createApiAgent(t, trainee);
  const key = await generateKey(t, trainee, agent.userId);
  const off = await as(t, trainee).patch(`/actionflows/${API_ENDPOINT_ID}`, { api: { allowAnonymousConnections: false } });
  expect(off.status).toBe(200);
  const secret = new TextEncoder().encode((await t.db.keystore.get(SIGNING_SECRET_ALIAS))!.secret);
  w = { t, clock, trainee, agent, key, secret };
  consoleLines = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  w.t.close();
});

/** A JWT with these claims, signed HS256 with the current secret unless told otherwise. */
function sign(claims: Record<string, unknown>, options: { secret?: Uint8Array; alg?: string } = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: options.alg ?? 'HS256', typ: 'JWT' }).sign(options.secret ?? w.secret);
}

/** Claims like a real key of apiagent, with its real jti. */
function realClaims(): Record<string, unknown> {
  const { sub, jti, iat, iss } = decodeJwt(w.key);
  return { sub, jti, iat, iss };
}

interface Attempt {
  /** The Authorization header to send, or undefined for none. */
  authorization?: string;
  /** Text that must appear nowhere (the key in the header), when different from the header. */
  secretText?: string;
}

async function call(attempt: Attempt) {
  const auditBefore = await w.t.db.audit.count();
  const headers: Record<string, string> = {};
  if (attempt.authorization !== undefined) headers.authorization = attempt.authorization;
  const response = await w.t.call(ENDPOINT_URL, { headers });
  const body = await response.json();
  const audit = await w.t.db.audit.toArray();
  expect(audit.length - auditBefore, 'exactly one new audit entry').toBe(1);
  const entry = audit[audit.length - 1]!;
  const trails = JSON.stringify(audit) + JSON.stringify(await w.t.db.requestLog.toArray()) + consoleLines.join('\n');
  for (const text of [attempt.secretText, w.key]) {
    if (text && text.length >= 8) expect(trails.includes(text), 'the key appears in a trail').toBe(false);
  }
  return { status: response.status, body, entry, challenge: response.headers.get('www-authenticate') };
}

async function expectRefused(attempt: Attempt, status: number, code: string) {
  const { status: got, body, entry, challenge } = await call(attempt);
  expect(got).toBe(status);
  // RFC 9110: every 401 carries a challenge; RFC 6750: a refused key says invalid_token.
  if (status === 401) {
    expect(challenge).toBe(code === 'missing_api_key' ? 'Bearer realm="PhixFlow API"' : 'Bearer realm="PhixFlow API", error="invalid_token"');
  } else {
    expect(challenge).toBeNull();
  }
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/^The (call to the )?end point API Company Data .*\.$/);
  expect(body).not.toHaveProperty('CompanyID');
  expect(entry).toMatchObject({ status, code, outcome: 'refused', actionflow: 'API Company Data' });
  return body.error.message as string;
}

async function expectAccepted(attempt: Attempt) {
  const { status, body, entry } = await call(attempt);
  expect(status).toBe(200);
  expect(body.CompanyID).toBe('C0001');
  expect(entry).toMatchObject({ status: 200, outcome: 'success', runAs: 'apiagent', runAsName: 'API Agent' });
}

describe('refused calls', () => {
  it('1. no Authorization header → 401 missing_api_key', async () => {
    expect(await expectRefused({}, 401, 'missing_api_key')).toMatch(/does not allow anonymous connections/);
  });
  it('2. an empty header → 401 missing_api_key', () => expectRefused({ authorization: '' }, 401, 'missing_api_key'));
  it('3. a header of spaces → 401 missing_api_key', () => expectRefused({ authorization: '   ' }, 401, 'missing_api_key'));
  it('4. "Bearer" alone → 401 missing_api_key', () => expectRefused({ authorization: 'Bearer' }, 401, 'missing_api_key'));
  it('5. garbage → 401 invalid_api_key', () => expectRefused({ authorization: 'this-is-not-a-key-at-all' }, 401, 'invalid_api_key'));
  it('6. Bearer garbage → 401 invalid_api_key', () => expectRefused({ authorization: 'Bearer aaaa.bbbb.cccc' }, 401, 'invalid_api_key'));
  it('7. another scheme (Basic) → 401 invalid_api_key', () => expectRefused({ authorization: `Basic ${btoa('apiagent:Phixflow123!')}` }, 401, 'invalid_api_key'));

  it('8. alg none (unsigned) → 401 invalid_api_key', async () => {
    const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
    const payload = base64url.encode(JSON.stringify(realClaims()));
    const unsigned = `${header}.${payload}.`;
    await expectRefused({ authorization: unsigned, secretText: unsigned }, 401, 'invalid_api_key');
  });

  it('9. HS512 with the right secret → 401 invalid_api_key', async () => {
    const key = await sign(realClaims(), { alg: 'HS512' });
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key')).toMatch(/HS256/);
  });

  it('10. RS256 with a fresh key pair → 401 invalid_api_key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const key = await new SignJWT(realClaims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    await expectRefused({ authorization: `Bearer ${key}`, secretText: key }, 401, 'invalid_api_key');
  });

  it('11. a tampered payload (sub changed, signature kept) → 401 invalid_api_key', async () => {
    const [header, , signature] = w.key.split('.');
    const payload = base64url.encode(JSON.stringify({ ...realClaims(), sub: 'trainee' }));
    const tampered = `${header}.${payload}.${signature}`;
    expect(await expectRefused({ authorization: tampered, secretText: tampered }, 401, 'invalid_api_key')).toMatch(/signature does not match/);
  });

  it('12. signed with another secret → 401 invalid_api_key', async () => {
    const key = await sign(realClaims(), { secret: new TextEncoder().encode('some-other-secret-of-at-least-32-bytes') });
    await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key');
  });

  it('13. signed with the secret from before a keystore change → 401 invalid_api_key', async () => {
    await expectAccepted({ authorization: w.key });
    const changed = await as(w.t, w.trainee).put(`/keystore/${SIGNING_SECRET_ALIAS}`, { secret: 'the-replacement-signing-secret-0123456789' });
    expect(changed.status).toBe(200);
    await expectRefused({ authorization: w.key }, 401, 'invalid_api_key');
  });

  it('14. expired → 401 expired_api_key', async () => {
    const key = (await as(w.t, w.trainee).post(`/users/${w.agent.userId}/api-keys`, { expiresInSeconds: 60 })).body.key as string;
    await expectAccepted({ authorization: key, secretText: key });
    w.clock.advance(61_000);
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'expired_api_key')).toMatch(/expired/);
  });

  it('15. nbf in the future → 401 invalid_api_key', async () => {
    const nbf = Math.floor(w.clock.now().getTime() / 1000) + 3600;
    const key = await sign({ ...realClaims(), nbf });
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key')).toMatch(/not valid yet/);
  });

  it('16. a wrong iss → 401 invalid_api_key', async () => {
    const key = await sign({ ...realClaims(), iss: 'someone-else' });
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key')).toMatch(/not issued by phixflow-sandbox/);
  });

  it('17. no jti claim → 401 invalid_api_key', async () => {
    const { jti: _jti, ...claims } = realClaims();
    const key = await sign(claims);
    await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key');
  });

  it('18. a jti this instance never issued → 401 invalid_api_key', async () => {
    const key = await sign({ ...realClaims(), jti: crypto.randomUUID() });
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key')).toMatch(/not issued by this instance/);
  });

  it('19. revoked → 401 revoked_api_key', async () => {
    await as(w.t, w.trainee).del(`/api-keys/${decodeJwt(w.key).jti}`);
    expect(await expectRefused({ authorization: w.key }, 401, 'revoked_api_key')).toMatch(/revoked/);
  });

  it('20. the key\'s user deleted → 401 unknown_user', async () => {
    expect((await as(w.t, w.trainee).del(`/users/${w.agent.userId}`)).status).toBe(204);
    expect(await expectRefused({ authorization: w.key }, 401, 'unknown_user')).toMatch(/apiagent, who no longer exists/);
  });

  it('21. the key\'s user disabled → 401 user_disabled', async () => {
    await as(w.t, w.trainee).put(`/users/${w.agent.userId}`, { enabled: false });
    expect(await expectRefused({ authorization: w.key }, 401, 'user_disabled')).toMatch(/apiagent, who is disabled/);
  });

  it('22. the user removed from the group → 403 missing_privilege', async () => {
    await as(w.t, w.trainee).put(`/user-groups/${w.agent.groupId}`, { userIds: [] });
    expect(await expectRefused({ authorization: w.key }, 403, 'missing_privilege')).toMatch(/Use API Key/);
  });

  it('23. the group removed from the role → 403 missing_privilege', async () => {
    await as(w.t, w.trainee).put(`/roles/${w.agent.roleId}`, { userGroupIds: [] });
    await expectRefused({ authorization: w.key }, 403, 'missing_privilege');
  });

  it('24. the privilege removed from the role → 403 missing_privilege, even with a session holding it', async () => {
    const agentSession = await login(w.t, 'apiagent', 'Phixflow123!');
    await as(w.t, w.trainee).put(`/roles/${w.agent.roleId}`, { privileges: [] });
    expect((await as(w.t, agentSession).get('/session')).body.privileges).toContain('Use API Key');
    await expectRefused({ authorization: w.key }, 403, 'missing_privilege');
  });

  it('25. a 100 KB header → 401 invalid_api_key', async () => {
    const huge = `Bearer ${w.key}${'A'.repeat(100 * 1024)}`;
    expect(await expectRefused({ authorization: huge, secretText: huge }, 401, 'invalid_api_key')).toMatch(/longer than 8 KB/);
  });

  it('26. non-ASCII characters → 401 invalid_api_key', async () => {
    const accented = `Bearer ${w.key}é`;
    expect(await expectRefused({ authorization: accented }, 401, 'invalid_api_key')).toMatch(/not plain ASCII/);
  });

  it('27. "Bearer Bearer <key>" → 401 invalid_api_key', () => expectRefused({ authorization: `Bearer Bearer ${w.key}` }, 401, 'invalid_api_key'));

  it('28. whitespace inside the signature (which a lenient decoder skips) → 401 invalid_api_key', async () => {
    const spaced = `${w.key.slice(0, -6)} ${w.key.slice(-6)}`;
    expect(await expectRefused({ authorization: `Bearer ${spaced}`, secretText: spaced.slice(-20) }, 401, 'invalid_api_key')).toMatch(/three base64url parts/);
    const tabbed = `${w.key.slice(0, -6)}\t${w.key.slice(-6)}`;
    await expectRefused({ authorization: tabbed, secretText: tabbed.slice(-20) }, 401, 'invalid_api_key');
  });

  it('29. another spelling of the same signature bytes (unused bits of its last character set) → 401 invalid_api_key', async () => {
    const [header, payload, signature] = w.key.split('.') as [string, string, string];
    const bytes = base64url.decode(signature);
    // 32 bytes take 43 characters; the last carries 4 bits of data and 2 unused ones.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const respelt = `${signature.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(base64url.decode(respelt)).equals(Buffer.from(bytes)), 'the same bytes').toBe(true);
    const key = `${header}.${payload}.${respelt}`;
    await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key');
  });

  it('30. an issue time in the future, signed with the secret → 401 invalid_api_key', async () => {
    const iat = Math.floor(w.clock.now().getTime() / 1000) + 3600;
    const key = await sign({ ...realClaims(), iat });
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key')).toMatch(/issue time \(iat\) in the future/);
  });

  it('31. claims that disagree with the stored record (an earlier iat) → 401 invalid_api_key', async () => {
    const claims = realClaims();
    const key = await sign({ ...claims, iat: (claims.iat as number) - 60 });
    expect(await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key')).toMatch(/do not match the key this instance issued/);
  });

  it('32. an exp added to a key issued without one → 401 invalid_api_key', async () => {
    const key = await sign({ ...realClaims(), exp: Math.floor(w.clock.now().getTime() / 1000) + 60 });
    await expectRefused({ authorization: key, secretText: key }, 401, 'invalid_api_key');
  });

  it("33. the record's expiry counts even when the key is re-signed without exp → 401 expired_api_key", async () => {
    const expiring = (await as(w.t, w.trainee).post(`/users/${w.agent.userId}/api-keys`, { expiresInSeconds: 60 })).body.key as string;
    const { exp: _exp, ...claims } = decodeJwt(expiring);
    const forever = await sign(claims);
    await expectRefused({ authorization: forever, secretText: forever }, 401, 'invalid_api_key');
    w.clock.advance(61_000);
    expect(await expectRefused({ authorization: forever, secretText: forever }, 401, 'expired_api_key')).toMatch(/expired/);
  });
});

describe('accepted calls', () => {
  it('40. a raw key runs as apiagent, and the audit entry names API Agent', () => expectAccepted({ authorization: w.key }));
  it('41. "Bearer <key>" is accepted', () => expectAccepted({ authorization: `Bearer ${w.key}` }));
  it('42. a lower-case "bearer" is accepted', () => expectAccepted({ authorization: `bearer ${w.key}` }));
  it('43. privileges are read at the time of the call: a key refused for want of a privilege works once it is granted', async () => {
    await as(w.t, w.trainee).put(`/roles/${w.agent.roleId}`, { privileges: [] });
    await expectRefused({ authorization: w.key }, 403, 'missing_privilege');
    await as(w.t, w.trainee).put(`/roles/${w.agent.roleId}`, { privileges: ['Use API Key'] });
    await expectAccepted({ authorization: w.key });
  });
});

describe('a change refuses the very next call of a key that was just accepted (nothing is cached past a change)', () => {
  const cases: [string, () => Promise<unknown>, number, string][] = [
    ['the user disabled', () => as(w.t, w.trainee).put(`/users/${w.agent.userId}`, { enabled: false }), 401, 'user_disabled'],
    ['the user deleted', () => as(w.t, w.trainee).del(`/users/${w.agent.userId}`), 401, 'unknown_user'],
    ['the user removed from the group', () => as(w.t, w.trainee).put(`/user-groups/${w.agent.groupId}`, { userIds: [] }), 403, 'missing_privilege'],
    ['the group removed from the role', () => as(w.t, w.trainee).put(`/roles/${w.agent.roleId}`, { userGroupIds: [] }), 403, 'missing_privilege'],
    ['the privilege removed from the role', () => as(w.t, w.trainee).put(`/roles/${w.agent.roleId}`, { privileges: [] }), 403, 'missing_privilege'],
    ['the key revoked', () => as(w.t, w.trainee).del(`/api-keys/${decodeJwt(w.key).jti}`), 401, 'revoked_api_key'],
    ['the signing secret changed', () => as(w.t, w.trainee).put(`/keystore/${SIGNING_SECRET_ALIAS}`, { secret: 'the-replacement-signing-secret-0123456789' }), 401, 'invalid_api_key'],
  ];
  it.each(cases)('%s', async (_, change, status, code) => {
    await expectAccepted({ authorization: w.key });
    const answer = (await change()) as { status: number };
    expect(answer.status).toBeLessThan(300);
    await expectRefused({ authorization: w.key }, status, code);
  });
});
