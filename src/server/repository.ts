/**
 * The repository tree in one read (applications, tables with record counts, screens, actionflows with
 * masked secrets, roles, user groups, users, the privilege catalogue) and paged table records.
 */
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import type { DataRecord } from '$domain/entities';
import { NotFoundError, ValidationError } from '$domain/errors';
import { PRIVILEGES } from '$domain/privileges';
import { requireSession } from './guards';
import { SANDBOX_API, type ServerContext } from './context';
import { param, route } from './route';
import { maskActionflow, toPublicUser } from './views';
import { companyDataPending, isCompanyDataStore } from '$instance/reset';

/** The most records one page of GET /tables/:id/records returns. */
export const MAX_RECORDS_PAGE = 500;
const DEFAULT_RECORDS_PAGE = 100;

function integerParam(url: URL, name: string, fallback: number, min: number, max: number, what: string): number {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new ValidationError(`The ${name} of ${what} must be a whole number from ${min} to ${max}, not ${JSON.stringify(raw)}.`, name);
  }
  return value;
}

/** Handlers of `/sandbox/api/repository` and `/sandbox/api/tables/:id/records`. */
export function repositoryHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'get', `*${SANDBOX_API}/repository`, async ({ request }) => {
      await requireSession(ctx, request, 'read the repository');
      const view = await db.transaction(
        'r',
        [db.applications, db.appTables, db.screens, db.actionflows, db.roles, db.userGroups, db.users, db.companies, db.orders, db.orderLines, db.additionalCompanies, db.meta],
        async () => {
          // Side by side: each read waiting for the one before made the page's most frequent
          // request a chain of eight.
          const pending = companyDataPending(db);
          const [tables, applications, screens, actionflows, roles, userGroups, users] = await Promise.all([
            db.appTables.toArray().then((all) =>
              Promise.all(
                all.map(async (t) => ({ ...t, recordCount: await db.table(t.store).count(), seeding: isCompanyDataStore(t.store) && (await pending) })),
              ),
            ),
            db.applications.toArray(),
            db.screens.toArray(),
            db.actionflows.toArray(),
            db.roles.toArray(),
            db.userGroups.toArray(),
            db.users.toArray(),
          ]);
          return {
            applications,
            tables,
            screens,
            actionflows: actionflows.map(maskActionflow),
            roles,
            userGroups,
            users: users.map(toPublicUser),
            privileges: PRIVILEGES.map((p) => ({ ...p })),
          };
        },
      );
      return jsonResponse(view);
    }),

    route(ctx, 'get', `*${SANDBOX_API}/tables/:id/records`, async (args) => {
      await requireSession(ctx, args.request, 'read the records of tables');
      const id = param(args, 'id');
      const table = await db.appTables.get(id);
      if (!table) throw new NotFoundError(`There is no table with the id ${id}.`);
      const what = `the records of ${table.name}`;
      const offset = integerParam(args.url, 'offset', 0, 0, Number.MAX_SAFE_INTEGER, what);
      const limit = integerParam(args.url, 'limit', DEFAULT_RECORDS_PAGE, 1, MAX_RECORDS_PAGE, what);
      const where = args.url.searchParams.get('where');
      const equals = args.url.searchParams.get('equals');
      const store = db.table<DataRecord, string>(table.store);
      let keep: ((r: DataRecord) => boolean) | null = null;
      if (where) {
        if (!table.attributes.some((a) => a.name === where)) {
          throw new ValidationError(`The table ${table.name} has no attribute named ${where} to filter on.`, 'where');
        }
        if (equals === null) throw new ValidationError(`Filtering ${what} on ${where} needs a value in equals.`, 'equals');
        keep = (r) => r[where] !== null && r[where] !== undefined && String(r[where]) === equals;
      } else if (equals !== null) {
        throw new ValidationError(`Filtering ${what} needs the attribute in where as well as the value in equals.`, 'where');
      }
      // An indexed attribute (OrderLines by OrderID, Orders by CompanyID) is looked up through its
      // index; any other is filtered by a scan.
      const attribute = where ? table.attributes.find((a) => a.name === where) : undefined;
      const indexed = !!where && [store.schema.primKey.name, ...store.schema.indexes.map((i) => i.name)].includes(where);
      const typed = attribute && (attribute.type === 'Integer' || attribute.type === 'Decimal') ? Number(equals) : equals;
      const page = await db.transaction('r', [store, db.meta], async () => {
        const all = () =>
          where && indexed && typed !== null && !Number.isNaN(typed) ? store.where(where).equals(typed) : keep ? store.filter(keep) : store.toCollection();
        const seeding = isCompanyDataStore(table.store) && (await companyDataPending(db));
        return { total: await all().count(), records: await all().offset(offset).limit(limit).toArray(), seeding };
      });
      return jsonResponse(page);
    }),
  ];
}
