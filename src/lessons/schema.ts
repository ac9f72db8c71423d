/**
 * The validator of the lesson format (see types.ts). Hand-written so that every error names the
 * chapter file and the field, e.g.
 * `lessons/02-add-authentication/chapter.ts: steps[3].hints must have at least one hint.`
 */
import { FIXTURE_NAMES, isFixtureName } from '$domain/fixtures';
import type { Chapter } from './types';

/** Lower-case words and digits joined by single hyphens: `add-authentication`, `step-2`. */
export const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Thrown by {@link validateChapter}; `problems` holds one sentence per broken rule. */
export class LessonFormatError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
    this.name = 'LessonFormatError';
  }
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/**
 * Checks that `data` is a well-formed chapter and returns it typed.
 * @param data what a chapter file exports
 * @param file the file's path, used in every error message
 * @throws {LessonFormatError} listing every broken rule, each naming the file and the field path
 */
export function validateChapter(data: unknown, file: string): Chapter {
  const problems: string[] = [];
  const fail = (path: string, rule: string) => problems.push(`${file}: ${path} ${rule}.`);

  if (!isObject(data)) {
    fail('the chapter', 'must be an object with id, title, summary, kind, prerequisites, startFixture and steps');
    throw new LessonFormatError(file, problems);
  }
  checkId(data.id, 'id', fail);
  checkText(data.title, 'title', fail);
  checkText(data.summary, 'summary', fail);
  checkText(data.startFixture, 'startFixture', fail);
  if (typeof data.startFixture === 'string' && data.startFixture.trim() !== '' && !isFixtureName(data.startFixture)) {
    fail('startFixture', `must name a start state (${FIXTURE_NAMES.map((n) => `"${n}"`).join(', ')}), not ${JSON.stringify(data.startFixture)}`);
  }
  if (data.kind !== 'chapter' && data.kind !== 'exercise') fail('kind', `must be 'chapter' or 'exercise'`);
  checkPrerequisites(data.prerequisites, data.id, fail);
  checkStartChecks(data.startChecks, fail);
  checkSteps(data.steps, data.kind === 'exercise', fail);

  if (problems.length > 0) throw new LessonFormatError(file, problems);
  return data as unknown as Chapter;
}

type Fail = (path: string, rule: string) => void;

function checkId(value: unknown, path: string, fail: Fail): void {
  if (typeof value !== 'string' || !KEBAB_CASE.test(value)) {
    fail(path, `must be kebab-case (lower-case words joined by hyphens), not ${JSON.stringify(value) ?? 'undefined'}`);
  }
}

function checkText(value: unknown, path: string, fail: Fail): void {
  if (!isNonEmptyString(value)) fail(path, 'must be a non-empty string');
}

function checkPrerequisites(value: unknown, chapterId: unknown, fail: Fail): void {
  if (!Array.isArray(value)) return fail('prerequisites', 'must be a list of chapter ids (empty when there are none)');
  const seen = new Set<string>();
  value.forEach((id: unknown, i) => {
    checkId(id, `prerequisites[${i}]`, fail);
    if (id === chapterId) fail(`prerequisites[${i}]`, 'must not name the chapter itself');
    if (typeof id === 'string' && seen.has(id)) fail(`prerequisites[${i}]`, `repeats ${JSON.stringify(id)}`);
    if (typeof id === 'string') seen.add(id);
  });
}

function checkStartChecks(value: unknown, fail: Fail): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) return fail('startChecks', 'must be a list of start checks (or left out)');
  value.forEach((startCheck: unknown, i) => {
    const at = `startChecks[${i}]`;
    if (!isObject(startCheck)) return fail(at, 'must be an object with title and check');
    checkText(startCheck.title, `${at}.title`, fail);
    if (typeof startCheck.check !== 'function') fail(`${at}.check`, 'must be a function (snapshot) => CheckResult');
  });
}

function checkSteps(value: unknown, isExercise: boolean, fail: Fail): void {
  if (!Array.isArray(value) || value.length === 0) return fail('steps', 'must have at least one step');
  const seen = new Map<string, number>();
  value.forEach((step: unknown, i) => {
    const at = `steps[${i}]`;
    if (!isObject(step)) return fail(at, 'must be an object with id, title, text, check, hints and solve');
    checkId(step.id, `${at}.id`, fail);
    if (typeof step.id === 'string') {
      const first = seen.get(step.id);
      if (first !== undefined) fail(`${at}.id`, `repeats ${JSON.stringify(step.id)}, already the id of steps[${first}]`);
      else seen.set(step.id, i);
    }
    checkText(step.title, `${at}.title`, fail);
    checkText(step.text, `${at}.text`, fail);
    if (typeof step.check !== 'function') fail(`${at}.check`, 'must be a function (snapshot) => CheckResult');
    if (typeof step.solve !== 'function') fail(`${at}.solve`, 'must be a function ({ client }) => Promise<void>');
    checkHints(step.hints, `${at}.hints`, fail);
    checkPoints(step.points, `${at}.points`, isExercise, fail);
  });
}

function checkHints(value: unknown, path: string, fail: Fail): void {
  if (!Array.isArray(value) || value.length === 0) return fail(path, 'must have at least one hint');
  value.forEach((hint: unknown, i) => {
    if (!isNonEmptyString(hint)) fail(`${path}[${i}]`, 'must be a non-empty string');
  });
}

function checkPoints(value: unknown, path: string, isExercise: boolean, fail: Fail): void {
  if (value === undefined) return;
  if (!isExercise) return fail(path, `is only for exercises (kind 'exercise')`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail(path, 'must be a whole number of 0 or more');
}
