/**
 * The typed change feed: one InstanceChange per committed write, naming each table and the ids it
 * touched, heard the same way whichever connection (this page's, the durable one, another tab's)
 * wrote; a replacement (reset, import) is told apart; nothing is heard for other databases.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { announceRunsChange, announceSessionChange, idsOf, keysOfRangeSet, onInstanceChange, touches, type InstanceChange } from '$instance/change-feed';
import { InstanceDb } from '$instance/db';
import { replaceInstance } from '$instance/reset';

const opened: InstanceDb[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  for (const db of opened.splice(0)) db.close();
});

async function open(name = `feed-${crypto.randomUUID()}`): Promise<InstanceDb> {
  const db = new InstanceDb(name);
  opened.push(db);
  await db.open();
  return db;
}

function listen(db: InstanceDb): InstanceChange[] {
  const heard: InstanceChange[] = [];
  stops.push(onInstanceChange((change) => heard.push(change), db.name));
  return heard;
}

const role = (id: string) => ({ id, applicationId: 'app', name: id, description: '', privileges: [], userGroupIds: [] });

describe('the change feed', () => {
  it('names the table and the ids of a write, once per committed transaction', async () => {
    const db = await open();
    const heard = listen(db);
    await db.roles.put(role('r1'));
    await db.transaction('rw', [db.roles, db.users], async () => {
      await db.roles.bulkPut([role('r2'), role('r3')]);
      await db.users.delete('u9');
    });
    expect(heard).toHaveLength(2);
    expect(heard[0]).toEqual({ kind: 'rows', tables: new Map([['roles', ['r1']]]) });
    expect(heard[1]!.kind).toBe('rows');
    expect(idsOf(heard[1]!, 'roles')).toEqual(['r2', 'r3']);
    expect(idsOf(heard[1]!, 'users')).toEqual(['u9']);
    expect(touches(heard[1]!, 'keystore')).toBe(false);
  });

  it('says "all" for a clear, and numbers for auto-numbered tables', async () => {
    const db = await open();
    const heard = listen(db);
    const id = await db.audit.add({ at: '2025-01-01T00:00:00.000Z' } as never);
    await db.roles.clear();
    expect(idsOf(heard[0]!, 'audit')).toEqual([id]);
    expect(idsOf(heard[1]!, 'roles')).toBe('all');
  });

  it('hears another connection to the same database (another tab) and the durable connection', async () => {
    const db = await open();
    const otherTab = await open(db.name);
    const heard = listen(db);
    await otherTab.roles.put(role('from-b'));
    await db.durable.progress.put({ chapterId: 'c1', value: {} });
    expect(heard.map((c) => c.kind === 'rows' && [...c.tables])).toEqual([[['roles', ['from-b']]], [['progress', ['c1']]]]);
  });

  it('hears nothing of another database', async () => {
    const db = await open();
    const other = await open();
    const heard = listen(db);
    await other.roles.put(role('elsewhere'));
    expect(heard).toEqual([]);
  });

  it('tells a replacement apart: every table counts as changed', async () => {
    const db = await open();
    const heard = listen(db);
    await replaceInstance(db, { meta: [{ key: 'formatVersion', value: 2 }], roles: [role('fresh')] });
    expect(heard).toHaveLength(1);
    expect(heard[0]!.kind).toBe('replaced');
    expect(idsOf(heard[0]!, 'users')).toBe('all');
    expect(touches(heard[0]!, 'audit')).toBe(true);
    // A replacement that changes no row but the marker is still one.
    await replaceInstance(db, { meta: [{ key: 'formatVersion', value: 2 }], roles: [role('fresh')] });
    expect(heard.map((c) => c.kind)).toEqual(['replaced', 'replaced']);
  });

  it('passes this tab\'s session changes, which no table tells', async () => {
    const db = await open();
    const heard = listen(db);
    announceSessionChange(db.name);
    expect(heard).toEqual([{ kind: 'session' }]);
    expect(touches(heard[0]!, 'sessions')).toBe(true);
  });

  it('reads keys out of a range set, and "all" out of a range', () => {
    expect(keysOfRangeSet({ d: 0 })).toEqual([]);
    expect(keysOfRangeSet({ d: 2, from: 'a', to: 'a', r: { d: 1, from: 'b', to: 'b' } })).toEqual(['a', 'b']);
    expect(keysOfRangeSet({ d: 1, from: 'a', to: 'z' })).toBe('all');
  });
});

describe('runs going on in this page', () => {
  it('are announced as a change of the runs table, to the listeners of that database only', () => {
    const heard: InstanceChange[] = [];
    const other: InstanceChange[] = [];
    const stop = onInstanceChange((c) => heard.push(c), 'runs-announce-a');
    const stopOther = onInstanceChange((c) => other.push(c), 'runs-announce-b');
    announceRunsChange('runs-announce-a');
    stop();
    stopOther();
    expect(heard).toHaveLength(1);
    expect(touches(heard[0]!, 'runs')).toBe(true);
    expect(touches(heard[0]!, 'actionflows')).toBe(false);
    expect(idsOf(heard[0]!, 'runs')).toBe('all');
    expect(other).toEqual([]);
  });
});
