/**
 * Exclusion groups: only one actionflow of a group runs at a time. Group names are compared
 * case-insensitively and checked before a run starts. In the browser the Web Locks API decides, so
 * a run in a second tab is refused too; a second lock, held alongside, names the running
 * actionflow so the refusal can say which one is running. Without Web Locks (node tests), one
 * in-memory table per process stands in for the browser's, so two server contexts behave like two
 * tabs.
 */

/** A held group; call `release()` when the run has ended. */
export interface GroupLease {
  release(): void;
}

/** Either the group was taken, or who holds it (the actionflow's name, when known). */
export type GroupAttempt = { ok: true; lease: GroupLease } | { ok: false; heldBy: string | null };

/** Where exclusion groups are held. */
export interface GroupLocks {
  tryAcquire(group: string, holder: string): Promise<GroupAttempt>;
}

const PREFIX = 'actionflow-sandbox:exclusion:';
const HOLDER_PREFIX = 'actionflow-sandbox:exclusion-holder:';

/** The group's key: trimmed and lower-cased (empty: no group). */
export function groupKey(group: string): string {
  return group.trim().toLowerCase();
}

const FREE: GroupAttempt = { ok: true, lease: { release() {} } };

/** Locks held in this process only (node, or a browser without Web Locks). */
export function memoryGroupLocks(held: Map<string, string> = sharedMemoryTable): GroupLocks {
  return {
    async tryAcquire(group, holder) {
      const key = groupKey(group);
      if (!key) return FREE;
      if (held.has(key)) return { ok: false, heldBy: held.get(key) ?? null };
      held.set(key, holder);
      let released = false;
      return {
        ok: true,
        lease: {
          release: () => {
            if (released) return;
            released = true;
            held.delete(key);
          },
        },
      };
    },
  };
}

const sharedMemoryTable = new Map<string, string>();

/** Locks shared by every tab of the origin, through the Web Locks API. */
export function webGroupLocks(locks: LockManager): GroupLocks {
  const local = new Map<string, string>();
  const hold = (name: string) =>
    new Promise<(() => void) | null>((resolve) => {
      locks
        .request(name, { ifAvailable: true }, (lock) => {
          if (!lock) {
            resolve(null);
            return;
          }
          return new Promise<void>((done) => resolve(done));
        })
        .catch(() => resolve(null));
    });
  return {
    async tryAcquire(group, holder) {
      const key = groupKey(group);
      if (!key) return FREE;
      if (local.has(key)) return { ok: false, heldBy: local.get(key) ?? null };
      local.set(key, holder);
      const release = await hold(`${PREFIX}${key}`);
      if (!release) {
        local.delete(key);
        return { ok: false, heldBy: await holderOf(locks, key) };
      }
      const name = `${HOLDER_PREFIX}${key}:${encodeURIComponent(holder)}:${crypto.randomUUID()}`;
      const releaseName = await hold(name);
      let released = false;
      return {
        ok: true,
        lease: {
          release: () => {
            if (released) return;
            released = true;
            local.delete(key);
            releaseName?.();
            release();
          },
        },
      };
    },
  };
}

async function holderOf(locks: LockManager, key: string): Promise<string | null> {
  try {
    const state = await locks.query();
    const prefix = `${HOLDER_PREFIX}${key}:`;
    const name = state.held?.find((l) => l.name?.startsWith(prefix))?.name;
    if (!name) return null;
    return decodeURIComponent(name.slice(prefix.length).split(':')[0] ?? '') || null;
  } catch {
    return null;
  }
}

/** The page's locks: Web Locks where the browser has them, this process's table otherwise. */
export function defaultGroupLocks(): GroupLocks {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? webGroupLocks(locks) : memoryGroupLocks();
}
