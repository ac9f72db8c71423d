import { describe, expect, it } from 'vitest';
import { runCheck } from '$lessons/check';
import { snapshotWith } from './fake-chapter';

describe('runCheck', () => {
  it('returns what the check says', () => {
    const step = { title: 'Create the API role', check: () => ({ ok: false as const, reason: 'No role yet.', focus: 'roles' }) };
    expect(runCheck(step, snapshotWith())).toEqual({ ok: false, reason: 'No role yet.', focus: 'roles' });
  });

  it('turns an exception into a failure naming the step', () => {
    const step = {
      title: 'Create the API role',
      check: () => {
        throw new Error('roles is not iterable');
      },
    };
    expect(runCheck(step, snapshotWith())).toEqual({
      ok: false,
      reason: 'The check of step "Create the API role" could not run: roles is not iterable',
    });
  });

  it('turns a malformed verdict into a failure naming the step', () => {
    const step = { title: 'Create the API role', check: () => ({ ok: false, reason: '' }) as never };
    expect(runCheck(step, snapshotWith())).toEqual({
      ok: false,
      reason: 'The check of step "Create the API role" gave no verdict (it must return { ok: true } or { ok: false, reason }).',
    });
  });
});
