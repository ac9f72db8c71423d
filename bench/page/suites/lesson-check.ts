// Check latency as the learner sees it: a change made through the client (turning off anonymous
// access, step 1 of chapter 3.02) until the lesson panel's state shows the step passed, through the
// same live-check path the panel uses (instance change → machine → snapshot).
import { DEFAULT_DB_NAME } from '$instance/db';
import { lesson } from '$ui/lessons/lesson-state.svelte';
import { client } from '$ui/state/sandbox.svelte';
import '$ui/lessons/chapters';
import { median, registerSuite } from '../registry';
import { percentile, startBenchInstance, until } from '../sandbox-instance';

const RUNS = 30;
const ENDPOINT = 'af-api-company-data';

registerSuite('lesson-check', async () => {
  await startBenchInstance(DEFAULT_DB_NAME);
  await client.login({ login: 'trainee', password: 'Training123!' });
  await lesson.open('add-authentication');
  const status = () => lesson.snapshot?.context.steps[0]?.status;
  const idle = () => !!lesson.snapshot?.matches({ activity: 'idle' });
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    await client.updateActionflow(ENDPOINT, { api: { allowAnonymousConnections: true } });
    lesson.send({ type: 'chapter.restart' });
    await until(() => status() === 'pending' && idle(), 'the first step to be pending again');
    const start = performance.now();
    await client.updateActionflow(ENDPOINT, { api: { allowAnonymousConnections: false } });
    await until(() => status() === 'passed', 'the first step to pass');
    if (run > 0) times.push(performance.now() - start);
  }
  lesson.stop();
  const note = `${RUNS} changes`;
  return [
    { name: 'change made → step shown passed, p50', value: median(times), unit: 'ms', note },
    { name: 'change made → step shown passed, p95', value: percentile(times, 95), unit: 'ms', note: `${note}; target ≤ 100 ms` },
  ];
});
