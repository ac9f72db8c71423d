/**
 * A fake chapter and a fake instance for the lesson engine's tests: step `x` passes when the
 * instance has a role named `x`; each step's solution adds that role.
 */
import { FIXTURE } from '$domain/fixtures';
import { auditTrailOf } from '$domain/snapshot';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter, Step } from '$lessons/types';

/** The fake instance: the names of the roles it holds. */
export interface FakeInstance {
  roles: Set<string>;
}

/** A snapshot of an instance holding roles named `roleNames` (nothing else). */
export function snapshotWith(...roleNames: string[]): InstanceSnapshot {
  return {
    applications: [],
    tables: [],
    screens: [],
    actionflows: [],
    roles: roleNames.map((name) => ({ id: name, applicationId: 'app', name, description: '', privileges: [], userGroupIds: [] })),
    userGroups: [],
    users: [],
    keystore: [],
    apiKeys: [],
    sessions: [],
    currentSessionId: null,
    audit: auditTrailOf([]),
  };
}

/** A step that passes when the instance holds a role named `id`. */
export function fakeStep(id: string, instance: FakeInstance, extra: Partial<Step> = {}): Step {
  return {
    id,
    title: `Create role ${id}`,
    text: `Create a role named **${id}**.`,
    check: (snapshot) =>
      snapshot.roles.some((r) => r.name === id)
        ? { ok: true }
        : { ok: false, reason: `There is no role named ${id} yet.`, focus: `role:${id}` },
    hints: ['Open the roles list.', `Click New and type ${id}.`],
    solve: async () => {
      instance.roles.add(id);
    },
    ...extra,
  };
}

/** A chapter of steps `ids` over `instance`. */
export function fakeChapter(instance: FakeInstance, ids: string[] = ['step-a', 'step-b', 'step-c'], kind: Chapter['kind'] = 'chapter'): Chapter {
  return {
    id: kind === 'exercise' ? 'fake-exercise' : 'fake-chapter',
    title: 'A fake chapter',
    summary: 'Steps that each create one role.',
    kind,
    prerequisites: [],
    startFixture: FIXTURE.trainingInstance,
    steps: ids.map((id, i) => fakeStep(id, instance, kind === 'exercise' ? { points: i + 1 } : {})),
  };
}
