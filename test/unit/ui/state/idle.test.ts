import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstPaint } from '../../../../src/ui/state/idle';

describe('afterFirstPaint', () => {
  let frames: FrameRequestCallback[];
  let idle: IdleRequestCallback[];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    idle = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal('requestIdleCallback', (callback: IdleRequestCallback) => idle.push(callback));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  const settled = (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    return () => done;
  };

  it('waits for the next frame, then for the page to be idle', async () => {
    const done = settled(afterFirstPaint());
    await vi.advanceTimersByTimeAsync(500);
    expect(done()).toBe(false);
    frames.shift()!(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(false);
    // The frame came: the background tab's fallback no longer applies.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done()).toBe(false);
    idle.shift()!({ didTimeout: false, timeRemaining: () => 10 });
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it('does not wait for frames a background tab never draws', async () => {
    const done = settled(afterFirstPaint());
    await vi.advanceTimersByTimeAsync(999);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });
});
