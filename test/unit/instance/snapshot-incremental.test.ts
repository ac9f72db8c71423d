/**
 * Incremental snapshots: after any sequence of changes (rows written and deleted in several tables,
 * audit entries added and trimmed, tables cleared, the instance replaced), the snapshot the
 * SnapshotReader builds from what the change feed named equals a snapshot read whole, and every
 * chapter's checks give the same verdicts on both (a property test). And it reads only what changed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '$domain/entities';
import type { InstanceSnapshot } from '$domain/snapshot';
import { onInstanceChange } from '$instance/change-feed';
import { InstanceDb } from '$instance/db';
import { contentsOfSeed, replaceInstance, type InstanceContents } from '$instance/reset';
import { loadTrainingInstanceSeed } from '$instance/seed-data';
import { CHECKED_TABLES, SNAPSHOT_TABLES, SnapshotReader, takeSnapshot } from '$instance/snapshot';
import { runCheck } from '$lessons/check';
import { registerChapters } from '$lessons/registry';

const chapters = registerChapters(import.meta.glob('../../../lessons/*/chapter.ts', { eager: true }));
const steps = chapters.flatMap((c) => c.steps);

/** The training instance's repository, without the Company Data (checks never read it). */
let repository: InstanceContents;
beforeAll(async () => {
  const { companies: _c, orders: _o, orderLines: _l, additionalCompanies: _a, ...rest } = contentsOfSeed(await loadTrainingInstanceSeed());
  repository = rest;
});

const NAMES = ['trainee', 'apiagent', 'Reporting', 'API Users', 'API Company Data', 'x1', 'x2'];
const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString();

type Op =
  | { op: 'role'; name: string; privileges: string[] }
  | { op: 'deleteRole'; index: number }
  | { op: 'user'; login: string; enabled: boolean }
  | { op: 'deleteUser'; index: number }
  | { op: 'group'; name: string; member: number }
  | { op: 'audit'; runAs: string; actionflow: string; status: number; minute: number }
  | { op: 'trimAudit'; count: number }
  | { op: 'key'; alias: string; secret: string }
  | { op: 'session'; user: number }
  | { op: 'clear'; table: 'roles' | 'apiKeys' | 'sessions' }
  | { op: 'replace' };

const name = fc.constantFrom(...NAMES);
const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('role' as const), name, privileges: fc.subarray(['Run Actionflow API', 'Read Company Data', 'Design']) }),
  fc.record({ op: fc.constant('deleteRole' as const), index: fc.nat(10) }),
  fc.record({ op: fc.constant('user' as const), login: name, enabled: fc.boolean() }),
  fc.record({ op: fc.constant('deleteUser' as const), index: fc.nat(10) }),
  fc.record({ op: fc.constant('group' as const), name, member: fc.nat(10) }),
  fc.record({ op: fc.constant('audit' as const), runAs: name, actionflow: name, status: fc.constantFrom(200, 401, 403), minute: fc.nat(59) }),
  fc.record({ op: fc.constant('trimAudit' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('key' as const), alias: fc.constantFrom('phixflow-api-key', 'other'), secret: fc.string({ minLength: 1, maxLength: 50 }) }),
  fc.record({ op: fc.constant('session' as const), user: fc.nat(10) }),
  fc.record({ op: fc.constant('clear' as const), table: fc.constantFrom('roles' as const, 'apiKeys' as const, 'sessions' as const) }),
  fc.constant({ op: 'replace' as const }),
);

async function apply(db: InstanceDb, op: Op): Promise<void> {
  const nth = async <T>(rows: Promise<T[]>, index: number) => {
    const all = await rows;
    return all.length === 0 ? undefined : all[index % all.length];
  };
  switch (op.op) {
    case 'role':
      return void (await db.roles.put({ id: `role-${op.name}`, applicationId: 'app-actionflow-advanced', name: op.name, description: '', privileges: op.privileges, userGroupIds: [] } as never));
    case 'deleteRole': {
      const r = await nth(db.roles.toArray(), op.index);
      if (r) await db.roles.delete(r.id);
      return;
    }
    case 'user':
      return void (await db.users.put({ id: `user-${op.login}`, login: op.login, firstName: 'A', surname: 'B', enabled: op.enabled, passwordHash: 'h', passwordSalt: 's', designer: false }));
    case 'deleteUser': {
      const u = await nth(db.users.toArray(), op.index);
      if (u) await db.users.delete(u.id);
      return;
    }
    case 'group': {
      const u = await nth(db.users.toArray(), op.member);
      return void (await db.userGroups.put({ id: `group-${op.name}`, name: op.name, description: '', userIds: u ? [u.id] : [] } as never));
    }
    case 'audit': {
      const entry: AuditEntry = { at: at(op.minute), runAs: op.runAs, runAsName: op.runAs, actionflow: op.actionflow, endpoint: '/x', outcome: op.status === 200 ? 'success' : 'refused', status: op.status, code: null, reason: null } as AuditEntry;
      return void (await db.audit.add(entry));
    }
    case 'trimAudit': {
      const oldest = await db.audit.orderBy('id').limit(op.count).primaryKeys();
      return void (await db.audit.bulkDelete(oldest));
    }
    case 'key':
      return void (await db.keystore.put({ alias: op.alias, secret: op.secret } as never));
    case 'session': {
      const u = await nth(db.users.toArray(), op.user);
      if (u) await db.sessions.put({ id: 'session-1', userId: u.id, createdAt: at(0), privileges: [] } as never);
      return;
    }
    case 'clear':
      return void (await db.table(op.table).clear());
    case 'replace':
      return replaceInstance(db, repository);
  }
}

/** Every step's verdict on a snapshot. */
const verdicts = (s: InstanceSnapshot) => steps.map((step) => runCheck(step, s));

describe('incremental snapshots', () => {
  const opened: InstanceDb[] = [];
  afterAll(() => {
    for (const db of opened) db.close();
  });

  async function fresh() {
    const db = new InstanceDb(`incremental-${crypto.randomUUID()}`);
    opened.push(db);
    await replaceInstance(db, repository);
    const reader = new SnapshotReader(db);
    const stop = onInstanceChange((change) => reader.noteChange(change), db.name);
    return { db, reader, stop };
  }

  it('gives the same snapshot and the same verdicts as a whole read, after any changes', async () => {
    expect(steps.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(ops, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.option(fc.nat(59), { nil: null }), async (batches, sinceMinute) => {
        const { db, reader, stop } = await fresh();
        const since = sinceMinute === null ? null : at(sinceMinute);
        try {
          await reader.read('session-1', since);
          for (const batch of batches) {
            for (const op of batch) await apply(db, op);
            const incremental = await reader.read('session-1', since);
            const whole = await takeSnapshot(db, 'session-1', since);
            expect(incremental).toEqual(whole);
            expect(verdicts(incremental)).toEqual(verdicts(whole));
          }
        } finally {
          stop();
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads again only the rows a change named, and the audit window, never the whole trail', async () => {
    const { db, reader, stop } = await fresh();
    try {
      await db.audit.bulkAdd(Array.from({ length: 500 }, (_, i) => ({ at: at(0), runAs: 'x', runAsName: 'x', actionflow: 'old', endpoint: '/', outcome: 'success', status: 200, code: null, reason: null }) as AuditEntry));
      await reader.read(null, at(30));
      const before = reader.rowsRead;
      await db.roles.put({ id: 'role-new', applicationId: 'app', name: 'New', description: '', privileges: [], userGroupIds: [] } as never);
      await db.audit.add({ at: at(31), runAs: 'x', runAsName: 'x', actionflow: 'new', endpoint: '/', outcome: 'success', status: 200, code: null, reason: null } as AuditEntry);
      const s = await reader.read(null, at(30));
      expect(reader.rowsRead - before).toBe(2);
      expect(s.audit.count({})).toBe(1);
      expect(s.audit.entries({ actionflow: 'new' })).toHaveLength(1);
      expect(s.roles.some((r) => r.id === 'role-new')).toBe(true);
    } finally {
      stop();
    }
  });
});

describe('the tables live checks follow', () => {
  it('are every table a snapshot list comes from, and the audit trail', () => {
    expect([...CHECKED_TABLES].sort()).toEqual([...Object.values(SNAPSHOT_TABLES), 'audit'].sort());
    expect(CHECKED_TABLES).toContain('companies');
    expect(CHECKED_TABLES).not.toContain('requestLog');
  });
});
