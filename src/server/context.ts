/**
 * What every request handler of the simulated server needs: the instance database, a clock, the
 * fetch used by HTTP actions. (Nobody announces changes: the change feed, src/instance/change-feed.ts,
 * hears every committed write from Dexie itself.)
 */
import type { InstanceDb } from '$instance/db';
import type { Clock } from '$domain/expression';
import type { GroupLocks } from './exclusion-groups';

export interface ServerContext {
  db: InstanceDb;
  /** Time source; tests pass a manual clock to fast-forward `sleep()` and key expiry. */
  clock: Clock;
  /** Used by HTTP actions to send their requests (in the browser they go through the service worker). */
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Origin used to resolve relative URLs of HTTP actions, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  /** Where exclusion groups are held (Web Locks in the browser; tests pass their own). */
  locks?: GroupLocks;
  /** Whether runs record a trace (on unless set to false; the benchmark compares both). */
  traceRuns?: boolean;
}

/** The header the sandbox UI sends its session id in (the repository API, not the incoming API). */
export const SESSION_HEADER = 'x-sandbox-session';

/** Prefix of the sandbox's own repository API; the incoming API lives under `/phixflow/api/`. */
export const SANDBOX_API = '/sandbox/api';
