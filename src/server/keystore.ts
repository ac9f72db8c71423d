/**
 * The keystore: secrets by alias. Secrets never leave the server; a listing shows each alias with
 * the secret's length in bytes and asterisks. `phixflow-api-key` signs API keys and must be at least
 * 32 bytes; `pepperkey` peppers every password hash and cannot be deleted.
 */
import type { HttpHandler } from 'msw';
import { HttpResponse } from 'msw';
import { jsonResponse } from './json-response';
import type { KeystoreAlias } from '$domain/entities';
import { ConflictError, NotFoundError, ValidationError } from '$domain/errors';
import { checkKeystoreAlias, checkKeystoreSecret } from '$domain/repository-checks';
import { MASKED_SECRET, PEPPER_ALIAS, utf8Length } from '$domain/rules';
import { SANDBOX_API, type ServerContext } from './context';
import { ApiError } from './errors';
import { requireDesigner, requireSession } from './guards';
import { asObject, onlyFields, stringField } from './input';
import { param, readJson, route } from './route';
import { transact } from './transact';


/** How the keystore shows an alias. */
export interface KeystoreEntryView {
  alias: string;
  length: number;
  masked: typeof MASKED_SECRET;
  updatedAt: string;
  /** True while the secret is the random one the instance made for itself (nobody has set it). */
  generated: boolean;
}

function view(entry: KeystoreAlias): KeystoreEntryView {
  return { alias: entry.alias, length: utf8Length(entry.secret), masked: MASKED_SECRET, updatedAt: entry.updatedAt, generated: entry.generated === true };
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
    route(ctx, 'get', `*${SANDBOX_API}/keystore`, async ({ request }) => {
      await requireSession(ctx, request, 'read the keystore');
      const entries = await db.keystore.toArray();
      return jsonResponse(entries.map(view));
    }),

    // Adds an alias and never replaces one: "Add alias" must not overwrite a secret by accident.
    route(ctx, 'post', `*${SANDBOX_API}/keystore`, async (args) => {
      await requireDesigner(ctx, args.request, 'change the keystore');
      const what = 'a new keystore alias';
      const body = asObject(await readJson(args.request, 'add a keystore alias'), what);
      onlyFields(body, ['alias', 'secret'], what);
      const alias = stringField(body, 'alias', 'alias', what, true);
      checkKeystoreAlias(alias);
      const secret = stringField(body, 'secret', 'secret', `the keystore alias ${alias}`, true);
      checkKeystoreSecret(alias, secret);
      const entry: KeystoreAlias = { alias, secret, updatedAt: ctx.clock.now().toISOString() };
      await transact(db, [db.keystore], async () => {
        if (await db.keystore.get(alias)) throw aliasExists(alias);
        await db.keystore.add(entry);
      });
      return jsonResponse(view(entry), { status: 201 });
    }),

    route(ctx, 'put', `*${SANDBOX_API}/keystore/:alias`, async (args) => {
      await requireDesigner(ctx, args.request, 'change the keystore');
      const alias = param(args, 'alias');
      checkKeystoreAlias(alias);
      const what = `the keystore alias ${alias}`;
      const body = asObject(await readJson(args.request, `set ${what}`), what);
      onlyFields(body, ['secret'], what);
      const secret = stringField(body, 'secret', 'secret', what, true);
      checkKeystoreSecret(alias, secret);
      const entry: KeystoreAlias = { alias, secret, updatedAt: ctx.clock.now().toISOString() };
      const created = await transact(db, [db.keystore], async () => {
        const existed = (await db.keystore.get(alias)) !== undefined;
        await db.keystore.put(entry);
        return !existed;
      });
      return jsonResponse(view(entry), { status: created ? 201 : 200 });
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
      return new HttpResponse(null, { status: 204 });
    }),
  ];
}
