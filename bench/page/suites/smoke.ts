// Proves the harness works end to end: times a trivial loop of two sizes (median of 5 runs each).
// The second row's ratio to the first should be near 2.
import { median, registerSuite, timeRuns } from '../registry';

let sink = 0; // keeps the loop's result alive so the JIT cannot drop the loop

function addUpTo(n: number): void {
  let total = 0;
  for (let i = 0; i < n; i++) total += i % 7;
  sink += total;
}

registerSuite('smoke', async () => {
  const runs = 5;
  const small = await timeRuns(runs, () => addUpTo(2_000_000));
  const large = await timeRuns(runs, () => addUpTo(4_000_000));
  const note = `median of ${runs} runs`;
  return [
    { name: 'loop of 2M additions', value: median(small), unit: 'ms', note },
    { name: 'loop of 4M additions', value: median(large), unit: 'ms', note },
  ];
});
