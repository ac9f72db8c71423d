import { FIXTURE_NAMES } from '$domain/fixtures';
import { describe, expect, it } from 'vitest';
import { LessonFormatError, validateChapter } from '$lessons/schema';
import { fakeChapter } from './fake-chapter';

const FILE = 'lessons/02-add-authentication/chapter.ts';

/** A good chapter as plain data, to break one field at a time. */
function good(): Record<string, unknown> & { steps: Record<string, unknown>[] } {
  const chapter = fakeChapter({ roles: new Set() }, ['one', 'two', 'three', 'four']);
  return { ...chapter, steps: chapter.steps.map((s) => ({ ...s })) };
}

function problemsOf(data: unknown): string[] {
  try {
    validateChapter(data, FILE);
  } catch (error) {
    expect(error).toBeInstanceOf(LessonFormatError);
    return (error as LessonFormatError).problems;
  }
  throw new Error('The chapter was accepted.');
}

describe('validateChapter', () => {
  it('accepts a good chapter and returns it', () => {
    const chapter = good();
    expect(validateChapter(chapter, FILE)).toBe(chapter);
  });

  it('accepts an exercise with points', () => {
    const exercise = fakeChapter({ roles: new Set() }, ['one', 'two'], 'exercise');
    expect(validateChapter(exercise, FILE).steps.map((s) => s.points)).toEqual([1, 2]);
  });

  it('accepts start checks, and names each broken one', () => {
    const check = () => ({ ok: true as const });
    expect(validateChapter({ ...good(), startChecks: [{ title: 'The end point exists', check }] }, FILE).startChecks).toHaveLength(1);
    expect(problemsOf({ ...good(), startChecks: 'none' })).toEqual([`${FILE}: startChecks must be a list of start checks (or left out).`]);
    expect(problemsOf({ ...good(), startChecks: [{ title: ' ', check }, { title: 'No check' }, 'a check'] })).toEqual([
      `${FILE}: startChecks[0].title must be a non-empty string.`,
      `${FILE}: startChecks[1].check must be a function (snapshot) => CheckResult.`,
      `${FILE}: startChecks[2] must be an object with title and check.`,
    ]);
  });

  it('names the file and the field of a step without hints', () => {
    const chapter = good();
    chapter.steps[3]!.hints = [];
    expect(() => validateChapter(chapter, FILE)).toThrow(
      'lessons/02-add-authentication/chapter.ts: steps[3].hints must have at least one hint.',
    );
  });

  it.each([
    ['a chapter that is not an object', () => 'chapter', 'the chapter must be an object'],
    ['an id not in kebab-case', (c) => ((c.id = 'Add_Auth'), c), 'id must be kebab-case (lower-case words joined by hyphens), not "Add_Auth".'],
    ['an empty title', (c) => ((c.title = '  '), c), 'title must be a non-empty string.'],
    ['a missing summary', (c) => (delete c.summary, c), 'summary must be a non-empty string.'],
    ['an unknown kind', (c) => ((c.kind = 'quiz'), c), `kind must be 'chapter' or 'exercise'.`],
    ['no start fixture', (c) => ((c.startFixture = ''), c), 'startFixture must be a non-empty string.'],
    ['a start fixture that does not exist', (c) => ((c.startFixture = 'chapter-9'), c), `startFixture must name a start state (${FIXTURE_NAMES.map((n) => `"${n}"`).join(', ')}), not "chapter-9".`],
    ['prerequisites not a list', (c) => ((c.prerequisites = 'setup'), c), 'prerequisites must be a list of chapter ids'],
    ['a chapter its own prerequisite', (c) => ((c.prerequisites = ['fake-chapter']), c), 'prerequisites[0] must not name the chapter itself.'],
    ['no steps', (c) => ((c.steps = []), c), 'steps must have at least one step.'],
    ['a step that is not an object', (c) => ((c.steps[1] = null as never), c), 'steps[1] must be an object'],
    ['a repeated step id', (c) => ((c.steps[2]!.id = 'one'), c), 'steps[2].id repeats "one", already the id of steps[0].'],
    ['a step id not in kebab-case', (c) => ((c.steps[0]!.id = 'Step 1'), c), 'steps[0].id must be kebab-case'],
    ['an empty step title', (c) => ((c.steps[1]!.title = ''), c), 'steps[1].title must be a non-empty string.'],
    ['an empty step text', (c) => ((c.steps[1]!.text = ''), c), 'steps[1].text must be a non-empty string.'],
    ['a check that is not a function', (c) => ((c.steps[0]!.check = { ok: true }), c), 'steps[0].check must be a function'],
    ['a missing solve', (c) => (delete c.steps[0]!.solve, c), 'steps[0].solve must be a function'],
    ['an empty hint', (c) => ((c.steps[0]!.hints = ['Look at roles.', '']), c), 'steps[0].hints[1] must be a non-empty string.'],
    ['points in a guided chapter', (c) => ((c.steps[0]!.points = 2), c), `steps[0].points is only for exercises (kind 'exercise').`],
  ] as [string, (c: ReturnType<typeof good>) => unknown, string][])('rejects %s', (_, breakIt, expected) => {
    const problems = problemsOf(breakIt(good()));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${FILE}: `)).toBe(true);
    expect(problems[0]).toContain(expected);
  });

  it('rejects points that are not a whole number in an exercise', () => {
    const exercise = { ...fakeChapter({ roles: new Set() }, ['one'], 'exercise') };
    exercise.steps = [{ ...exercise.steps[0]!, points: 1.5 }];
    expect(problemsOf(exercise)).toEqual([`${FILE}: steps[0].points must be a whole number of 0 or more.`]);
  });

  it('lists every broken rule at once', () => {
    const chapter = good();
    chapter.title = '';
    chapter.steps[0]!.hints = [];
    chapter.steps[1]!.text = '';
    expect(problemsOf(chapter)).toEqual([
      `${FILE}: title must be a non-empty string.`,
      `${FILE}: steps[0].hints must have at least one hint.`,
      `${FILE}: steps[1].text must be a non-empty string.`,
    ]);
  });
});
