/**
 * Exclusion groups: only one actionflow of a group runs at a time. Group names are compared
 * case-insensitively. Within one page a set of held groups decides; across tabs the Web Locks API
 * (when the browser has it) does the same, so a second tab's run is refused too.
 */
const held = new Set<string>();

/** A held group; call `release()` when the run ends. */
export interface GroupLease {
  release(): void;
}

/** Tries to take `group` at once; resolves to null when another run holds it. Empty group: always free. */
export async function tryAcquireGroup(group: string): Promise<GroupLease | null> {
  const key = group.trim().toLowerCase();
  if (!key) return { release() {} };
  if (held.has(key)) return null;
  held.add(key);
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return { release: () => void held.delete(key) };
  let releaseLock!: () => void;
  const acquired = await new Promise<boolean>((resolve) => {
    locks
      .request(`actionflow-sandbox:exclusion:${key}`, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          return;
        }
        resolve(true);
        return new Promise<void>((done) => (releaseLock = done));
      })
      .catch(() => resolve(false));
  });
  if (!acquired) {
    held.delete(key);
    return null;
  }
  return {
    release: () => {
      held.delete(key);
      releaseLock();
    },
  };
}
