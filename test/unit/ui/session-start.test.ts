import { describe, expect, it } from 'vitest';
import { LOGGED_OUT_KEY, loggedOutOnPurpose, setLoggedOutOnPurpose, startupAction, type FlagStore } from '$ui/session/session-start';

function memoryStore(): FlagStore & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('startupAction', () => {
  it('keeps a live session, logs a fresh learner in, and asks after an explicit log out', () => {
    expect(startupAction(true, false)).toBe('keep');
    expect(startupAction(true, true)).toBe('keep');
    expect(startupAction(false, false)).toBe('auto-login');
    expect(startupAction(false, true)).toBe('ask');
  });
});

describe('the logged-out flag', () => {
  it('is set by a log out and cleared by a log in', () => {
    const store = memoryStore();
    expect(loggedOutOnPurpose(store)).toBe(false);
    setLoggedOutOnPurpose(true, store);
    expect(store.items.get(LOGGED_OUT_KEY)).toBe('1');
    expect(loggedOutOnPurpose(store)).toBe(true);
    setLoggedOutOnPurpose(false, store);
    expect(loggedOutOnPurpose(store)).toBe(false);
  });

  it('reads as not set when storage is missing or blocked', () => {
    const blocked: FlagStore = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('blocked');
      },
      removeItem: () => {
        throw new Error('blocked');
      },
    };
    expect(loggedOutOnPurpose(null)).toBe(false);
    expect(loggedOutOnPurpose(blocked)).toBe(false);
    expect(() => setLoggedOutOnPurpose(true, blocked)).not.toThrow();
  });
});
