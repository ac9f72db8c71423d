/**
 * API keys and the authentication of incoming API calls.
 *
 * A key is a compact JWT signed HS256 with the UTF-8 bytes of the keystore's `phixflow-api-key`
 * secret, with claims `sub` (the user's login), `jti`, `iat`, `iss` and optionally `exp`. Only its
 * record (jti, user, dates) is stored. Verification always uses the current secret, so changing the
 * secret invalidates every key signed with the old one. The raw key is never logged or stored.
 */
import { SignJWT, base64url, compactVerify, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { displayName, type ApiKeyRecord, type User } from '$domain/entities';
import { USE_API_KEY, privilegesOf } from '$domain/privileges';
import { API_KEY_ALIAS } from '$domain/rules';
import type { ServerContext } from './context';
import { ApiError } from './errors';
import { transact } from './transact';
import { cacheFor } from '$instance/table-cache';

/** The `iss` claim of every API key. */
export const API_KEY_ISSUER = 'phixflow-sandbox';
/** The longest Authorization header looked at; longer ones are refused unread. */
export const MAX_AUTHORIZATION_BYTES = 8 * 1024;

/** Who an accepted call runs as. */
export interface CallIdentity {
  userId: string;
  login: string;
  name: string;
  privileges: string[];
}

/** The signing secret's bytes, or null when the keystore has no `phixflow-api-key`. */
export async function apiKeySecret(ctx: ServerContext): Promise<Uint8Array | null> {
  const entry = await ctx.db.keystore.get(API_KEY_ALIAS);
  return entry && entry.secret !== '' ? new TextEncoder().encode(entry.secret) : null;
}

/**
 * The key that verifies API keys: the current secret imported once for HMAC SHA-256 (importing it
 * for every call would cost more than the verification), or null when there is no secret.
 */
function verificationKey(ctx: ServerContext): Promise<CryptoKey | null> {
  return cacheFor(ctx.db, 'auth:verification-key', ['keystore'], async () => {
    const secret = await apiKeySecret(ctx);
    return secret && crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  })();
}

/** Users and what they may do, as one consistent picture of users, user groups and roles. */
interface Principals {
  user(id: string): User | undefined;
  privileges(userId: string): string[];
}

/** The instance's principals, read again only after users, user groups or roles change. */
function principalsOf(ctx: ServerContext): Promise<Principals> {
  const { db } = ctx;
  return cacheFor<Principals>(db, 'auth:principals', ['users', 'userGroups', 'roles'], async () => {
    const graph = await db.transaction('r', [db.users, db.userGroups, db.roles], async () => ({
      users: await db.users.toArray(),
      userGroups: await db.userGroups.toArray(),
      roles: await db.roles.toArray(),
    }));
    const users = new Map(graph.users.map((u) => [u.id, u]));
    const held = new Map<string, string[]>();
    return {
      user: (id) => users.get(id),
      privileges: (userId) => {
        let privileges = held.get(userId);
        if (!privileges) held.set(userId, (privileges = privilegesOf(userId, graph)));
        return [...privileges];
      },
    };
  })();
}

/** Claims written into a new key. */
export interface ApiKeyClaims {
  login: string;
  jti: string;
  /** Seconds since the epoch. */
  issuedAt: number;
  /** Seconds since the epoch; omitted for a key that does not expire. */
  expiresAt?: number;
}

/** Signs a new API key (HS256) with `secret`. */
export async function signApiKey(secret: Uint8Array, claims: ApiKeyClaims): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.login)
    .setJti(claims.jti)
    .setIssuedAt(claims.issuedAt)
    .setIssuer(API_KEY_ISSUER);
  if (claims.expiresAt !== undefined) jwt.setExpirationTime(claims.expiresAt);
  return jwt.sign(secret);
}

/** Why a key was refused: the contract's status and code, and the cause as a clause. */
interface Refusal {
  status: number;
  code: string;
  /** Completes "…was refused because …". */
  cause: string;
}

type KeyCheck = { ok: true; payload: JWTPayload } | { ok: false; refusal: Refusal };

const invalid = (cause: string): KeyCheck => ({ ok: false, refusal: { status: 401, code: 'invalid_api_key', cause } });

function joseRefusal(err: unknown): KeyCheck {
  const code = (err as { code?: string } | null)?.code;
  const claim = (err as { claim?: string } | null)?.claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return { ok: false, refusal: { status: 401, code: 'expired_api_key', cause: 'its API key has expired' } };
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return invalid('its API key is signed with an algorithm other than HS256, the only one accepted');
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return invalid(
        `its API key's signature does not match the current ${API_KEY_ALIAS} secret (the key was changed, signed with another secret, or signed before the secret was changed)`,
      );
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'iss') return invalid(`its API key was not issued by ${API_KEY_ISSUER}`);
      if (claim === 'nbf') return invalid('its API key is not valid yet (its nbf time is in the future)');
      return invalid(`its API key has a missing or malformed ${claim ?? 'claim'} claim`);
    default:
      return invalid('its Authorization header does not hold a well-formed API key');
  }
}

/** Verifies a key's signature, algorithm and claims against the current secret. */
async function verifyKey(ctx: ServerContext, key: string): Promise<KeyCheck> {
  const secret = await verificationKey(ctx);
  if (!secret) return invalid(`the keystore has no ${API_KEY_ALIAS} secret to verify API keys with`);
  try {
    const { payload } = await jwtVerify(key, secret, {
      algorithms: ['HS256'],
      issuer: API_KEY_ISSUER,
      requiredClaims: ['sub', 'jti', 'iat'],
      currentDate: ctx.clock.now(),
    });
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string') {
      return invalid('its API key has a malformed sub or jti claim');
    }
    // jose checks exp and nbf, but not an issue time in the future, which no key of ours has.
    if (typeof payload.iat !== 'number' || payload.iat > Math.floor(ctx.clock.now().getTime() / 1000)) {
      return invalid('its API key claims an issue time (iat) in the future');
    }
    return { ok: true, payload };
  } catch (err) {
    return joseRefusal(err);
  }
}

type Extracted = { kind: 'missing' } | { kind: 'invalid'; cause: string } | { kind: 'key'; key: string };

const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * True when `key` is a compact JWS in its one canonical spelling: three non-empty base64url parts
 * joined by dots, nothing else, each part exactly as it would be encoded. Decoders are lenient
 * (they skip spaces and ignore a last character's unused bits), so without this one key could be
 * spelt many ways and still verify.
 */
export function isCanonicalCompactKey(key: string): boolean {
  if (!COMPACT_JWS.test(key)) return false;
  return key.split('.').every((part) => {
    try {
      return base64url.encode(base64url.decode(part)) === part;
    } catch {
      return false;
    }
  });
}

const NOT_WELL_FORMED = 'a key is three base64url parts (header, claims, signature) joined by dots, with nothing else in or between them';
const NOT_COMPACT = `its Authorization header does not hold a well-formed API key: ${NOT_WELL_FORMED}`;

/** The key in an Authorization header value: raw, or after a case-insensitive `Bearer`. */
export function extractKey(header: string | null): Extracted {
  if (header === null) return { kind: 'missing' };
  // Measured before anything else, so a huge header is never parsed.
  if (header.length > MAX_AUTHORIZATION_BYTES) {
    return { kind: 'invalid', cause: `its Authorization header is longer than ${MAX_AUTHORIZATION_BYTES / 1024} KB` };
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x20-\x7e\t]/.test(header)) return { kind: 'invalid', cause: 'its Authorization header holds characters that are not plain ASCII' };
  const value = header.trim();
  if (value === '' || /^bearer$/i.test(value)) return { kind: 'missing' };
  const bearer = /^bearer\s+(.*)$/i.exec(value);
  const key = (bearer ? (bearer[1] ?? '') : value).trim();
  if (key === '') return { kind: 'missing' };
  if (!isCanonicalCompactKey(key)) return { kind: 'invalid', cause: NOT_COMPACT };
  return { kind: 'key', key };
}

interface KeyOwner {
  record: ApiKeyRecord;
  user: User;
}

/** Checks the stored side of a verified key: its record, user, revocation and current privileges. */
type OwnerCheck = { ok: true; owner: KeyOwner; privileges: string[] } | { ok: false; refusal: Refusal };

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/**
 * Holds a key to the record this instance kept when it issued it: the record's expiry counts even
 * if the claims leave `exp` out, and claims that disagree with the record (a re-signed key) are
 * refused. Only someone holding the signing secret could make such a key.
 */
function checkAgainstRecord(ctx: ServerContext, payload: JWTPayload, record: ApiKeyRecord): Refusal | null {
  if (record.expiresAt !== null && ctx.clock.now().getTime() >= Date.parse(record.expiresAt)) {
    return { status: 401, code: 'expired_api_key', cause: 'its API key has expired' };
  }
  const expiresAt = record.expiresAt === null ? undefined : seconds(record.expiresAt);
  if (payload.iat !== seconds(record.createdAt) || payload.exp !== expiresAt) {
    return {
      status: 401,
      code: 'invalid_api_key',
      cause: "its API key's claims (issue time or expiry) do not match the key this instance issued with that jti, so the key was not made by this instance",
    };
  }
  return null;
}

/** Checks the key's record, its user and the user's privileges as they are now. */
async function checkOwner(ctx: ServerContext, payload: JWTPayload): Promise<OwnerCheck> {
  const [record, principals] = await Promise.all([ctx.db.apiKeys.get(payload.jti as string), principalsOf(ctx)]);
  if (!record) return { ok: false, refusal: { status: 401, code: 'invalid_api_key', cause: 'its API key was not issued by this instance (it may predate a reset)' } };
  const disagreement = checkAgainstRecord(ctx, payload, record);
  if (disagreement) return { ok: false, refusal: disagreement };
  const user = principals.user(record.userId);
  if (!user) {
    return { ok: false, refusal: { status: 401, code: 'unknown_user', cause: `its API key belongs to the user ${String(payload.sub)}, who no longer exists` } };
  }
  if (user.login.toLowerCase() !== String(payload.sub).toLowerCase()) {
    // The user was renamed since: the key names a login nobody has now.
    return { ok: false, refusal: { status: 401, code: 'unknown_user', cause: `its API key was issued to the login ${String(payload.sub)}, which no user has any more` } };
  }
  if (!user.enabled) return { ok: false, refusal: { status: 401, code: 'user_disabled', cause: `its API key belongs to the user ${user.login}, who is disabled` } };
  if (record.revokedAt) return { ok: false, refusal: { status: 401, code: 'revoked_api_key', cause: 'its API key has been revoked' } };
  const privileges = principals.privileges(user.id);
  if (!privileges.includes(USE_API_KEY)) {
    return {
      ok: false,
      refusal: { status: 403, code: 'missing_privilege', cause: `the user ${user.login} does not hold the ${USE_API_KEY} privilege through any of their user groups and roles` },
    };
  }
  return { ok: true, owner: { record, user }, privileges };
}

/**
 * Authenticates a call to `endpointName`, which does not allow anonymous connections.
 * Resolves to the key's user, or throws an {@link ApiError} with the contract's status and code.
 * Privileges are read at the time of the call, not from any session.
 */
export async function authenticateCall(ctx: ServerContext, request: Request, endpointName: string): Promise<CallIdentity> {
  const refuse = (r: Refusal) => new ApiError(r.status, r.code, `The call to the end point ${endpointName} was refused because ${r.cause}.`);
  const extracted = extractKey(request.headers.get('authorization'));
  if (extracted.kind === 'missing') {
    throw new ApiError(401, 'missing_api_key', `The end point ${endpointName} does not allow anonymous connections, and the call sent no API key in its Authorization header.`);
  }
  if (extracted.kind === 'invalid') throw refuse({ status: 401, code: 'invalid_api_key', cause: extracted.cause });
  const verified = await verifyKey(ctx, extracted.key);
  if (!verified.ok) throw refuse(verified.refusal);
  const checked = await checkOwner(ctx, verified.payload);
  if (!checked.ok) throw refuse(checked.refusal);
  const { record, user } = checked.owner;
  const now = ctx.clock.now().toISOString();
  // Not awaited: IndexedDB orders transactions, so later reads see it, and the call need not wait.
  void transact(ctx.db, [ctx.db.apiKeys], () => ctx.db.apiKeys.update(record.jti, { lastUsedAt: now }))
    .catch(() => undefined);
  return { userId: user.id, login: user.login, name: displayName(user), privileges: checked.privileges };
}

/** What the key inspector shows. */
export interface KeyInspectionResult {
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  signature: 'valid' | 'invalid';
  reason: string;
}

/**
 * Decodes a key without trusting it, then says whether it verifies with the current secret and
 * whether a call would accept it now. Never echoes the key.
 */
export async function inspectKey(ctx: ServerContext, raw: string): Promise<KeyInspectionResult> {
  const extracted = extractKey(raw);
  if (extracted.kind !== 'key') {
    const reason =
      extracted.kind === 'missing'
        ? 'No key was given to inspect.'
        : extracted.cause === NOT_COMPACT
          ? `The text is not a well-formed API key: ${NOT_WELL_FORMED}.`
          : `The key was not inspected because ${extracted.cause.replace(/^its Authorization header/, 'it')}.`;
    return { header: null, claims: null, signature: 'invalid', reason };
  }
  const key = extracted.key;
  let header: Record<string, unknown> | null = null;
  let claims: Record<string, unknown> | null = null;
  try {
    header = { ...decodeProtectedHeader(key) };
  } catch {
    header = null;
  }
  try {
    claims = { ...decodeJwt(key) };
  } catch {
    claims = null;
  }
  if (!header || !claims) {
    return { header, claims, signature: 'invalid', reason: `The text is not a well-formed API key: ${NOT_WELL_FORMED}.` };
  }
  const secret = await apiKeySecret(ctx);
  let signature: 'valid' | 'invalid' = 'invalid';
  if (secret) {
    try {
      await compactVerify(key, secret, { algorithms: ['HS256'] });
      signature = 'valid';
    } catch {
      signature = 'invalid';
    }
  }
  const verified = await verifyKey(ctx, key);
  if (!verified.ok) return { header, claims, signature, reason: `A call with this key would be refused because ${verified.refusal.cause}.` };
  const checked = await checkOwner(ctx, verified.payload);
  if (!checked.ok) return { header, claims, signature, reason: `A call with this key would be refused because ${checked.refusal.cause}.` };
  return {
    header,
    claims,
    signature,
    reason: `The signature is valid and a call with this key would run as ${displayName(checked.owner.user)} (${checked.owner.user.login}).`,
  };
}
