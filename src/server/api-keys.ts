/**
 * API keys of users: generate (the key is shown once and only its record is kept), list, revoke,
 * and the key inspector, which decodes a key without trusting it.
 */
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import type { ApiKeyRecord } from '$domain/entities';
import { ConflictError, NotFoundError, PermissionError, ValidationError } from '$domain/errors';
import { API_KEY_ALIAS, SIGNING_SECRET_MIN_BYTES } from '$domain/rules';
import { apiKeySecret, inspectKey, signApiKey } from './auth';
import { SANDBOX_API, type ServerContext } from './context';
import { requireDesigner, requireSession } from './guards';
import { asObject, onlyFields, stringField } from './input';
import { param, readJson, route } from './route';
import { transact } from './transact';

/** The longest lifetime a key may be given: ten years. */
export const MAX_KEY_LIFETIME_SECONDS = 10 * 365 * 24 * 3600;

function noUser(id: string): NotFoundError {
  return new NotFoundError(`There is no user with the id ${id}; it may have been deleted.`);
}

/** Handlers of `/sandbox/api/users/:id/api-keys`, `/sandbox/api/api-keys/:jti` and `/sandbox/api/keys/inspect`. */
export function apiKeyHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'post', `*${SANDBOX_API}/users/:id/api-keys`, async (args) => {
      await requireDesigner(ctx, args.request, 'generate API keys');
      const id = param(args, 'id');
      const user = await db.users.get(id);
      if (!user) throw noUser(id);
      const what = `an API key for ${user.login}`;
      const body = asObject(await readJson(args.request, `generate ${what}`), what);
      onlyFields(body, ['expiresInSeconds'], what);
      const lifetime = body.expiresInSeconds;
      if (lifetime !== undefined && lifetime !== null) {
        if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_KEY_LIFETIME_SECONDS) {
          throw new ValidationError(`The lifetime of ${what} must be a whole number of seconds from 1 to ${MAX_KEY_LIFETIME_SECONDS}.`, 'expiresInSeconds');
        }
      }
      const secret = await apiKeySecret(ctx);
      if (!secret || secret.byteLength < SIGNING_SECRET_MIN_BYTES) {
        throw new ConflictError(
          `No API key can be generated yet: the keystore needs a ${API_KEY_ALIAS} secret of at least ${SIGNING_SECRET_MIN_BYTES} bytes to sign it with.`,
        );
      }
      const now = ctx.clock.now();
      const issuedAt = Math.floor(now.getTime() / 1000);
      const expiresAt = typeof lifetime === 'number' ? issuedAt + lifetime : undefined;
      const record: ApiKeyRecord = {
        jti: crypto.randomUUID(),
        userId: user.id,
        createdAt: now.toISOString(),
        expiresAt: expiresAt === undefined ? null : new Date(expiresAt * 1000).toISOString(),
        lastUsedAt: null,
        revokedAt: null,
      };
      // Signing is WebCrypto work, which must not run inside a Dexie transaction.
      const key = await signApiKey(secret, { login: user.login, jti: record.jti, issuedAt, expiresAt });
      await transact(db, [db.users, db.apiKeys], async () => {
        if (!(await db.users.get(id))) throw noUser(id);
        await db.apiKeys.add(record);
      });
      return jsonResponse({ key, record }, { status: 201 });
    }),

    route(ctx, 'get', `*${SANDBOX_API}/users/:id/api-keys`, async (args) => {
      const id = param(args, 'id');
      // A user may see their own keys; anyone else's need design rights.
      const caller = await requireSession(ctx, args.request, 'read API keys');
      if (caller.user.id !== id && !caller.user.designer) {
        throw new PermissionError(`The user ${caller.user.login} has no design rights, so they can read only their own API keys.`);
      }
      if (!(await db.users.get(id))) throw noUser(id);
      const records = await db.apiKeys.where('userId').equals(id).toArray();
      records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return jsonResponse(records);
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/api-keys/:jti`, async (args) => {
      await requireDesigner(ctx, args.request, 'revoke API keys');
      const jti = param(args, 'jti');
      const revoked = await transact(db, [db.apiKeys], async () => {
        const record = await db.apiKeys.get(jti);
        if (!record) throw new NotFoundError(`There is no API key with the id ${jti}.`);
        const changed: ApiKeyRecord = { ...record, revokedAt: record.revokedAt ?? ctx.clock.now().toISOString() };
        await db.apiKeys.put(changed);
        return changed;
      });
      return jsonResponse(revoked);
    }),

    route(ctx, 'post', `*${SANDBOX_API}/keys/inspect`, async ({ request }) => {
      await requireSession(ctx, request, 'inspect API keys');
      const body = asObject(await readJson(request, 'inspect a key'), 'a key to inspect');
      onlyFields(body, ['key'], 'a key to inspect');
      const key = stringField(body, 'key', 'key', 'a key to inspect', true);
      return jsonResponse(await inspectKey(ctx, key));
    }),
  ];
}
