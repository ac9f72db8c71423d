// Benchmark suites run in the browser page bench.html. Each suite registers itself here by name;
// bench/run.ts (node) opens bench.html?suite=<name> and reads window.__benchResult.

/** One measured number. Within a suite, bench/run.ts prints every row's ratio to the suite's first row. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  note?: string;
  /** Name of the row this one is compared with; the suite's first row when omitted. */
  baseline?: string;
}

export interface BenchResult {
  suite: string;
  rows: BenchRow[];
  /** Set instead of rows when the suite is unknown or threw. */
  error?: string;
}

export type Suite = () => Promise<BenchRow[]>;

const suites = new Map<string, Suite>();

export function registerSuite(name: string, fn: Suite): void {
  if (suites.has(name)) throw new Error(`Benchmark suite "${name}" is registered twice.`);
  suites.set(name, fn);
}

export function getSuite(name: string): Suite | undefined {
  return suites.get(name);
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times (after `warmup` unmeasured runs) and returns each run's duration in ms. */
export async function timeRuns(runs: number, fn: () => unknown, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}
