/**
 * The analysis model of the application's tables: an attribute's expression (what an Analysis
 * action sets the attribute to, e.g. `_context.Status`), checked as the Analysis action checks it.
 */
import type { HttpHandler } from 'msw';
import { jsonResponse } from './json-response';
import { analysisAttributeProblems } from '$domain/actionflow';
import type { Table } from '$domain/entities';
import { NotFoundError, ValidationError } from '$domain/errors';
import { SANDBOX_API, type ServerContext } from './context';
import { requireDesigner } from './guards';
import { asObject, onlyFields, stringField } from './input';
import { param, readJson, route } from './route';
import { transact } from './transact';

/** Handlers of `/sandbox/api/tables/:id/attributes/:name`. */
export function tableHandlers(ctx: ServerContext): HttpHandler[] {
  const db = ctx.db;
  return [
    route(ctx, 'put', `*${SANDBOX_API}/tables/:id/attributes/:name`, async (args) => {
      await requireDesigner(ctx, args.request, 'change the analysis model of tables');
      const id = param(args, 'id');
      const name = param(args, 'name');
      const what = `the attribute ${name}`;
      const body = asObject(await readJson(args.request, `change ${what}`), what);
      onlyFields(body, ['expression'], `the analysis model of ${what}`);
      const expression = stringField(body, 'expression', 'expression', what, true);
      const saved = await transact(db, [db.appTables], async () => {
        const table = await db.appTables.get(id);
        if (!table) throw new NotFoundError(`There is no table with the id ${id}.`);
        const attribute = table.attributes.find((a) => a.name === name);
        if (!attribute) throw new NotFoundError(`The table ${table.name} has no attribute named ${name}.`);
        const trimmed = expression.trim();
        const { expression: _old, ...rest } = attribute;
        const next = trimmed === '' ? rest : { ...rest, expression: trimmed };
        const [problem] = analysisAttributeProblems(table, next, null);
        if (problem) throw new ValidationError(problem, 'expression');
        const updated: Table = { ...table, attributes: table.attributes.map((a) => (a.name === name ? next : a)) };
        await db.appTables.put(updated);
        return updated;
      });
      return jsonResponse(saved);
    }),
  ];
}
