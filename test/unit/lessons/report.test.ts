import { describe, expect, it } from 'vitest';
import { progressReport } from '$lessons/report';
import type { Progress } from '$lessons/progress';
import { fakeChapter } from './fake-chapter';

describe('progressReport', () => {
  const guided = fakeChapter({ roles: new Set() }, ['step-a', 'step-b']);
  const exercise = fakeChapter({ roles: new Set() }, ['task-a', 'task-b', 'task-c'], 'exercise');
  const finishedExercise: Progress = {
    chapterId: 'fake-exercise',
    currentStep: 2,
    steps: [
      { id: 'task-a', status: 'passed', completedAt: '2025-03-01T10:02:00.000Z', attempts: 1, hintsUsed: 1, solutionShown: false },
      { id: 'task-b', status: 'passedWithHelp', completedAt: '2025-03-01T10:05:00.000Z', attempts: 3, hintsUsed: 2, solutionShown: true },
      { id: 'task-c', status: 'passed', completedAt: '2025-03-01T10:10:00.000Z', attempts: 0, hintsUsed: 0, solutionShown: false },
    ],
    startedAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:10:00.000Z',
    finishedAt: '2025-03-01T10:10:00.000Z',
    score: 4,
  };

  it('reports each chapter, its steps, times, attempts, hints and exercise score', () => {
    const report = progressReport([guided, exercise], [finishedExercise], new Date('2025-03-01T12:00:00.000Z'));
    expect(report.generatedAt).toBe('2025-03-01T12:00:00.000Z');
    expect(report.unknownChapterIds).toEqual([]);
    expect(report.chapters[0]).toMatchObject({
      chapterId: 'fake-chapter',
      state: 'not started',
      startedAt: null,
      durationSeconds: null,
      currentStep: null,
      stepsDone: 0,
      stepsTotal: 2,
      score: null,
    });
    expect(report.chapters[1]).toMatchObject({
      chapterId: 'fake-exercise',
      kind: 'exercise',
      state: 'finished',
      durationSeconds: 600,
      currentStep: { index: 2, id: 'task-c', title: 'Create role task-c' },
      stepsDone: 3,
      stepsRemaining: 0,
      totals: { attempts: 4, hintsUsed: 3, passedWithHelp: 1, skipped: 0 },
      score: { points: 1 + 3, max: 6 },
    });
    expect(report.chapters[1]!.steps[1]).toEqual({
      id: 'task-b',
      title: 'Create role task-b',
      status: 'passedWithHelp',
      completedAt: '2025-03-01T10:05:00.000Z',
      attempts: 3,
      hintsUsed: 2,
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('counts a skipped step as still open: the chapter is in progress, with how many remain', () => {
    const skipped: Progress = {
      chapterId: 'fake-chapter',
      currentStep: 1,
      steps: [
        { id: 'step-a', status: 'skipped', completedAt: null, attempts: 0, hintsUsed: 0, solutionShown: false },
        { id: 'step-b', status: 'passed', completedAt: '2025-03-01T10:05:00.000Z', attempts: 0, hintsUsed: 0, solutionShown: false },
      ],
      startedAt: '2025-03-01T10:00:00.000Z',
      updatedAt: '2025-03-01T10:05:00.000Z',
      // Saved when skipped steps counted as done: the report does not believe it.
      finishedAt: '2025-03-01T10:05:00.000Z',
    };
    expect(progressReport([guided], [skipped]).chapters[0]).toMatchObject({
      state: 'in progress',
      finishedAt: null,
      stepsDone: 1,
      stepsTotal: 2,
      stepsRemaining: 1,
      totals: { skipped: 1 },
    });
  });

  it('lists progress of chapters the course no longer has', () => {
    expect(progressReport([guided], [finishedExercise]).unknownChapterIds).toEqual(['fake-exercise']);
  });
});
