/**
 * The UI's shared state: the client of the simulated server, the repository as last read, and the
 * session. Refreshes itself when the instance announces a change.
 */
import { SandboxApiError, createSandboxClient } from '$client/index';
import type { RepositoryView, SessionInfo } from '$client/index';
import { onInstanceChanged } from '$instance/changes';

export const client = createSandboxClient();

/** The instance was replaced (reset or import): the repository before, and the one read after. */
export interface InstanceReplaced {
  /** Counts replacements, so two in a row are two changes. */
  count: number;
  before: RepositoryView | null;
  after: RepositoryView;
}

class SandboxState {
  /** The repository as last read; null while nobody is logged in (reads need a session). */
  repository = $state<RepositoryView | null>(null);
  session = $state<SessionInfo | null>(null);
  loadError = $state<string | null>(null);
  loading = $state(false);
  /** How many changes of each kind (`runs`, `actionflows`…) this page has heard of: views that read more than the repository follow it. */
  changes = $state<Record<string, number>>({});
  #replacedListeners = new Set<(replaced: InstanceReplaced) => void>();
  #replacements = 0;
  /** True once a read has said whether anyone is logged in. */
  checked = $state(false);

  /** Nobody is logged in (as far as the last read knows): views say so instead of their contents. */
  get loggedOut(): boolean {
    return this.checked && this.session === null;
  }
  #queued: ReturnType<typeof setTimeout> | null = null;

  #latest = 0;
  /** The first refresh that reads the replaced instance, and the repository it replaces. */
  #replacement: { ticket: number; before: RepositoryView | null } | null = null;

  /**
   * Calls `listener` each time the repository has been read again after the instance was replaced
   * (reset or import); returns the function that stops it.
   */
  onReplaced(listener: (replaced: InstanceReplaced) => void): () => void {
    this.#replacedListeners.add(listener);
    return () => this.#replacedListeners.delete(listener);
  }

  /** The instance was replaced: the next refresh reads the new one and tells `onReplaced` listeners. */
  instanceReplaced(): void {
    if (this.#replacement) this.#replacement.ticket = this.#latest + 1;
    else this.#replacement = { ticket: this.#latest + 1, before: this.repository };
    this.refreshSoon();
  }

  /**
   * Reads the repository and the session again. A read that finishes after a newer one is dropped.
   * The session decides: without one, the repository is not shown (it may not be readable either).
   */
  async refresh(): Promise<void> {
    const ticket = ++this.#latest;
    this.loading = true;
    try {
      // Read together (one round trip's wait); without a session the repository answers 401, and
      // what a logged-out page read before is not kept on show.
      const [repository, session] = await Promise.all([
        client.getRepository().catch((err: unknown) => {
          if (err instanceof SandboxApiError && err.status === 401) return null;
          throw err;
        }),
        client.currentSession(),
      ]);
      if (ticket !== this.#latest) return;
      this.session = session;
      this.repository = session ? repository : null;
      this.loadError = null;
      this.checked = true;
      if (session && repository) {
        const replacement = this.#replacement;
        if (replacement && ticket >= replacement.ticket) {
          this.#replacement = null;
          const replaced = { count: ++this.#replacements, before: replacement.before, after: repository };
          // In the same turn as the new repository, so no view renders it with tabs of the old one.
          for (const listener of [...this.#replacedListeners]) listener(replaced);
        }
      }
      // Logged in meanwhile (the repository was read before the session existed): read it again.
      if (session && !repository) this.refreshSoon();
    } catch (err) {
      if (ticket === this.#latest) this.loadError = err instanceof Error ? err.message : String(err);
    } finally {
      if (ticket === this.#latest) this.loading = false;
    }
  }

  /** Coalesces bursts of change notifications into one refresh. */
  refreshSoon(): void {
    if (this.#queued) return;
    this.#queued = setTimeout(() => {
      this.#queued = null;
      void this.refresh();
    }, 30);
  }
}

export const sandbox = new SandboxState();

/**
 * Changes the repository view does not show: the logs change on every call and an API key's last
 * use on every authenticated one; the views that show them (and the keystore) refresh themselves.
 */
const NOT_IN_REPOSITORY = new Set(['requestLog', 'audit', 'apiKeys', 'keystore']);

onInstanceChanged((what) => {
  sandbox.changes[what] = (sandbox.changes[what] ?? 0) + 1;
  if (what === 'instance') sandbox.instanceReplaced();
  else if (!NOT_IN_REPOSITORY.has(what)) sandbox.refreshSoon();
});

// A tab coming back to the front reads again, so its header and views are never left naming what
// another tab changed meanwhile (its session ended there, or its user was changed).
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') sandbox.refreshSoon();
  });
}
