/**
 * The simulated server in the browser: the MSW service worker forwards the page's requests to
 * {@link createHandlers}, which answer from the instance in IndexedDB.
 */
import { setupWorker } from 'msw/browser';
import { createSimulatedClock } from '$domain/expression';
import type { InstanceDb } from '$instance/db';
import type { ServerContext } from './context';
import { createHandlers } from './handlers';
import { openSessionWithoutPassword } from './sessions';

/** The browser's server context for `db`. */
export function browserContext(db: InstanceDb): ServerContext {
  return {
    db,
    // Real time that an instructor (or a test) can fast-forward, so a sleep(20) need not be waited for.
    clock: createSimulatedClock(),
    fetch: (input, init) => fetch(input, init),
    origin: location.origin,
  };
}

export interface BrowserServer {
  /** Registers the service worker; resolves once it controls the page. */
  start(): Promise<void>;
  /** {@link openSessionWithoutPassword} on this server's instance. */
  openSessionFor(login: string): Promise<string | null>;
}

/** The server of `db`; nothing answers until {@link BrowserServer.start}. */
export function createBrowserServer(db: InstanceDb): BrowserServer {
  const ctx = browserContext(db);
  return {
    async start() {
      const worker = setupWorker(...createHandlers(ctx));
      await worker.start({
        serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
        onUnhandledRequest: 'bypass',
        quiet: true,
      });
    },
    openSessionFor: (login) => openSessionWithoutPassword(ctx, login),
  };
}
