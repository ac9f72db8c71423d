import { describe, expect, it } from 'vitest';
import { createManualClock, realClock } from '$domain/expression';

describe('createManualClock', () => {
  it('starts at the given time, or at 2025-01-01T00:00:00Z', () => {
    expect(createManualClock().now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(createManualClock(new Date('2020-05-05T05:05:05.000Z')).now().toISOString()).toBe('2020-05-05T05:05:05.000Z');
  });

  it('wakes sleeps only when time reaches them, earliest first', async () => {
    const clock = createManualClock();
    const woke: string[] = [];
    const long = clock.sleep(3_000).then(() => woke.push('long'));
    const short = clock.sleep(1_000).then(() => woke.push('short'));
    expect(clock.pendingSleeps).toBe(2);
    clock.advance(999);
    await Promise.resolve();
    expect(woke).toEqual([]);
    clock.advance(5_000);
    await Promise.all([long, short]);
    expect(woke).toEqual(['short', 'long']);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('resolves a zero or negative sleep at once', async () => {
    const clock = createManualClock();
    await clock.sleep(0);
    await clock.sleep(-5);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('whenSleeping resolves once something sleeps', async () => {
    const clock = createManualClock();
    let noticed = false;
    const watching = clock.whenSleeping().then(() => {
      noticed = true;
    });
    await Promise.resolve();
    expect(noticed).toBe(false);
    const sleeping = clock.sleep(10);
    await watching;
    expect(noticed).toBe(true);
    await clock.whenSleeping();
    clock.advance(10);
    await sleeping;
  });

  it('does not move backwards', () => {
    const clock = createManualClock();
    clock.advance(-1_000);
    expect(clock.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
  });
});

describe('realClock', () => {
  it('tells the current time and sleeps with timers', async () => {
    expect(realClock.now()).toBeInstanceOf(Date);
    await expect(realClock.sleep(1)).resolves.toBeUndefined();
  });
});
