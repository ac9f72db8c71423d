/**
 * A small JSONPath, enough for the platform's JSON and HTTP actions: `$`, `.name`, `['name']`,
 * `[0]`, `[*]`, `.*` and `..name` (any depth). No filters and no script: nothing is evaluated.
 */

type Step = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'all' } | { kind: 'deep'; key: string | null };

/** The path's steps, or a sentence saying what is wrong with it. */
export function parseJsonPath(path: string): Step[] | string {
  const text = path.trim();
  if (!text.startsWith('$')) return `a JSON path starts with $, e.g. $.main_page.title`;
  const steps: Step[] = [];
  let i = 1;
  const name = /^[A-Za-z_$][A-Za-z0-9_$-]*/;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest.startsWith('..')) {
      const m = name.exec(rest.slice(2));
      if (rest[2] === '*') {
        steps.push({ kind: 'deep', key: null });
        i += 3;
      } else if (m) {
        steps.push({ kind: 'deep', key: m[0] });
        i += 2 + m[0].length;
      } else return `after ".." at position ${i} a name or * is needed`;
    } else if (rest.startsWith('.*')) {
      steps.push({ kind: 'all' });
      i += 2;
    } else if (rest.startsWith('.')) {
      const m = name.exec(rest.slice(1));
      if (!m) return `after "." at position ${i} a name is needed`;
      steps.push({ kind: 'key', key: m[0] });
      i += 1 + m[0].length;
    } else if (rest.startsWith('[*]')) {
      steps.push({ kind: 'all' });
      i += 3;
    } else if (rest.startsWith('[')) {
      const m = /^\[(?:(\d+)|'([^']*)'|"([^"]*)")\]/.exec(rest);
      if (!m) return `the bracket at position ${i} must hold a number, a quoted name or *`;
      steps.push(m[1] !== undefined ? { kind: 'index', index: Number(m[1]) } : { kind: 'key', key: m[2] ?? m[3] ?? '' });
      i += m[0].length;
    } else return `the character ${JSON.stringify(rest[0])} at position ${i} is not part of a JSON path`;
  }
  return steps;
}

function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return Object.values(value);
  return [];
}

function own(value: unknown, key: string): unknown[] {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key)) return [(value as Record<string, unknown>)[key]];
  return [];
}

/** Every node of `value` the path matches, in document order. Throws on a path that does not parse. */
export function queryJsonPath(value: unknown, path: string): unknown[] {
  const steps = parseJsonPath(path);
  if (typeof steps === 'string') throw new Error(`The JSON path ${JSON.stringify(path)} is not valid: ${steps}.`);
  let nodes: unknown[] = [value];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const node of nodes) {
      if (step.kind === 'key') next.push(...own(node, step.key));
      else if (step.kind === 'index') {
        if (Array.isArray(node) && step.index < node.length) next.push(node[step.index]);
      } else if (step.kind === 'all') next.push(...children(node));
      else {
        // Depth-first, with an explicit stack: documents may be deep.
        const stack = [node];
        const found: unknown[] = [];
        while (stack.length > 0) {
          const at = stack.pop();
          if (step.key === null) found.push(...children(at));
          else found.push(...own(at, step.key));
          const kids = children(at);
          for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
        }
        next.push(...found);
      }
    }
    nodes = next;
  }
  return nodes;
}
