import { describe, expect, it } from 'vitest';
import { lazyViews } from '../../../../src/ui/workspace/lazy-views';

type Kind = 'home' | 'editor' | 'trail';

function counting(view: string, fail = 0) {
  const calls = { n: 0 };
  const load = async () => {
    calls.n++;
    if (calls.n <= fail) throw new Error(`chunk ${view} failed`);
    return { default: view };
  };
  return { calls, load };
}

describe('lazyViews', () => {
  it('gives a view that comes with the page at once, without loading anything', () => {
    const editor = counting('Editor');
    const views = lazyViews<Kind, string>({ home: 'Home' }, { editor: editor.load });
    expect(views.get('home')).toBe('Home');
    expect(editor.calls.n).toBe(0);
  });

  it('loads an on-demand view once, then gives it at once', async () => {
    const editor = counting('Editor');
    const views = lazyViews<Kind, string>({}, { editor: editor.load });
    const first = views.get('editor');
    const second = views.get('editor');
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBe(first);
    expect(await first).toBe('Editor');
    expect(views.get('editor')).toBe('Editor');
    expect(editor.calls.n).toBe(1);
  });

  it('tries a failed load again at the next call', async () => {
    const editor = counting('Editor', 1);
    const views = lazyViews<Kind, string>({}, { editor: editor.load });
    await expect(views.get('editor')).rejects.toThrow('chunk Editor failed');
    expect(await views.get('editor')).toBe('Editor');
    expect(editor.calls.n).toBe(2);
  });

  it('preloads every on-demand view in the background, leaving a failure to the next call', async () => {
    const editor = counting('Editor');
    const trail = counting('Trail', 1);
    const views = lazyViews<Kind, string>({ home: 'Home' }, { editor: editor.load, trail: trail.load });
    views.preload();
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(views.get('editor')).toBe('Editor');
    expect(await views.get('trail')).toBe('Trail');
    expect([editor.calls.n, trail.calls.n]).toEqual([1, 2]);
  });

  it('says which kind has no view', async () => {
    const views = lazyViews<Kind, string>({}, {});
    await expect(views.get('trail')).rejects.toThrow('No view is registered for trail.');
  });
});
