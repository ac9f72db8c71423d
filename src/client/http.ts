/**
 * The one place the client talks HTTP: builds URLs under `/sandbox/api`, sends the session header,
 * parses JSON answers and turns error bodies into {@link SandboxApiError}s.
 */
import { announceSessionChange } from '$instance/change-feed';
import type { SessionStore } from './types';

/** Prefix of the sandbox's own API (mirrors the server's SANDBOX_API). */
export const SANDBOX_API_PATH = '/sandbox/api';
/** Header carrying the session id (mirrors the server's SESSION_HEADER). */
export const SESSION_HEADER_NAME = 'x-sandbox-session';
/** sessionStorage key of the default session store (each browser tab keeps its own session). */
export const SESSION_STORAGE_KEY = 'actionflow-sandbox.session';

/** A refused call: the server's status, error code, field at fault and sentence. */
export class SandboxApiError extends Error {
  override name = 'SandboxApiError';
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

/**
 * A session store in sessionStorage when the page has one, in memory otherwise. Each tab keeps its
 * own session, so logging in as another user in one tab never changes who another tab acts as; a
 * reload keeps the tab's session, and a new tab starts as a fresh learner would.
 */
export function defaultSessionStore(): SessionStore {
  let memory: string | null = null;
  const storage = (() => {
    try {
      return typeof globalThis.sessionStorage === 'undefined' ? null : globalThis.sessionStorage;
    } catch {
      return null;
    }
  })();
  adoptSharedSession(storage);
  return {
    get: () => {
      if (!storage) return memory;
      try {
        return storage.getItem(SESSION_STORAGE_KEY);
      } catch {
        return memory;
      }
    },
    set: (id) => {
      memory = id;
      if (!storage) return;
      try {
        if (id === null) storage.removeItem(SESSION_STORAGE_KEY);
        else storage.setItem(SESSION_STORAGE_KEY, id);
      } catch {
        // Storage may be full or blocked; the memory copy still serves this page.
      }
    },
  };
}

// Earlier versions kept one session for every tab in localStorage: the first tab to start takes
// it over (so an open session survives the update) and no other tab can share it afterwards.
function adoptSharedSession(tabStorage: Storage | null): void {
  try {
    const shared = globalThis.localStorage;
    const id = shared?.getItem(SESSION_STORAGE_KEY);
    if (!shared || !id) return;
    shared.removeItem(SESSION_STORAGE_KEY);
    if (tabStorage && tabStorage.getItem(SESSION_STORAGE_KEY) === null) tabStorage.setItem(SESSION_STORAGE_KEY, id);
  } catch {
    // Blocked storage: nothing to take over.
  }
}

/** The fetch this page's clients call the simulated server with, when none is given; null: the browser's. */
let pageTransport: typeof fetch | null = null;

/**
 * Hands this page's clients the fetch to reach the simulated server with (the boot passes the
 * server's own, which answers in the page until its service worker has started); null gives the
 * browser's own back. Clients made with a fetch of their own keep it.
 */
export function usePageTransport(fetchImpl: typeof fetch | null): void {
  pageTransport = fetchImpl;
}

/** The fetch of a client made without one: the page's transport, else `globalThis.fetch`, looked up at each call. */
export const pageFetch: typeof fetch = (input, init) => (pageTransport ?? globalThis.fetch)(input, init);

export type QueryValue = string | number | boolean | null | undefined;

/** What a call sends besides its method and path. */
export interface CallOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is, as JSON text (a file's own text: parsing and writing it again could fail). */
  jsonText?: string;
  query?: Record<string, QueryValue>;
}

/** What the resource modules use to call the server. */
export interface Http {
  readonly origin: string;
  readonly fetch: typeof fetch;
  readonly sessions: SessionStore;
  /** Calls `method path` under /sandbox/api; resolves to the parsed JSON body (undefined for 204). */
  call<T>(method: string, path: string, options?: CallOptions): Promise<T>;
}

async function errorFrom(response: Response, method: string, path: string): Promise<SandboxApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    const error = parsed.error;
    if (error && typeof error.message === 'string') {
      return new SandboxApiError(
        error.message,
        response.status,
        typeof error.code === 'string' ? error.code : 'error',
        typeof error.field === 'string' ? error.field : null,
      );
    }
  } catch {
    // Not a JSON error body: fall through to a generic sentence.
  }
  return new SandboxApiError(`The server answered ${method} ${path} with status ${response.status} and no explanation.`, response.status, 'http_error');
}

/** An {@link Http} bound to an origin, a fetch and a session store. */
export function createHttp(origin: string, fetchImpl: typeof fetch, sessions: SessionStore): Http {
  const base = origin.replace(/\/+$/, '');
  return {
    origin: base,
    fetch: fetchImpl,
    sessions,
    async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(options.query ?? {})) {
        if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
      }
      const query = search.size > 0 ? `?${search.toString()}` : '';
      const headers: Record<string, string> = { accept: 'application/json' };
      const session = sessions.get();
      if (session) headers[SESSION_HEADER_NAME] = session;
      let body: string | undefined;
      if (options.jsonText !== undefined) {
        headers['content-type'] = 'application/json';
        body = options.jsonText;
      } else if (options.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.body);
      }
      let response: Response;
      try {
        response = await fetchImpl(`${base}${SANDBOX_API_PATH}${path}${query}`, { method, headers, body });
      } catch (err) {
        throw new SandboxApiError(
          `The simulated server could not be reached for ${method} ${path} (${err instanceof Error ? err.message : String(err)}).`,
          0,
          'network_error',
        );
      }
      if (!response.ok) {
        const error = await errorFrom(response, method, path);
        // The session this call sent has ended (logged out elsewhere, or the instance was reset):
        // forget it at once, so the page says "not logged in" instead of naming its old user.
        if (error.status === 401 && error.code === 'not_logged_in' && session && sessions.get() === session) {
          sessions.set(null);
          announceSessionChange();
        }
        throw error;
      }
      if (response.status === 204) return undefined as T;
      const text = await response.text();
      return (text === '' ? undefined : JSON.parse(text)) as T;
    },
  };
}

/** Encodes one path segment. */
export const seg = (value: string): string => encodeURIComponent(value);
