/**
 * The browser's storage running out: recognising the error, and saying so in a sentence. IndexedDB
 * refuses a write with `QuotaExceededError` (Dexie may wrap it, or report the transaction aborted
 * with it as the inner error); the write then changed nothing.
 */

/** True when `err` (or an error it wraps) says the browser's storage quota is used up. */
export function isQuotaError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, inner } = e as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    e = inner;
  }
  return false;
}

/** What the learner is told when storage is full (completes "… was not saved"). */
export function storageFullSentence(what: string): string {
  return `The browser has no more room for the sandbox's data, so ${what} was not saved. Free some space and try again: export the instance and reset it (that empties the trails), or clear other sites' data in the browser's settings.`;
}
