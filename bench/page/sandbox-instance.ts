// A training instance with the simulated server running in this page, for suites that call it the
// way the sandbox does (through the service worker).
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import { realClock } from '$domain/expression';
import { InstanceDb } from '$instance/db';
import { resetInstance } from '$instance/reset';
import { createHandlers } from '$server/handlers';

/** A bare handler answering a constant, the baseline of round-trip measures. */
export const CONSTANT_PATH = '/bench/constant';

/** Resets a fresh instance named `name` and starts the worker over it (plus the constant handler). */
export async function startBenchInstance(name: string): Promise<InstanceDb> {
  const db = new InstanceDb(name);
  await resetInstance(db);
  const ctx = { db, clock: realClock, fetch: (i: string, init?: RequestInit) => fetch(i, init), origin: location.origin };
  const constant: HttpHandler = http.get(`*${CONSTANT_PATH}`, () => HttpResponse.json({ ok: true }));
  const worker = setupWorker(constant, ...createHandlers(ctx));
  await worker.start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true });
  return db;
}

/** Resolves once `test()` holds, checking on every animation frame; rejects after `timeoutMs`. */
export function until(test: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (test()) resolve();
      else if (performance.now() - start > timeoutMs) reject(new Error(`Timed out waiting for ${what}.`));
      else requestAnimationFrame(poll);
    };
    poll();
  });
}

/** The value at percentile `p` (0–100) of `values`. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
