import { afterEach, describe, expect, it } from 'vitest';
import { InstanceDb } from '$instance/db';
import {
  contextFromProgress,
  listProgress,
  loadProgress,
  parseProgress,
  progressFromContext,
  ProgressError,
  saveProgress,
  type Progress,
} from '$lessons/progress';
import { fakeChapter } from './fake-chapter';

const T0 = '2025-03-01T09:00:00.000Z';

function progress(overrides: Partial<Progress> = {}): Progress {
  return {
    chapterId: 'fake-chapter',
    currentStep: 1,
    steps: [
      { id: 'step-a', status: 'passedWithHelp', completedAt: '2025-03-01T09:05:00.000Z', attempts: 2, hintsUsed: 2, solutionShown: true },
      { id: 'step-b', status: 'pending', completedAt: null, attempts: 1, hintsUsed: 1, solutionShown: false },
      { id: 'step-c', status: 'pending', completedAt: null, attempts: 0, hintsUsed: 0, solutionShown: false },
    ],
    startedAt: T0,
    updatedAt: '2025-03-01T09:06:00.000Z',
    finishedAt: null,
    ...overrides,
  };
}

const dbs: InstanceDb[] = [];
function freshDb(): InstanceDb {
  const db = new InstanceDb('test-' + crypto.randomUUID());
  dbs.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

describe('progress in IndexedDB', () => {
  it('saves and loads a chapter’s progress unchanged', async () => {
    const db = freshDb();
    expect(await loadProgress(db, 'fake-chapter')).toBeNull();
    await saveProgress(db, 'fake-chapter', progress());
    expect(await loadProgress(db, 'fake-chapter')).toEqual(progress());
    await saveProgress(db, 'fake-chapter', progress({ currentStep: 2 }));
    expect((await loadProgress(db, 'fake-chapter'))!.currentStep).toBe(2);
  });

  it('lists every chapter’s progress', async () => {
    const db = freshDb();
    await saveProgress(db, 'fake-chapter', progress());
    await saveProgress(db, 'another-chapter', progress({ chapterId: 'another-chapter' }));
    expect((await listProgress(db)).map((p) => p.chapterId)).toEqual(['another-chapter', 'fake-chapter']);
  });

  it('refuses to save one chapter’s progress as another’s', async () => {
    await expect(saveProgress(freshDb(), 'other', progress())).rejects.toThrow(
      'Progress of chapter "fake-chapter" cannot be saved as chapter "other".',
    );
  });

  it('says which field of a damaged record is wrong', async () => {
    const db = freshDb();
    await db.progress.put({ chapterId: 'fake-chapter', value: { ...progress(), steps: [{ ...progress().steps[0], status: 'done' }] } });
    await expect(loadProgress(db, 'fake-chapter')).rejects.toThrow(
      new ProgressError(
        'The saved progress of chapter "fake-chapter" is damaged: steps[0].status must be one of pending, passed, passedWithHelp, setByInstructor, skipped.',
      ),
    );
  });

  it.each([
    [null, 'the record must be an object'],
    [{ ...progress(), chapterId: 'x' }, 'chapterId must be "fake-chapter"'],
    [{ ...progress(), currentStep: -1 }, 'currentStep must be a step index'],
    [{ ...progress(), startedAt: 'yesterday' }, 'startedAt must be an ISO time'],
    [{ ...progress(), steps: {} }, 'steps must be a list'],
    [{ ...progress(), steps: [{ ...progress().steps[0], attempts: 'two' }] }, 'steps[0].attempts must be a whole number'],
  ])('rejects a damaged record (%#)', (value, expected) => {
    expect(() => parseProgress(value, 'fake-chapter')).toThrow(expected);
  });
});

describe('progress and the machine context', () => {
  const chapter = fakeChapter({ roles: new Set() });

  it('round-trips through the context', () => {
    const ctx = contextFromProgress(chapter, progress(), Date.parse('2025-03-02T10:00:00.000Z'));
    expect(ctx).toMatchObject({ currentStep: 1, startedAt: T0, revision: 0, savedRevision: 0 });
    expect(ctx.steps[0]).toMatchObject({ status: 'passedWithHelp', hintsShown: 2, solutionShown: true });
    expect(progressFromContext(ctx)).toEqual(progress());
  });

  it('starts afresh without progress', () => {
    const ctx = contextFromProgress(chapter, null, Date.parse(T0));
    expect(ctx).toMatchObject({ currentStep: 0, startedAt: T0, finishedAt: null, revision: 1 });
    expect(ctx.steps.every((s) => s.status === 'pending')).toBe(true);
  });

  it('keeps what still applies when the chapter changed since', () => {
    const edited = fakeChapter({ roles: new Set() }, ['step-a', 'step-new', 'step-b']);
    const ctx = contextFromProgress(edited, progress({ currentStep: 2 }), Date.parse(T0));
    expect(ctx.steps.map((s) => [s.id, s.status])).toEqual([
      ['step-a', 'passedWithHelp'],
      ['step-new', 'pending'],
      ['step-b', 'pending'],
    ]);
    // Step 2 is not reached any more: the first pending step is.
    expect(ctx.currentStep).toBe(1);
  });

  it('does not restore a chapter as finished while a step is skipped (progress saved when skipped counted as done)', () => {
    const steps = progress().steps.map((s) => ({ ...s, status: 'skipped' as const }));
    const ctx = contextFromProgress(chapter, progress({ steps, finishedAt: '2025-03-01T09:06:00.000Z' }), Date.parse(T0));
    expect(ctx.finishedAt).toBeNull();
  });

  it('caps revealed hints at the hints a step has now', () => {
    const ctx = contextFromProgress(chapter, progress({ steps: [{ ...progress().steps[0]!, hintsUsed: 9 }] }), Date.parse(T0));
    expect(ctx.steps[0]!.hintsShown).toBe(2);
  });
});
