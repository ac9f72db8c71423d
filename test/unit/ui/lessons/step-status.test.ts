import { describe, expect, it } from 'vitest';
import type { Chapter } from '$lessons/index';
import { isDone, remainingSentence, stepChangeSentence } from '$ui/lessons/step-status';

const chapter = { kind: 'chapter', steps: [{ title: 'Turn off anonymous access' }, { title: 'Create the API user' }] } as unknown as Chapter;

describe('stepChangeSentence', () => {
  it('announces a step that became passed, with or without help', () => {
    expect(stepChangeSentence(chapter, 1, 'pending', 'passed')).toBe('Step 2 passed: Create the API user.');
    expect(stepChangeSentence(chapter, 0, 'skipped', 'passedWithHelp')).toBe('Step 1 passed with help: Turn off anonymous access.');
    expect(stepChangeSentence({ ...chapter, kind: 'exercise' }, 0, 'pending', 'passed')).toBe('Task 1 passed: Turn off anonymous access.');
  });

  it('says nothing when nothing passed', () => {
    expect(stepChangeSentence(chapter, 0, 'passed', 'passed')).toBeNull();
    expect(stepChangeSentence(chapter, 0, 'pending', 'skipped')).toBeNull();
    expect(stepChangeSentence(chapter, 0, 'passed', 'pending')).toBeNull();
  });
});

describe('what counts as done', () => {
  it('is a pass, with or without help; a skipped step is still open', () => {
    expect(isDone('passed')).toBe(true);
    expect(isDone('passedWithHelp')).toBe(true);
    expect(isDone('skipped')).toBe(false);
    expect(isDone('pending')).toBe(false);
  });

  it('says how many steps or tasks remain, and how many of them were skipped', () => {
    expect(remainingSentence('chapter', 3, 2)).toBe('3 steps remain (2 skipped).');
    expect(remainingSentence('chapter', 1, 0)).toBe('1 step remains.');
    expect(remainingSentence('exercise', 2, 0)).toBe('2 tasks remain.');
    expect(remainingSentence('chapter', 0, 0)).toBeNull();
  });
});
