/**
 * The UI's shared state: the client of the simulated server, the lesson runtime (the lesson
 * engine's side of the instance: snapshots, progress, the change feed, resets), the repository as
 * last read, and the session. Refreshes itself when the change feed says the repository changed,
 * in this tab or another.
 */
import { SandboxApiError, createSandboxClient } from '$client/index';
import type { RepositoryView, SessionInfo } from '$client/index';
import { LessonRuntime, touches, type FeedTable, type InstanceChange } from '$lessons/index';

export const client = createSandboxClient();
export const lessons = new LessonRuntime(client);

/** The instance was replaced (reset or import): the repository before, and the one read after. */
export interface InstanceReplaced {
  /** Counts replacements, so two in a row are two changes. */
  count: number;
  before: RepositoryView | null;
  after: RepositoryView;
}

/** What the state reads: the repository and the session (the client, or a test's fake). */
export interface SandboxReads {
  /** The session this page holds, if any (no request). */
  sessionId(): string | null;
  getRepository(): Promise<RepositoryView>;
  currentSession(): Promise<SessionInfo | null>;
}

export class SandboxState {
  readonly #reads: SandboxReads;

  constructor(reads: SandboxReads) {
    this.#reads = reads;
  }

  /** The repository as last read; null while nobody is logged in (reads need a session). */
  repository = $state<RepositoryView | null>(null);
  session = $state<SessionInfo | null>(null);
  loadError = $state<string | null>(null);
  loading = $state(false);
  /** How many changes of each table (`runs`, `actionflows`…) this page has heard of, from any tab: views that read more than the repository follow it. */
  changes = $state<Partial<Record<FeedTable, number>>>({});
  #replacedListeners = new Set<(replaced: InstanceReplaced) => void>();
  #replacements = 0;
  /** True once a read has said whether anyone is logged in. */
  checked = $state(false);

  /** Nobody is logged in (as far as the last read knows): views say so instead of their contents. */
  get loggedOut(): boolean {
    return this.checked && this.session === null;
  }
  #queued: ReturnType<typeof setTimeout> | null = null;
  /** A coalesced refresh is reading now; `#again` asks for one more once it is done. */
  #inFlight = false;
  #again = false;

  #latest = 0;
  /** The newest read whose result is on show: an older one that lands after it is dropped. */
  #landed = 0;
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
   * Runs `replace` (a reset or an import this page asks for), having marked the instance as being
   * replaced first: whichever refresh reads the new instance first (the change feed's, or the one
   * after) is the one that tells `onReplaced` listeners, so no view shows tabs of the old one.
   */
  async replace<T>(replace: () => Promise<T>): Promise<T> {
    // No refresh counts until the feed says the replacement committed (instanceReplaced sets it).
    const mark = (this.#replacement ??= { ticket: Infinity, before: this.repository });
    try {
      return await replace();
    } catch (err) {
      // Nothing was replaced: forget the mark (unless the feed said otherwise meanwhile).
      if (this.#replacement === mark && mark.ticket === Infinity) this.#replacement = null;
      throw err;
    }
  }

  /**
   * Reads the repository and the session again. A read that finishes after a newer one has landed
   * is dropped; one overtaken only by newer reads still under way is shown meanwhile (dropping it
   * too would show nothing while reads keep starting, as they do while the Company Data is seeded).
   * The session decides: without one, the repository is not shown (it may not be readable either).
   */
  async refresh(): Promise<void> {
    const ticket = ++this.#latest;
    this.loading = true;
    try {
      // Read together (one round trip's wait). Without a session the repository answers 401, so a
      // page that holds none does not ask; what a logged-out page read before is not kept on show.
      const asking = this.#reads.sessionId() !== null;
      const [repository, session] = await Promise.all([
        asking
          ? this.#reads.getRepository().catch((err: unknown) => {
              if (err instanceof SandboxApiError && err.status === 401) return null;
              throw err;
            })
          : null,
        this.#reads.currentSession(),
      ]);
      if (ticket < this.#landed) return;
      this.#landed = ticket;
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
      if (ticket > this.#landed) this.loadError = err instanceof Error ? err.message : String(err);
    } finally {
      if (ticket === this.#latest) this.loading = false;
    }
  }

  /**
   * Coalesces bursts of change notifications into one refresh, and keeps at most one of them
   * reading at a time: news that arrives while one reads asks for one more read after it.
   */
  refreshSoon(): void {
    // News before the page's first read (the code loads while a first visit seeds the instance,
    // before the simulated server answers) is news of nothing on show: that read comes anyway.
    if (this.#latest === 0) return;
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    if (this.#queued) return;
    this.#queued = setTimeout(() => {
      this.#queued = null;
      this.#inFlight = true;
      void this.refresh().finally(() => {
        this.#inFlight = false;
        if (this.#again) {
          this.#again = false;
          this.refreshSoon();
        }
      });
    }, 30);
  }
}

export const sandbox = new SandboxState(client);

/**
 * The tables the repository view (and the header's session) is read from, record counts included. The logs change on every
 * call and an API key's last use on every authenticated one; the views that show them (and the
 * keystore) follow the change feed themselves.
 */
const IN_REPOSITORY: readonly FeedTable[] = [
  'applications', 'appTables', 'screens', 'actionflows', 'roles', 'userGroups', 'users', 'sessions',
  // The record stores: the repository view counts each table's rows.
  'companies', 'orders', 'orderLines', 'additionalCompanies',
];

lessons.onChange((change: InstanceChange) => {
  if (change.kind !== 'session') for (const table of change.tables.keys()) sandbox.changes[table] = (sandbox.changes[table] ?? 0) + 1;
  if (change.kind === 'replaced') sandbox.instanceReplaced();
  else if (IN_REPOSITORY.some((table) => touches(change, table))) sandbox.refreshSoon();
});

// A tab coming back to the front reads again, so its header and views are never left naming what
// another tab changed meanwhile (its session ended there, or its user was changed).
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') sandbox.refreshSoon();
  });
}
