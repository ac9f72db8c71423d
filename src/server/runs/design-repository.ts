/** What validation of an actionflow needs of its application (tables and screens), cached until they change. */
import { validateActionflow, type Actionflow, type DesignRepository, type Problem } from '$domain/actionflow';
import { cacheFor } from '$instance/table-cache';
import type { ServerContext } from '../context';

/** Every application's tables and screens, by application id. */
function repositories(ctx: ServerContext): Promise<Map<string, DesignRepository>> {
  const { db } = ctx;
  return cacheFor(db, 'runs:design-repository', ['appTables', 'screens'], () =>
    db.transaction('r', [db.appTables, db.screens], async () => {
      const byApp = new Map<string, DesignRepository>();
      const of = (id: string) => byApp.get(id) ?? byApp.set(id, { tables: [], screens: [] }).get(id)!;
      for (const t of await db.appTables.toArray()) of(t.applicationId).tables.push(t);
      for (const s of await db.screens.toArray()) of(s.applicationId).screens.push(s);
      return byApp;
    }),
  )();
}

/** The tables and screens of the actionflow's application. */
export async function designRepositoryOf(ctx: ServerContext, applicationId: string): Promise<DesignRepository> {
  return (await repositories(ctx)).get(applicationId) ?? { tables: [], screens: [] };
}

// Actionflows and repositories come from caches: the same objects until they change, so their
// problems are worked out once per version rather than on every call.
const known = new WeakMap<Actionflow, { repository: DesignRepository; problems: Problem[] }>();

/** The actionflow's validation problems against its application. */
export async function problemsOf(ctx: ServerContext, flow: Actionflow): Promise<Problem[]> {
  const repository = await designRepositoryOf(ctx, flow.applicationId);
  const hit = known.get(flow);
  if (hit && hit.repository === repository) return hit.problems;
  const problems = validateActionflow(flow, repository);
  known.set(flow, { repository, problems });
  return problems;
}
