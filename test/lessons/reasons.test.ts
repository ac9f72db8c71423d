/** Each failing check names the one thing that is wrong (issue 13, item 9). */
import { describe, expect, it } from 'vitest';
import type { InstanceSnapshot } from '$domain/snapshot';
import { registerChapters } from '$lessons/registry';
import { snapshotWith } from '../unit/lessons/fake-chapter';

const chapters = registerChapters(import.meta.glob('../../lessons/*/chapter.ts', { eager: true }));
const stepOf = (chapterId: string, stepId: string) => chapters.find((c) => c.id === chapterId)!.steps.find((s) => s.id === stepId)!;

function instance(parts: { role?: boolean; group?: boolean }): InstanceSnapshot {
  const s = snapshotWith();
  if (parts.role) s.roles = [{ id: 'r1', applicationId: 'app-actionflow-advanced', name: 'GenerateAPIToken', description: '', privileges: [], userGroupIds: [] }];
  if (parts.group) s.userGroups = [{ id: 'g1', name: 'APIUsers', description: '', userIds: [] }];
  return s;
}

describe('the reasons of chapter 3.02 and its exercise', () => {
  const addGroupToRole = stepOf('add-authentication', 'add-group-to-role');

  it('step 6 says which of the role or the group is missing', () => {
    expect(addGroupToRole.check(instance({ group: true }))).toMatchObject({ ok: false, reason: expect.stringContaining('There is no role named GenerateAPIToken') });
    expect(addGroupToRole.check(instance({ role: true }))).toMatchObject({ ok: false, reason: expect.stringContaining('There is no user group named APIUsers') });
    expect(addGroupToRole.check(instance({ role: true, group: true }))).toMatchObject({
      ok: false,
      reason: 'The role GenerateAPIToken does not contain the user group APIUsers yet.',
    });
  });

  it("the exercise's group task says which of the user or the group is missing", () => {
    const task = stepOf('exercise-reporting-access', 'reporting-group');
    expect(task.check(snapshotWith())).toMatchObject({ ok: false, reason: 'There is no user reportagent to put in a group yet (task 2).' });
  });
});
