// Actionflow runs and saves. `actionflow-trace`: a 50-action flow over 1,000 records, run through the
// orchestrator with the trace on and off (two server contexts over one instance, timed in alternating
// rounds so a busy moment of the machine slows both alike). `actionflow-save`: the PUT of a
// 100-action graph through the service worker (read, validated, stored, answered with its problems),
// beside a bare MSW handler.
import { createSandboxClient } from '$client/index';
import { newActionflow, type Actionflow, type AnyAction, type Connection } from '$domain/actionflow';
import type { DataRecord } from '$domain/entities';
import { realClock } from '$domain/expression';
import { InstanceDb } from '$instance/db';
import { resetInstance } from '$instance/reset';
import type { ServerContext } from '$server/context';
import { createJournal } from '$server/journal';
import { orchestratorOf } from '$server/runs/orchestrator';
import { median, registerSuite, type BenchRow } from '../registry';
import { CONSTANT_PATH, percentile, startBenchInstance } from '../sandbox-instance';

const APP_ID = 'app-actionflow-advanced';
const RECORDS = 1_000;
const ROUNDS = 15;
const at = (x: number, y = 0) => ({ x, y });

/** Input → View (every record of the table) → 48 Calculates in a row, each adding an attribute. */
function fiftyActionFlow(): Actionflow {
  const actions: AnyAction[] = [
    { id: 'input', kind: 'input', name: 'Input', description: '', position: at(0), inputs: [], props: { parameters: [] } },
    { id: 'view', kind: 'view', name: 'Companies To Import', description: '', position: at(200), inputs: [], props: { tableId: 'table-additional-companies', filters: [], dataRange: 'all' } },
  ];
  const connections: Connection[] = [{ id: 'c-view', from: 'input', point: 'out', to: 'view', type: 'driving', listName: '', mappings: [] }];
  let previous = 'view';
  for (let i = 1; i <= 48; i++) {
    const id = `calc-${i}`;
    actions.push({
      id,
      kind: 'calculate',
      name: `Step ${i}`,
      description: '',
      position: at(200 + i * 200),
      inputs: [{ name: 'CompanyID', type: 'String' }, { name: 'Employees', type: 'Integer' }],
      props: { attributes: [{ name: `Step${i}`, type: 'String', expression: `concat(in.CompanyID, "-", in.Employees * ${i})` }] },
    });
    connections.push({ id: `c-${i}`, from: previous, point: 'out', to: id, type: 'driving', listName: '', mappings: [{ target: 'CompanyID', attribute: 'CompanyID' }, { target: 'Employees', attribute: 'Employees' }] });
    previous = id;
  }
  return { ...newActionflow({ id: 'af-bench-fifty', applicationId: APP_ID, kind: 'screen', name: 'Fifty Actions' }), actions, connections };
}

async function timeRun(ctx: ServerContext, flow: Actionflow): Promise<number> {
  const journal = createJournal(ctx);
  journal.close();
  const started = performance.now();
  const run = await orchestratorOf(ctx).start({
    flow,
    runAs: { userId: null, login: 'system', name: 'System', privileges: [] },
    inputs: {},
    origin: { kind: 'button', label: 'bench' },
    timeoutMs: null,
    journal,
  });
  const outcome = await run.outcome;
  const elapsed = performance.now() - started;
  if (outcome.status !== 'succeeded') throw new Error(`The 50-action flow did not succeed: ${JSON.stringify(outcome)}`);
  await run.whenStopped;
  return elapsed;
}

registerSuite('actionflow-trace', async () => {
  const db = new InstanceDb('bench-actionflow-trace');
  await resetInstance(db);
  const template = (await db.additionalCompanies.toArray())[0]!;
  const rows: DataRecord[] = Array.from({ length: RECORDS }, (_, i) => ({ ...template, CompanyID: `B${String(i).padStart(4, '0')}`, Employees: i }));
  await db.transaction('rw', db.additionalCompanies, async () => {
    await db.additionalCompanies.clear();
    await db.additionalCompanies.bulkAdd(rows as never[]);
  });
  const flow = fiftyActionFlow();
  await db.actionflows.put(flow);
  const base = { db, clock: realClock, fetch: (i: string, init?: RequestInit) => fetch(i, init), origin: location.origin };
  const traced: ServerContext = { ...base, traceRuns: true };
  const untraced: ServerContext = { ...base, traceRuns: false };
  const on: number[] = [];
  const off: number[] = [];
  await timeRun(untraced, flow);
  await timeRun(traced, flow);
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate which goes first, so neither always meets a warmer cache.
    if (i % 2 === 0) {
      off.push(await timeRun(untraced, flow));
      on.push(await timeRun(traced, flow));
    } else {
      on.push(await timeRun(traced, flow));
      off.push(await timeRun(untraced, flow));
    }
  }
  const kept = await db.runs.where('actionflowId').equals(flow.id).toArray();
  if (!kept.some((r) => r.trace && r.trace.actions.length === 50)) throw new Error('No traced run kept a trace of its 50 actions.');
  db.close();
  const note = `${RECORDS.toLocaleString('en')} records × 48 Calculates, ${ROUNDS} runs`;
  return [
    { name: '50-action flow, trace off', value: median(off), unit: 'ms', note },
    { name: '50-action flow, trace on', value: median(on), unit: 'ms', note: `${note}; target ≤ 1.1×` },
  ];
});

/** Input → 99 Calculates in a row: a 100-action graph as the designer would save it. */
function hundredActionGraph(flow: Actionflow): Pick<Actionflow, 'actions' | 'connections'> {
  const input = flow.actions[0]!;
  const actions: AnyAction[] = [{ ...input, props: { parameters: [{ name: 'CompanyID', type: 'String', default: 'C0001' }] } } as AnyAction];
  const connections: Connection[] = [];
  let previous = input.id;
  for (let i = 1; i < 100; i++) {
    const id = `calc-${i}`;
    actions.push({
      id,
      kind: 'calculate',
      name: `Step ${i}`,
      description: `Step ${i} of the long flow.`,
      position: at((i % 10) * 240, Math.floor(i / 10) * 160),
      inputs: [{ name: 'CompanyID', type: 'String' }],
      props: { attributes: [{ name: `Step${i}`, type: 'String', expression: `concat(in.CompanyID, "/${i}")` }] },
    });
    connections.push({ id: `c-${i}`, from: previous, point: 'out', to: id, type: 'driving', listName: '', mappings: [{ target: 'CompanyID', attribute: 'CompanyID' }] });
    previous = id;
  }
  return { actions, connections };
}

registerSuite('actionflow-save', async () => {
  const db = await startBenchInstance('bench-actionflow-save');
  let sessionId: string | null = null;
  const client = createSandboxClient({ sessionStore: { get: () => sessionId, set: (id) => (sessionId = id) } });
  await client.login({ login: 'trainee', password: 'Training123!' });
  const created = await client.createActionflow({ applicationId: APP_ID, kind: 'screen', name: 'Hundred Actions' });
  const graph = hundredActionGraph(created.actionflow);
  let version = created.actionflow.version;
  const save = async (i: number) => {
    const start = performance.now();
    // Each save moves one action, as a drag on the canvas would, and names the version it was made from.
    const actions = graph.actions.map((a, k) => (k === 1 + (i % 99) ? { ...a, position: { x: a.position.x + 1, y: a.position.y } } : a));
    const saved = await client.saveActionflow(created.actionflow.id, { ...graph, actions, version });
    const elapsed = performance.now() - start;
    if (saved.problems.length > 0) throw new Error(`The 100-action graph has problems: ${saved.problems[0]!.message}`);
    version = saved.actionflow.version;
    return elapsed;
  };
  const bare = async () => {
    const start = performance.now();
    await (await fetch(CONSTANT_PATH)).arrayBuffer();
    return performance.now() - start;
  };
  const saves: number[] = [];
  const bares: number[] = [];
  for (let i = 0; i < 5; i++) {
    await save(i);
    await bare();
  }
  const CALLS = 40;
  for (let i = 0; i < CALLS; i++) {
    bares.push(await bare());
    saves.push(await save(i));
  }
  const bytes = JSON.stringify({ ...graph, version }).length;
  db.close();
  const note = `${CALLS} saves of ${(bytes / 1024).toFixed(0)} KiB`;
  return [
    { name: 'bare MSW handler (constant) p50', value: median(bares), unit: 'ms', note: `${CALLS} calls` },
    { name: 'PUT of a 100-action graph p50', value: median(saves), unit: 'ms', note },
    { name: 'PUT of a 100-action graph p95', value: percentile(saves, 95), unit: 'ms', note, baseline: 'bare MSW handler (constant) p50' },
  ] satisfies BenchRow[];
});
