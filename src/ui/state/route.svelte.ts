/**
 * Hash routing (`#/console`, `#/application`…): views are deep-linkable, survive reloads and follow
 * the browser's back and forward buttons.
 */
class Route {
  path = $state(readPath());

  /** Goes to `path` (e.g. `/console`), adding a history entry. */
  go(path: string): void {
    if (path === this.path) return;
    location.hash = `#${path}`;
  }
}

function readPath(): string {
  const hash = typeof location === 'undefined' ? '' : location.hash.replace(/^#/, '');
  return hash || '/application';
}

export const route = new Route();

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.path = readPath();
  });
}
