/**
 * One shared fake of the expensive dependency: a seeded training instance in fake-indexeddb, its
 * server context and an MSW node server answering real fetch calls from the test.
 */
import { setupServer } from 'msw/node';
import { onInstanceChange } from '$instance/change-feed';
import { InstanceDb } from '$instance/db';
import { contentsOfSeed, replaceInstance } from '$instance/reset';
import { loadSeed } from '$instance/seed-data';
import { FRESH_FIXTURE, type FixtureName } from '$domain/fixtures';
import { realClock, type Clock } from '$domain/expression';
import type { ServerContext } from '$server/context';
import type { GroupLocks } from '$server/exclusion-groups';
import { createHandlers } from '$server/handlers';

export const ORIGIN = 'http://localhost';

/** A fresh database seeded with a named start state (the standard training instance by default). */
export async function seededDb(fixture: FixtureName = FRESH_FIXTURE): Promise<InstanceDb> {
  const db = new InstanceDb(`test-${crypto.randomUUID()}`);
  await replaceInstance(db, contentsOfSeed(await loadSeed(fixture)));
  return db;
}

export interface TestServer {
  db: InstanceDb;
  ctx: ServerContext;
  server: ReturnType<typeof setupServer>;
  changes: string[];
  /** fetch against the simulated server (relative URLs resolve against {@link ORIGIN}). */
  call(path: string, init?: RequestInit): Promise<Response>;
  close(): void;
}

/**
 * Starts a simulated server over a fresh seeded instance. Call `close()` in afterAll/afterEach.
 * `locks` stands in for the browser's Web Locks (share one table between two contexts: two tabs);
 * `fixture` names the start state to seed (the training instance when omitted).
 */
export async function startTestServer(options: { clock?: Clock; locks?: GroupLocks; traceRuns?: boolean; fixture?: FixtureName } = {}): Promise<TestServer> {
  const db = await seededDb(options.fixture);
  const changes: string[] = [];
  const ctx: ServerContext = {
    db,
    clock: options.clock ?? realClock,
    fetch: (input, init) => fetch(input, init),
    origin: ORIGIN,
    ...(options.locks ? { locks: options.locks } : {}),
    ...(options.traceRuns === undefined ? {} : { traceRuns: options.traceRuns }),
  };
  // What changed, table by table, as the change feed tells it (one entry per table per commit).
  const stopFeed = onInstanceChange((change) => {
    if (change.kind !== 'session') changes.push(...change.tables.keys());
  }, db.name);
  const server = setupServer(...createHandlers(ctx));
  server.listen({ onUnhandledRequest: 'error' });
  return {
    db,
    ctx,
    server,
    changes,
    call: (path, init) => fetch(new URL(path, ORIGIN), init),
    close: () => {
      stopFeed();
      server.close();
      db.close();
    },
  };
}
