import { describe, expect, it } from 'vitest';
import { startVerdict } from '$lessons/start-checks';
import type { Chapter } from '$lessons/types';
import { fakeChapter, snapshotWith } from './fake-chapter';

const chapter = (startChecks?: Chapter['startChecks']): Chapter => ({ ...fakeChapter({ roles: new Set() }), startChecks });

const hasRole = (name: string) => ({
  title: `The role ${name} exists`,
  check: (s: ReturnType<typeof snapshotWith>) =>
    s.roles.some((r) => r.name === name) ? { ok: true as const } : { ok: false as const, reason: `There is no role ${name}.` },
});

describe('startVerdict', () => {
  it('lets the learner keep their instance when every start check passes', () => {
    expect(startVerdict(chapter([hasRole('base'), hasRole('other')]), snapshotWith('base', 'other'))).toEqual({ canKeep: true });
  });

  it('lists the reason of every start check that fails, in order', () => {
    expect(startVerdict(chapter([hasRole('base'), hasRole('other'), hasRole('third')]), snapshotWith('other'))).toEqual({
      canKeep: false,
      reasons: ['There is no role base.', 'There is no role third.'],
    });
  });

  it('turns a start check that throws into a reason naming it', () => {
    const broken = { title: 'Broken', check: () => { throw new Error('boom'); } };
    expect(startVerdict(chapter([broken]), snapshotWith())).toEqual({
      canKeep: false,
      reasons: ['The check of the start check "Broken" of A fake chapter could not run: boom'],
    });
  });

  it('never offers to keep the instance for a chapter without start checks', () => {
    const verdict = startVerdict(chapter(), snapshotWith());
    expect(verdict.canKeep).toBe(false);
  });
});
