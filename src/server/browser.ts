/**
 * The simulated server in the browser: the MSW service worker forwards the page's requests to
 * {@link createHandlers}, which answer from the instance in IndexedDB. Until the worker has
 * started, the same handlers answer the page's calls in the page ({@link BrowserServer.fetch}), so
 * the sandbox can show itself without waiting for the worker.
 */
import { setupWorker } from 'msw/browser';
import { createSimulatedClock } from '$domain/expression';
import type { InstanceDb } from '$instance/db';
import type { ServerContext } from './context';
import { createHandlers } from './handlers';
import { answeredBy } from './in-page';
import { openSessionWithoutPassword } from './sessions';

/** How this page's calls to the simulated server are answered, as `<html data-simulated-server>` says. */
export type ServerTransport =
  /** In the page, while the service worker starts. */
  | 'in-page'
  /** Through the service worker: real HTTP calls, shown in the browser's developer tools. */
  | 'service-worker'
  /** In the page for good: the service worker could not start. */
  | 'in-page-only';

/** The browser's server context for `db`; HTTP actions send their calls with `fetchImpl`. */
export function browserContext(db: InstanceDb, fetchImpl: typeof fetch): ServerContext {
  return {
    db,
    // Real time that an instructor (or a test) can fast-forward, so a sleep(20) need not be waited for.
    clock: createSimulatedClock(),
    fetch: (input, init) => fetchImpl(input, init),
    origin: location.origin,
  };
}

export interface BrowserServer {
  /**
   * Registers the service worker; resolves once it answers this page's calls. Rejects if it cannot
   * start: the page's calls are then still answered in the page, by {@link BrowserServer.fetch}.
   */
  start(): Promise<void>;
  /**
   * The fetch this page calls the server with: answered in the page until the worker has started,
   * then the browser's own (through the worker). Calls to other addresses always go out.
   */
  fetch: typeof fetch;
  /** {@link openSessionWithoutPassword} on this server's instance. */
  openSessionFor(login: string): Promise<string | null>;
}

/** The server of `db`; its calls are answered in the page until {@link BrowserServer.start} has started the worker. */
export function createBrowserServer(db: InstanceDb): BrowserServer {
  let viaWorker = false;
  const say = (transport: ServerTransport) => {
    document.documentElement.dataset.simulatedServer = transport;
  };
  // HTTP actions' calls to this origin take the page's way too.
  const ctx = browserContext(db, (input, init) => pageFetch(input, init));
  const handlers = createHandlers(ctx);
  const inPage = answeredBy(handlers, location.origin, (request) => fetch(request));
  const pageFetch: typeof fetch = (input, init) => (viaWorker ? fetch(input, init) : inPage(input, init));
  say('in-page');
  return {
    async start() {
      const worker = setupWorker(...handlers);
      try {
        await worker.start({
          serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
          onUnhandledRequest: 'bypass',
          quiet: true,
        });
      } catch (err) {
        say('in-page-only');
        throw err;
      }
      viaWorker = true;
      say('service-worker');
    },
    fetch: pageFetch,
    openSessionFor: (login) => openSessionWithoutPassword(ctx, login),
  };
}
