/**
 * The keystore: secrets by alias. Secrets never leave the server; a listing shows each alias with
 * the secret's length in bytes and asterisks. `phixflow-api-key` signs API keys and must be at least
 * 32 bytes; `pepperkey` peppers every password hash and cannot be deleted.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import type { KeystoreAlias } from '$domain/entities';
import { ConflictError, NotFoundError, ValidationError } from '$domain/errors';
import { SANDBOX_API, type ServerContext } from './context';
import { ApiError } from './errors';
import { requireDesigner } from './guards';
import { asObject, onlyFields, stringField } from './input';
import { param, readJson, route } from './route';
import { MASKED_SECRET } from './views';
import { transact } from './transact';

/** Alias of the API-key signing secret. */
export const API_KEY_ALIAS = 'phixflow-api-key';
/** Alias of the password pepper. */
export const PEPPER_ALIAS = 'pepperkey';
/** The shortest signing secret accepted, in UTF-8 bytes. */
export const MIN_API_KEY_SECRET_BYTES = 32;

const ALIAS_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_SECRET_CHARS = 4_096;

/** How the keystore shows an alias. */
export interface KeystoreEntryView {
  alias: string;
  length: number;
  masked: typeof MASKED_SECRET;
  updatedAt: string;
}

/** Length of a secret in UTF-8 bytes. */
export function byteLength(secret: string): number {
  return new TextEncoder().encode(secret).byteLength;
}

function view(entry: KeystoreAlias): KeystoreEntryView {
  return { alias: entry.alias, length: byteLength(entry.secret), masked: MASKED_SECRET, updatedAt: entry.updatedAt };
}

function checkAlias(alias: string): void {
  if (!ALIAS_PATTERN.test(alias)) {
    throw new ValidationError(
      `The keystore alias ${JSON.stringify(alias)} must be 1 to 100 characters of letters, digits, dots, underscores or hyphens.`,
      'alias',
    );
  }
}

/** Refuses a secret that breaks the rules of `alias`. */
export function checkSecret(alias: string, secret: string): void {
  if (secret === '') throw new ValidationError(`The secret of the keystore alias ${alias} is required.`, 'secret');
  if (secret.length > MAX_SECRET_CHARS) {
    throw new ValidationError(`The secret of the keystore alias ${alias} must be at most ${MAX_SECRET_CHARS} characters.`, 'secret');
  }
  const bytes = byteLength(secret);
  if (alias === API_KEY_ALIAS && bytes < MIN_API_KEY_SECRET_BYTES) {
    throw new ValidationError(
      `The ${API_KEY_ALIAS} secret must be at least ${MIN_API_KEY_SECRET_BYTES} bytes long, but the one given is ${bytes} byte${bytes === 1 ? '' : 's'}.`,
      'secret',
    );
  }
}

/** The refusal of adding an alias that is there already (aliases are case-sensitive). */
export function aliasExists(alias: string): ApiError {
  return new ApiError(
    409,
    'alias_exists',
    `The keystore already has an alias named ${alias}, so adding it again would replace its secret; edit ${alias} to replace the secret on purpose.`,
    'alias',
  );
}

/** Handlers of `/sandbox/api/keystore`. */
export function keystoreHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'get', `*${SANDBOX_API}/keystore`, async () => {
      const entries = await db.keystore.toArray();
      return HttpResponse.json(entries.map(view));
    }),

    // Adds an alias and never replaces one: "Add alias" must not overwrite a secret by accident.
    route(ctx, 'post', `*${SANDBOX_API}/keystore`, async (args) => {
      await requireDesigner(ctx, args.request, 'change the keystore');
      const what = 'a new keystore alias';
      const body = asObject(await readJson(args.request, 'add a keystore alias'), what);
      onlyFields(body, ['alias', 'secret'], what);
      const alias = stringField(body, 'alias', 'alias', what, true);
      checkAlias(alias);
      const secret = stringField(body, 'secret', 'secret', `the keystore alias ${alias}`, true);
      checkSecret(alias, secret);
      const entry: KeystoreAlias = { alias, secret, updatedAt: ctx.clock.now().toISOString() };
      await transact(db, [db.keystore], async () => {
        if (await db.keystore.get(alias)) throw aliasExists(alias);
        await db.keystore.add(entry);
      });
      ctx.notifyChanged('keystore');
      return HttpResponse.json(view(entry), { status: 201 });
    }),

    route(ctx, 'put', `*${SANDBOX_API}/keystore/:alias`, async (args) => {
      await requireDesigner(ctx, args.request, 'change the keystore');
      const alias = param(args, 'alias');
      checkAlias(alias);
      const what = `the keystore alias ${alias}`;
      const body = asObject(await readJson(args.request, `set ${what}`), what);
      onlyFields(body, ['secret'], what);
      const secret = stringField(body, 'secret', 'secret', what, true);
      checkSecret(alias, secret);
      const entry: KeystoreAlias = { alias, secret, updatedAt: ctx.clock.now().toISOString() };
      const created = await transact(db, [db.keystore], async () => {
        const existed = (await db.keystore.get(alias)) !== undefined;
        await db.keystore.put(entry);
        return !existed;
      });
      ctx.notifyChanged('keystore');
      return HttpResponse.json(view(entry), { status: created ? 201 : 200 });
    }),

    route(ctx, 'delete', `*${SANDBOX_API}/keystore/:alias`, async (args) => {
      await requireDesigner(ctx, args.request, 'change the keystore');
      const alias = param(args, 'alias');
      if (alias === PEPPER_ALIAS) {
        throw new ConflictError(`The keystore alias ${PEPPER_ALIAS} cannot be deleted, because every stored password depends on it.`);
      }
      await transact(db, [db.keystore], async () => {
        if (!(await db.keystore.get(alias))) throw new NotFoundError(`The keystore has no alias named ${alias}; aliases are case-sensitive.`);
        await db.keystore.delete(alias);
      });
      ctx.notifyChanged('keystore');
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
