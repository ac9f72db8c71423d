// Entry of bench.html: runs the suite named by ?suite= and publishes window.__benchResult.
// To add a suite: create bench/page/suites/<name>.ts calling registerSuite, import it below,
// and add its name to bench/suites.ts.
import { getSuite, suiteNames, type BenchResult } from './registry';
import './suites/smoke';
import './suites/reset';
import './suites/roundtrip';
import './suites/company-orders';
import './suites/lesson-check';

declare global {
  interface Window {
    __benchResult?: BenchResult;
  }
}

async function runSuite(name: string): Promise<BenchResult> {
  const suite = getSuite(name);
  if (!suite) {
    return { suite: name, rows: [], error: `Unknown suite "${name}"; registered: ${suiteNames().join(', ')}.` };
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
