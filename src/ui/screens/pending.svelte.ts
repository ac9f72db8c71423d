/**
 * Work in progress that the UI shows only once it is slow: `active` is true while any tracked promise
 * runs, `slow` once one has run longer than the delay (300 ms by default), so quick reads never flash
 * a spinner and slow ones always show progress.
 */
export class Pending {
  active = $state(false);
  slow = $state(false);
  #running = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #delayMs: number;

  /** @param delayMs how long work may run before it counts as slow. */
  constructor(delayMs = 300) {
    this.#delayMs = delayMs;
  }

  /** Tracks `work` until it settles, and returns it. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.#start();
    try {
      return await work;
    } finally {
      this.#finish();
    }
  }

  #start(): void {
    this.#running += 1;
    this.active = true;
    if (this.#timer === null && !this.slow) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (this.#running > 0) this.slow = true;
      }, this.#delayMs);
    }
  }

  #finish(): void {
    this.#running -= 1;
    if (this.#running > 0) return;
    this.active = false;
    this.slow = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** The sentence of an error, whatever was thrown. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
