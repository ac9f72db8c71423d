/**
 * The lesson runtime: the one owner of the lesson engine's handle on the instance database. It
 * takes the snapshots checks run on (incrementally, fed by the change feed), reads and saves
 * progress (merged with other tabs'), hands out the change feed, and runs the instructor's resets
 * so that instance and progress change together, in one transaction. The UI reaches the instance
 * only through this and the client (`$client`), never through `$instance`.
 */
import { FRESH_FIXTURE, type FixtureName } from '$domain/fixtures';
import type { SandboxClient } from '$client/index';
import type { InstanceSnapshot } from '$domain/snapshot';
import { onInstanceChange, type InstanceChange, type InstanceChangeListener } from '$instance/change-feed';
import { DEFAULT_DB_NAME, InstanceDb } from '$instance/db';
import { sameValue } from '$instance/reset';
import { SnapshotReader, takeSnapshot } from '$instance/snapshot';
export { CHECKED_TABLES } from '$instance/snapshot';
import Dexie from 'dexie';
import { FastForwardError, fastForward } from './fast-forward';
import { listProgress, loadProgress, saveProgress, type Progress } from './progress';
import type { Chapter, Step } from './types';

export type { InstanceChange, InstanceChangeListener } from '$instance/change-feed';
export { idsOf, touches, type ChangedIds, type FeedTable } from '$instance/change-feed';

/** The login a reset-to-step's scratch instance runs the solutions as (a fresh learner's). */
export interface Login {
  login: string;
  password: string;
}

/** Progress of a reset to step N: which solution runs, of how many. */
export interface FastForwardProgress {
  running: number;
  total: number;
  title: string;
}

/** Options of a reset to step N. */
export interface ResetToStepOptions {
  /** Who the solutions run as on the scratch instance (the trainee). */
  login: Login;
  onProgress?: (progress: FastForwardProgress) => void;
  /** Called at named moments (tests throw from it, as a page closed there would stop). */
  onMoment?: (moment: 'scratchSeeded' | 'solutionRan' | 'beforeReplace') => void;
  now?: () => number;
}

/** Scratch instances are named `<prefix><ms since epoch>-<uuid>` (the server accepts only those). */
const SCRATCH_PREFIX = 'actionflow-sandbox-scratch-';
/** A scratch instance older than this was left by a page closed midway: it is deleted. */
const SCRATCH_MAX_AGE_MS = 10 * 60_000;

/** Deletes scratch instances a page closed midway left behind (best effort: where listing works). */
async function sweepScratch(now = Date.now()): Promise<void> {
  try {
    const names = await Dexie.getDatabaseNames();
    for (const name of names) {
      if (!name.startsWith(SCRATCH_PREFIX)) continue;
      const started = Number(name.slice(SCRATCH_PREFIX.length).split('-')[0]);
      if (Number.isFinite(started) && now - started > SCRATCH_MAX_AGE_MS) await Dexie.delete(name);
    }
  } catch {
    // Listing databases is not available everywhere; a leftover costs only disk space.
  }
}

export class LessonRuntime {
  readonly #db: InstanceDb;
  readonly #client: SandboxClient;
  readonly #reader: SnapshotReader;
  /** Per chapter: the progress this tab saved last, to tell its own writes from another tab's. */
  readonly #ownWrites = new Map<string, Progress>();
  readonly #stopFeed: () => void;

  constructor(client: SandboxClient, dbName: string = DEFAULT_DB_NAME) {
    this.#db = new InstanceDb(dbName);
    this.#client = client;
    this.#reader = new SnapshotReader(this.#db);
    // Registered first, so the reader knows what is stale before anyone reads after a change.
    this.#stopFeed = onInstanceChange((change) => this.#reader.noteChange(change), dbName);
    void sweepScratch();
  }

  get dbName(): string {
    return this.#db.name;
  }

  /** Listens to the change feed (this tab's and other tabs' writes); returns the stop function. */
  onChange(listener: InstanceChangeListener): () => void {
    return onInstanceChange(listener, this.#db.name);
  }

  /** The instance as checks see it now, with this page's session; audit since `auditSince`. */
  snapshot(auditSince: string | null = null): Promise<InstanceSnapshot> {
    return this.#reader.read(this.#client.sessionId(), auditSince);
  }

  /** The same, read whole (no cache): for start checks and comparisons. */
  fullSnapshot(auditSince: string | null = null): Promise<InstanceSnapshot> {
    return takeSnapshot(this.#db, this.#client.sessionId(), auditSince);
  }

  /** Rows the incremental snapshots have read in all (the benchmark reports it). */
  get rowsRead(): number {
    return this.#reader.rowsRead;
  }

  loadProgress(chapterId: string): Promise<Progress | null> {
    return loadProgress(this.#db, chapterId);
  }

  listProgress(): Promise<Progress[]> {
    return listProgress(this.#db);
  }

  /** Saves progress merged with what other tabs saved; resolves to what is stored now. */
  async saveProgress(progress: Progress): Promise<Progress> {
    // What this tab knew is recorded as its own: when the merge brought in another tab's facts, the
    // stored progress differs, and the panel follows it (see progressChangedElsewhere).
    return saveProgress(this.#db, progress.chapterId, progress, () => this.#ownWrites.set(progress.chapterId, structuredClone(progress)));
  }

  /**
   * True when the progress stored for `chapterId` is not the one this tab saved last: another tab
   * (or a merge with one) changed it, and a panel showing it should read it again.
   */
  async progressChangedElsewhere(chapterId: string): Promise<boolean> {
    const stored = await this.loadProgress(chapterId).catch(() => null);
    return !sameValue(stored, this.#ownWrites.get(chapterId) ?? null);
  }

  /** Forgets a chapter's progress ('all': every chapter's) without touching the instance. */
  async clearProgress(chapterId: string | 'all'): Promise<void> {
    const target = this.#db.durable;
    if (chapterId === 'all') {
      await target.progress.clear();
      this.#ownWrites.clear();
    } else {
      await target.progress.delete(chapterId);
      this.#ownWrites.delete(chapterId);
    }
  }

  /**
   * The start state `fixture` (the fresh training instance by default), and in the same transaction
   * the progress of `clear` forgotten ('all', or the chapters named): a page closed midway leaves
   * both as they were.
   */
  async resetInstance(clear: 'all' | readonly string[], fixture: FixtureName = FRESH_FIXTURE): Promise<void> {
    await this.#client.resetInstance({ fixture, progress: { clear, put: [] } });
    if (clear === 'all') this.#ownWrites.clear();
    else for (const id of clear) this.#ownWrites.delete(id);
  }

  /**
   * Reset to step N (`stepIndex` from 0) of `chapter`: the target state is built first on a scratch
   * instance (a database of its own, served by a server of its own in this page: the steps'
   * solutions run there, each checked), then the instance and the chapter's progress (steps before
   * N set by the instructor) are replaced together, in one durable transaction, by the server's
   * reset. Until that commits the instance and progress stay as they were, whatever happens.
   * @throws {FastForwardError} naming the step whose solution failed (nothing was changed)
   */
  async resetToStep(chapter: Chapter, stepIndex: number, options: ResetToStepOptions): Promise<void> {
    const [{ inPageServer }, { createSandboxClient }, { resetInstance }] = await Promise.all([
      import('$server/in-page'),
      import('$client/index'),
      import('$instance/reset'),
    ]);
    const scratch = new InstanceDb(`${SCRATCH_PREFIX}${Date.now()}-${crypto.randomUUID()}`);
    try {
      await resetInstance(scratch, { fixture: chapter.startFixture });
      options.onMoment?.('scratchSeeded');
      const origin = globalThis.location?.origin ?? 'http://localhost';
      // Every call of the scratch instance is answered by its own server, HTTP actions' calls to
      // this origin included (those would otherwise reach the real instance's service worker).
      const answer = inPageServer(scratch, origin);
      let sessionId: string | null = null;
      const scratchClient = createSandboxClient({
        origin,
        sessionStore: { get: () => sessionId, set: (id) => void (sessionId = id) },
        fetch: answer,
      });
      await scratchClient.login(options.login);
      const progress = await fastForward(chapter, stepIndex, scratchClient, {
        onProgress: ({ index, total, step }) => {
          if (index > 0) options.onMoment?.('solutionRan');
          options.onProgress?.({ running: index + 1, total, title: step.title });
        },
        readSnapshot: () => takeSnapshot(scratch, scratchClient.sessionId()),
        ...(options.now ? { now: options.now } : {}),
      });
      options.onMoment?.('beforeReplace');
      await this.#client.resetInstance({ from: scratch.name, progress: { clear: [chapter.id], put: [{ chapterId: chapter.id, value: progress }] } });
      this.#ownWrites.delete(chapter.id);
    } finally {
      scratch.close();
      await scratch.delete().catch(() => undefined);
    }
  }

  close(): void {
    this.#stopFeed();
    this.#db.close();
  }
}

export { FastForwardError };
export type { Step };
