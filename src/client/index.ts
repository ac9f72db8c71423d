/**
 * The typed client of the simulated server: the only way the UI and the lesson engine reach the
 * instance, so every call shows in the request log and the server enforces every rule.
 */
import { actionflowMethods } from './actionflows';
import { createHttp, defaultSessionStore, pageFetch } from './http';
import { keyMethods } from './keys';
import { repositoryMethods } from './repository';
import { sessionMethods } from './sessions';
import { trailMethods } from './trails';
import type { SandboxClient, SandboxClientOptions } from './types';

export type * from './types';
export { SandboxApiError, SESSION_STORAGE_KEY, defaultSessionStore, usePageTransport } from './http';

/**
 * A client of the simulated server.
 * @param options.origin prefix of every URL (same origin when empty).
 * @param options.fetch the fetch to call (by default the page's transport, see {@link usePageTransport},
 *   else `globalThis.fetch`, looked up at each call).
 * @param options.sessionStore where the session id lives (the tab's sessionStorage, or memory without it).
 */
export function createSandboxClient(options: SandboxClientOptions = {}): SandboxClient {
  const fetchImpl: typeof fetch = options.fetch ?? pageFetch;
  const http = createHttp(options.origin ?? '', fetchImpl, options.sessionStore ?? defaultSessionStore());
  return {
    ...sessionMethods(http),
    ...repositoryMethods(http),
    ...keyMethods(http),
    ...actionflowMethods(http),
    ...trailMethods(http),
  };
}
