// Entry of bench.html: runs the suite named by ?suite= and publishes window.__benchResult.
// To add a suite: create bench/page/suites/<name>.ts calling registerSuite, name its module below,
// and add its name to bench/suites.ts. Only the module of the suite being run is loaded, so no
// suite pays for another's modules (the lesson panel's listeners, for one, react to every change).
import { getSuite, type BenchResult } from './registry';

const modules: Record<string, () => Promise<unknown>> = {
  smoke: () => import('./suites/smoke'),
  reset: () => import('./suites/reset'),
  'reset-10x': () => import('./suites/reset'),
  roundtrip: () => import('./suites/roundtrip'),
  'key-verification': () => import('./suites/roundtrip'),
  'company-orders': () => import('./suites/company-orders'),
  'lesson-check': () => import('./suites/lesson-check'),
  'actionflow-trace': () => import('./suites/actionflows'),
  'actionflow-save': () => import('./suites/actionflows'),
  designer: () => import('./suites/designer'),
};

declare global {
  interface Window {
    __benchResult?: BenchResult;
  }
}

async function runSuite(name: string): Promise<BenchResult> {
  await modules[name]?.();
  const suite = getSuite(name);
  if (!suite) {
    return { suite: name, rows: [], error: `Unknown suite "${name}"; known: ${Object.keys(modules).join(', ')}.` };
  }
  try {
    return { suite: name, rows: await suite() };
  } catch (error) {
    return { suite: name, rows: [], error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

const name = new URLSearchParams(location.search).get('suite') ?? 'smoke';
const result = await runSuite(name);
const out = document.getElementById('out');
if (out) out.textContent = JSON.stringify(result, null, 2);
window.__benchResult = result;
