import { describe, expect, it } from 'vitest';
import { registerChapters } from '$lessons/registry';
import type { Chapter } from '$lessons/index';
import { coursePath, pathOrder, type PathNode } from '../../../../src/ui/lessons/course-path';

const chapters = registerChapters(import.meta.glob('../../../../lessons/*/chapter.ts', { eager: true }));

const shape = (nodes: PathNode[]): unknown => nodes.map((n) => (n.next.length ? { [n.chapter.id]: shape(n.next) } : n.chapter.id));
const fake = (id: string, prerequisites: string[], kind: Chapter['kind'] = 'chapter') => ({ id, prerequisites, kind }) as unknown as Chapter;

describe('the course path', () => {
  it('puts each chapter after what it builds on, guided chapters before exercises', () => {
    expect(shape(coursePath(chapters))).toEqual([
      { 'api-end-point': [{ 'add-authentication': ['stop-multiple-processes', 'exercise-reporting-access'] }, 'exercise-api-end-point'] },
    ]);
    expect(pathOrder(coursePath(chapters)).map((c) => c.id)).toEqual([
      'api-end-point', 'add-authentication', 'stop-multiple-processes', 'exercise-reporting-access', 'exercise-api-end-point',
    ]);
  });

  it('lists a chapter with two prerequisites once, after the later one; an unknown prerequisite makes a root', () => {
    const all = [fake('a', []), fake('b', []), fake('c', ['b', 'a']), fake('d', ['elsewhere'])];
    expect(shape(coursePath(all))).toEqual(['a', { b: ['c'] }, 'd']);
  });
});
