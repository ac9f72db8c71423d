import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { untilControlled } from '../../../src/server/early-worker';

/** A service worker container whose registration holds a worker in `state` (none when null). */
function container(state: ServiceWorkerState | null, controlled = false) {
  const target = new EventTarget() as EventTarget & { controller: object | null; getRegistration(): Promise<unknown> };
  target.controller = controlled ? {} : null;
  const worker = state ? { state } : null;
  target.getRegistration = async () => (worker ? { installing: state === 'installing' ? worker : null, waiting: null, active: state === 'installing' ? null : worker } : undefined);
  const claim = () => {
    target.controller = {};
    target.dispatchEvent(new Event('controllerchange'));
  };
  return { sw: target as unknown as ServiceWorkerContainer, claim };
}

describe('untilControlled', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const settled = (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    return () => done;
  };

  it('resolves at once for a controlled page, or when nothing was registered early', async () => {
    await untilControlled(container('activated', true).sw);
    await untilControlled(container(null).sw);
    await untilControlled(undefined);
  });

  it('waits for an installing worker to take control of the page', async () => {
    const { sw, claim } = container('installing');
    const done = settled(untilControlled(sw));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(done()).toBe(false);
    claim();
    await vi.advanceTimersByTimeAsync(0);
    expect(done()).toBe(true);
  });

  it('gives up on a worker that never takes control, and leaves the rest to MSW', async () => {
    const { sw } = container('installing');
    const done = settled(untilControlled(sw));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(done()).toBe(true);
  });

  it('waits only briefly for an activated worker that does not control the page (a hard reload)', async () => {
    const { sw } = container('activated');
    const done = settled(untilControlled(sw));
    await vi.advanceTimersByTimeAsync(99);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });
});
