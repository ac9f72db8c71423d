/**
 * Background work that must not hold up what the learner is about to see: it waits until the
 * browser has drawn the next frame and then has a quiet moment (or 2 s have passed).
 */

/** Resolves once the next frame is drawn and the page's thread is idle. */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      // A task after the frame's callbacks: the frame is being drawn, not about to be.
      setTimeout(() => {
        if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(), { timeout: 2_000 });
        else resolve();
      }, 0);
    });
  });
}
