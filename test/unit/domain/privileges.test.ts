import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIVILEGES, RUN_ACTIONS, USE_API_KEY, hasPrivilege, isKnownPrivilege, privilegesOf, type PrivilegeGraph } from '$domain/privileges';

const graph = (): PrivilegeGraph => ({
  users: [
    { id: 'u-agent', enabled: true },
    { id: 'u-trainee', enabled: true },
    { id: 'u-off', enabled: false },
  ],
  userGroups: [
    { id: 'g-api', userIds: ['u-agent', 'u-off'] },
    { id: 'g-trainers', userIds: ['u-trainee'] },
    { id: 'g-empty', userIds: [] },
  ],
  roles: [
    { id: 'r-token', privileges: [USE_API_KEY], userGroupIds: ['g-api'] },
    { id: 'r-design', privileges: [RUN_ACTIONS, 'Design Applications'], userGroupIds: ['g-trainers', 'g-api'] },
    { id: 'r-unused', privileges: ['Export Data'], userGroupIds: ['g-empty'] },
  ],
});

describe('the privilege catalogue', () => {
  it('holds Use API Key and Run Actions, with unique names', () => {
    const names = PRIVILEGES.map((p) => p.name);
    expect(names).toContain('Use API Key');
    expect(names).toContain('Run Actions');
    expect(new Set(names).size).toBe(names.length);
    expect(isKnownPrivilege('Use API Key')).toBe(true);
    expect(isKnownPrivilege('use api key')).toBe(false);
    expect(isKnownPrivilege('Fly')).toBe(false);
  });
});

describe('privilegesOf: user → user groups → roles → privileges', () => {
  it('collects the privileges of every role holding a group the user is in, sorted without duplicates', () => {
    expect(privilegesOf('u-agent', graph())).toEqual(['Design Applications', 'Run Actions', 'Use API Key']);
    expect(privilegesOf('u-trainee', graph())).toEqual(['Design Applications', 'Run Actions']);
  });

  it('gives nothing to a disabled or unknown user', () => {
    expect(privilegesOf('u-off', graph())).toEqual([]);
    expect(privilegesOf('nobody', graph())).toEqual([]);
  });

  it('loses a privilege when the user leaves the group, the group leaves the role, or the role drops it', () => {
    const outOfGroup = graph();
    outOfGroup.userGroups[0]!.userIds = [];
    expect(hasPrivilege('u-agent', USE_API_KEY, outOfGroup)).toBe(false);
    const groupOutOfRole = graph();
    groupOutOfRole.roles[0]!.userGroupIds = [];
    expect(hasPrivilege('u-agent', USE_API_KEY, groupOutOfRole)).toBe(false);
    const dropped = graph();
    dropped.roles[0]!.privileges = [];
    expect(hasPrivilege('u-agent', USE_API_KEY, dropped)).toBe(false);
    expect(hasPrivilege('u-agent', USE_API_KEY, graph())).toBe(true);
  });

  it('equals the union over the chain for any graph (property)', () => {
    const ids = ['a', 'b', 'c', 'd'];
    const names = PRIVILEGES.map((p) => p.name);
    const arbitraryGraph = fc.record({
      users: fc.constantFrom(...[ids]).chain((us) => fc.tuple(...us.map((id) => fc.record({ id: fc.constant(id), enabled: fc.boolean() })))),
      userGroups: fc.array(fc.record({ id: fc.constantFrom('g1', 'g2', 'g3'), userIds: fc.subarray(ids) }), { maxLength: 3 }),
      roles: fc.array(fc.record({ id: fc.constantFrom('r1', 'r2', 'r3'), privileges: fc.subarray(names), userGroupIds: fc.subarray(['g1', 'g2', 'g3']) }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(arbitraryGraph, fc.constantFrom(...ids), (g, userId) => {
        const result = privilegesOf(userId, g);
        expect(result).toEqual([...new Set(result)].sort());
        const user = g.users.find((u) => u.id === userId)!;
        const expected = new Set<string>();
        if (user.enabled) {
          for (const role of g.roles) {
            const reaches = role.userGroupIds.some((gid) => g.userGroups.some((grp) => grp.id === gid && grp.userIds.includes(userId)));
            if (reaches) role.privileges.forEach((p) => expected.add(p));
          }
        }
        expect(result).toEqual([...expected].sort());
      }),
    );
  });
});
