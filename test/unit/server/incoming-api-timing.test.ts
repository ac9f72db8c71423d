import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actionflow } from '$domain/actionflow';
import { createManualClock } from '$domain/expression';
import { startTestServer, type TestServer } from '../support/instance';

const clock = createManualClock();
let t: TestServer;

/** An end point whose calculate action sleeps 20 s, as the exclusion-group chapter's slow import does. */
function slowEndpoint(name: string, alias: string, exclusionGroup: string): Actionflow {
  return {
    id: `af-${alias}`,
    applicationId: 'app-actionflow-advanced',
    name,
    kind: 'apiEndpoint',
    description: '',
    api: { urlAlias: alias, apiMode: 'synchronous', allowAnonymousConnections: true, timeoutMs: 60_000, logRequest: false, logResponse: false },
    exclusionGroup,
    validateBeforeRunning: true,
    allowRunWithValidationErrors: false,
    version: 1,
    actions: [
      { id: 'i', kind: 'input', name: 'Input', description: '', position: { x: 0, y: 0 }, inputs: [], props: { parameters: [] } },
      { id: 'c', kind: 'calculate', name: 'Slow Import', description: '', position: { x: 200, y: 0 }, inputs: [], props: { attributes: [{ name: 'Delay', type: 'Integer', expression: 'sleep(20)' }] } },
      { id: 'o', kind: 'output', name: 'Output', description: '', position: { x: 400, y: 0 }, inputs: [{ name: 'Delay', type: 'Integer' }], props: {} },
    ],
    connections: [
      { id: 'c1', from: 'i', point: 'out', to: 'c', type: 'driving', listName: '', mappings: [] },
      { id: 'c2', from: 'c', point: 'out', to: 'o', type: 'driving', listName: '', mappings: [{ target: 'Delay', attribute: 'Delay' }] },
    ],
  };
}

/** Waits until `count` sleeps are pending: the end point's timeout and the actionflow's own sleep(20). */
async function sleeping(count = 2) {
  for (let i = 0; i < 500 && clock.pendingSleeps < count; i++) await new Promise((r) => setTimeout(r, 2));
  expect(clock.pendingSleeps).toBeGreaterThanOrEqual(count);
}

beforeAll(async () => {
  t = await startTestServer({ clock });
  await t.db.actionflows.bulkPut([slowEndpoint('Import Companies', 'import', 'Import'), slowEndpoint('Approve Companies', 'approve', 'IMPORT ')]);
});
afterAll(() => t.close());
beforeEach(() => t.db.audit.clear());

describe('timeouts', () => {
  it('answers 504 timeout when the actionflow outlives the timeout given in the URL', async () => {
    const call = t.call('/phixflow/api/2/import?timeout=5000');
    await sleeping();
    clock.advance(5_000);
    const response = await call;
    expect(response.status).toBe(504);
    const body = await response.json();
    expect(body.error.code).toBe('timeout');
    expect(body.error.message).toBe('The end point Import Companies did not finish within its timeout of 5000 ms.');
    // The run that timed out is stopped: its sleep(20) is dropped rather than left to finish.
    for (let i = 0; i < 100 && clock.pendingSleeps > 0; i++) await new Promise((r) => setTimeout(r, 2));
    expect(clock.pendingSleeps).toBe(0);
    expect(await t.db.audit.count()).toBe(1);
  });

  it('stops a timed-out run, so its exclusion group is free again for the next actionflow of the group', async () => {
    const slow = slowEndpoint('Import Slowly', 'import-slowly', 'Import');
    await t.db.actionflows.put(slow);
    try {
      const call = t.call('/phixflow/api/2/import-slowly?timeout=5000');
      await sleeping();
      clock.advance(5_000);
      expect((await call).status).toBe(504);
      // Stopped at once, so the group is free for the next actionflow of the group.
      const next = t.call('/phixflow/api/2/approve');
      await sleeping();
      clock.advance(20_000);
      expect((await next).status).toBe(200);
    } finally {
      await t.db.actionflows.delete(slow.id);
    }
  });

  it('answers 200 when the actionflow finishes within its timeout', async () => {
    const call = t.call('/phixflow/api/2/import');
    await sleeping();
    clock.advance(20_000);
    const response = await call;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ Delay: 20 });
  });
});

describe('exclusion groups', () => {
  it('refuses a second actionflow of the same group (case-insensitive) while the first runs, then allows it', async () => {
    const first = t.call('/phixflow/api/2/import');
    await sleeping();
    const second = await t.call('/phixflow/api/2/approve');
    expect(second.status).toBe(409);
    const body = await second.json();
    expect(body.error.code).toBe('exclusion_group_busy');
    expect(body.error.message).toMatch(/^The end point Approve Companies did not run: its exclusion group IMPORT is taken by Import Companies, which is still running\./);
    clock.advance(20_000);
    expect((await first).status).toBe(200);

    const again = t.call('/phixflow/api/2/approve');
    await sleeping();
    clock.advance(20_000);
    expect((await again).status).toBe(200);
    const audit = await t.db.audit.toArray();
    expect(audit.map((a) => a.status)).toEqual([409, 200, 200]);
  });
});
