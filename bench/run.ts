// Benchmark harness: `npm run bench` (= ensure a browser, vite build, tsx bench/run.ts [suite...]).
// Serves dist/ with vite's preview() on a free port, opens bench.html?suite=<name> in Chromium for
// each suite, waits for window.__benchResult, prints a table with each row's ratio to its suite's
// first row, and writes bench/results/latest.json. Numbers are medians from this one run on this
// machine; compare ratios, not absolute times, across machines. Nothing here asserts on time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../scripts/find-browser.mjs';
import type { BenchResult } from './page/registry';
import { navigationSuites } from './navigation';
import { suites as registeredSuites } from './suites';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const resultsFile = resolve(root, 'bench/results/latest.json');
const suiteTimeoutMs = 5 * 60_000;

interface PrintedRow {
  suite: string;
  name: string;
  value: string;
  unit: string;
  ratio: string;
  note: string;
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const abs = Math.abs(v);
  return abs >= 100 ? v.toFixed(0) : abs >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** Ratio of each row to its baseline row (the suite's first unless it names one), in the same unit. */
function ratioOf(result: BenchResult, index: number): number | null {
  const row = result.rows[index];
  const base = row?.baseline ? result.rows.find((r) => r.name === row.baseline) : result.rows[0];
  if (!base || !row || base.unit !== row.unit || base.value === 0) return null;
  return row.value / base.value;
}

function printTable(results: BenchResult[]): void {
  const rows: PrintedRow[] = [];
  for (const r of results) {
    if (r.error) {
      rows.push({ suite: r.suite, name: 'FAILED', value: '', unit: '', ratio: '', note: r.error.split('\n')[0] ?? '' });
      continue;
    }
    r.rows.forEach((row, i) => {
      const ratio = ratioOf(r, i);
      rows.push({
        suite: r.suite,
        name: row.name,
        value: formatValue(row.value),
        unit: row.unit,
        ratio: ratio === null ? '' : `${ratio.toFixed(2)}×`,
        note: row.note ?? '',
      });
    });
  }
  const headers: PrintedRow = { suite: 'suite', name: 'measure', value: 'median', unit: 'unit', ratio: 'ratio', note: 'note' };
  const keys = Object.keys(headers) as (keyof PrintedRow)[];
  const width = (k: keyof PrintedRow) => Math.max(headers[k].length, ...rows.map((r) => r[k].length));
  const right = new Set<keyof PrintedRow>(['value', 'ratio']);
  const line = (r: PrintedRow) =>
    keys.map((k) => (right.has(k) ? r[k].padStart(width(k)) : r[k].padEnd(width(k)))).join('  ').trimEnd();
  console.log(line(headers));
  console.log(keys.map((k) => '-'.repeat(width(k))).join('  '));
  for (const r of rows) console.log(line(r));
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const names = wanted.length ? wanted : registeredSuites;
  const unknown = names.filter((n) => !registeredSuites.includes(n));
  if (unknown.length) {
    console.error(`Unknown suite(s): ${unknown.join(', ')}. Known: ${registeredSuites.join(', ')} (bench/suites.ts).`);
    return 2;
  }
  if (!existsSync(resolve(root, 'dist/bench.html'))) {
    console.error('dist/bench.html is missing: run `vite build && vite build --mode bench` first (`npm run bench` does).');
    return 2;
  }
  const executablePath = findChromium();
  if (!executablePath) {
    console.error('No Chromium found: run `node scripts/ensure-browser.mjs` (`npm run bench` does).');
    return 2;
  }

  const server = await preview({
    root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
  });
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const results: BenchResult[] = [];
  try {
    const { port } = server.httpServer.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    console.log(`bench: ${browser.version()} (${executablePath}), ${cpus().length} CPUs, serving dist/ at ${base}\n`);
    for (const name of names) {
      const outside = navigationSuites[name];
      if (outside) {
        try {
          results.push({ suite: name, rows: await outside(browser, base) });
        } catch (error) {
          results.push({ suite: name, rows: [], error: error instanceof Error ? error.message : String(error) });
        }
        continue;
      }
      // A fresh context per suite: no cache, storage or service worker carried over.
      const context = await browser.newContext({ serviceWorkers: 'allow' });
      const page = await context.newPage();
      page.on('pageerror', (e) => console.error(`[${name}] page error: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') console.error(`[${name}] console: ${m.text()}`);
      });
      try {
        await page.goto(`${base}/bench.html?suite=${encodeURIComponent(name)}`);
        const handle = await page.waitForFunction(() => window.__benchResult, undefined, { timeout: suiteTimeoutMs });
        results.push((await handle.jsonValue()) as BenchResult);
      } catch (error) {
        results.push({ suite: name, rows: [], error: error instanceof Error ? error.message : String(error) });
      } finally {
        await context.close();
      }
    }
    printTable(results);
    mkdirSync(dirname(resultsFile), { recursive: true });
    const report = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      browser: browser.version(),
      cpus: cpus().length,
      results: results.map((r) => ({
        ...r,
        rows: r.rows.map((row, i) => ({ ...row, ratioToFirst: ratioOf(r, i) })),
      })),
    };
    writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWrote ${resultsFile}`);
  } finally {
    await browser.close();
    await server.close();
  }
  return results.some((r) => r.error) ? 1 : 0;
}

process.exitCode = await main();
