import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RepositoryView, SessionInfo } from '$client/index';
import { SandboxState } from '$ui/state/sandbox.svelte';

/** A read the test answers when it likes, so reads can land in any order. */
interface PendingRead {
  repository: (value: RepositoryView) => void;
  session: (value: SessionInfo | null) => void;
}

function fakeReads() {
  const pending: PendingRead[] = [];
  const reads = {
    sessionId: () => 'session-1',
    getRepository: () => new Promise<RepositoryView>((resolve) => pending.push({ repository: resolve, session: () => {} })),
    currentSession: () =>
      new Promise<SessionInfo | null>((resolve) => {
        pending[pending.length - 1]!.session = resolve;
      }),
  };
  return { reads, pending };
}

const repositoryNamed = (name: string) => ({ applications: [{ id: name, name }] }) as unknown as RepositoryView;
const session = { user: { login: 'trainee' } } as unknown as SessionInfo;

async function land(read: PendingRead, name: string): Promise<void> {
  read.repository(repositoryNamed(name));
  read.session(session);
  await vi.advanceTimersByTimeAsync(0);
}

const shown = (state: SandboxState) => (state.repository as unknown as { applications: { name: string }[] } | null)?.applications[0]?.name;

describe('the shared state reading the repository again', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('shows a read that newer reads, still under way, have overtaken: reads that keep starting never starve the page', async () => {
    const { reads, pending } = fakeReads();
    const state = new SandboxState(reads);
    void state.refresh();
    void state.refresh();
    void state.refresh();
    await land(pending[0]!, 'first');
    expect(state.session).toEqual(session);
    expect(shown(state)).toBe('first');
    expect(state.checked).toBe(true);
    await land(pending[2]!, 'third');
    expect(shown(state)).toBe('third');
  });

  it('drops a read that lands after a newer one has landed', async () => {
    const { reads, pending } = fakeReads();
    const state = new SandboxState(reads);
    void state.refresh();
    void state.refresh();
    await land(pending[1]!, 'newer');
    await land(pending[0]!, 'older');
    expect(shown(state)).toBe('newer');
  });

  it('keeps one coalesced read under way at a time, and reads once more for news that came meanwhile', async () => {
    const { reads, pending } = fakeReads();
    const state = new SandboxState(reads);
    void state.refresh();
    await land(pending[0]!, 'start');
    state.refreshSoon();
    state.refreshSoon();
    await vi.advanceTimersByTimeAsync(30);
    expect(pending).toHaveLength(2);
    // News while that read is under way: no other read yet, however often it comes.
    for (let i = 0; i < 5; i++) state.refreshSoon();
    await vi.advanceTimersByTimeAsync(100);
    expect(pending).toHaveLength(2);
    await land(pending[1]!, 'during');
    await vi.advanceTimersByTimeAsync(30);
    expect(pending).toHaveLength(3);
    await land(pending[2]!, 'after');
    expect(shown(state)).toBe('after');
    await vi.advanceTimersByTimeAsync(100);
    expect(pending).toHaveLength(3);
  });
});

describe('news before the first read', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('reads nothing for news that comes before the page has read anything (the server may not answer yet)', async () => {
    const { reads, pending } = fakeReads();
    const state = new SandboxState(reads);
    state.refreshSoon();
    await vi.advanceTimersByTimeAsync(100);
    expect(pending).toHaveLength(0);
    void state.refresh();
    await land(pending[0]!, 'first');
    state.refreshSoon();
    await vi.advanceTimersByTimeAsync(30);
    expect(pending).toHaveLength(2);
  });
});

describe('a page that holds no session', () => {
  it('does not ask for the repository (it would answer 401), and shows none', async () => {
    let asked = 0;
    const state = new SandboxState({
      sessionId: () => null,
      getRepository: async () => {
        asked++;
        return repositoryNamed('never');
      },
      currentSession: async () => null,
    });
    await state.refresh();
    expect(asked).toBe(0);
    expect(state.repository).toBeNull();
    expect(state.session).toBeNull();
    expect(state.checked).toBe(true);
  });
});
