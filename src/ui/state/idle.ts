/**
 * Background work that must not hold up what the learner is about to see: it waits until the
 * browser has drawn the next frame and then has a quiet moment (or 2 s have passed). A page in a
 * background tab draws no frames: there it waits 1 s instead.
 */

/** Resolves once the next frame is drawn and the page's thread is idle. */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(fallback);
      resolve();
    };
    const fallback = setTimeout(finish, 1_000);
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      // A task after the frame's callbacks: the frame is being drawn, not about to be.
      setTimeout(() => {
        if (typeof requestIdleCallback === 'function') requestIdleCallback(finish, { timeout: 2_000 });
        else finish();
      }, 0);
    });
  });
}
