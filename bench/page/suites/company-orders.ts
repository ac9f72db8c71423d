// The Company Orders screen with the full Company Data: time to its first Orders rows, and from
// choosing an order to its lines, each against rendering the same number of plain table rows from
// the same records in the same run.
import { mount, unmount } from 'svelte';
import type { DataRecord } from '$domain/entities';
import ScreenView from '$ui/screens/ScreenView.svelte';
import { TRAINING_LOGIN } from '$ui/session/session-start';
import { client, sandbox } from '$ui/state/sandbox.svelte';
import { median, registerSuite } from '../registry';
import { startBenchInstance, until } from '../sandbox-instance';

const RUNS = 7;
const SCREEN = 'screen-company-orders';

const rowsOf = (host: HTMLElement, grid: string) => host.querySelectorAll(`table[aria-label="${grid}"] tbody tr`);

/** Renders `records` as a plain table, forcing layout, and returns the time it took. */
function plainTable(host: HTMLElement, records: DataRecord[]): number {
  const start = performance.now();
  const table = document.createElement('table');
  const columns = Object.keys(records[0] ?? {});
  const head = table.createTHead().insertRow();
  for (const c of columns) head.insertCell().textContent = c;
  const body = table.createTBody();
  for (const r of records) {
    const row = body.insertRow();
    for (const c of columns) row.insertCell().textContent = String(r[c] ?? '');
  }
  host.replaceChildren(table);
  table.getBoundingClientRect();
  const took = performance.now() - start;
  host.replaceChildren();
  return took;
}

registerSuite('company-orders', async () => {
  await startBenchInstance('bench-company-orders');
  // Reads need a session: the screen is shown as the trainee sees it.
  await client.login({ ...TRAINING_LOGIN });
  await sandbox.refresh();
  const host = document.createElement('div');
  document.body.append(host);
  const firstRender: number[] = [];
  const showLines: number[] = [];
  let ordersShown = 0;
  let linesShown = 0;
  for (let run = 0; run <= RUNS; run++) {
    const start = performance.now();
    const view = mount(ScreenView, { target: host, props: { id: SCREEN } });
    await until(() => rowsOf(host, 'Orders').length > 0, 'the first Orders rows');
    host.getBoundingClientRect();
    const rendered = performance.now() - start;
    const firstOrder = rowsOf(host, 'Orders')[0] as HTMLElement;
    const chose = performance.now();
    firstOrder.click();
    await until(() => rowsOf(host, 'OrderLines').length > 0, "the chosen order's lines");
    host.getBoundingClientRect();
    const lines = performance.now() - chose;
    ordersShown = rowsOf(host, 'Orders').length;
    linesShown = rowsOf(host, 'OrderLines').length;
    await unmount(view);
    if (run > 0) {
      firstRender.push(rendered);
      showLines.push(lines);
    }
  }
  const orders = (await client.getRecords('table-orders', { limit: ordersShown })).records;
  const firstOrderId = String(orders[0]?.OrderID ?? '');
  const lines = (await client.getRecords('table-order-lines', { where: 'OrderID', equals: firstOrderId, limit: 500 })).records;
  const plainOrders = Array.from({ length: RUNS }, () => plainTable(host, orders));
  const plainLines = Array.from({ length: RUNS }, () => plainTable(host, lines));
  const note = `median of ${RUNS}`;
  return [
    { name: `plain table of ${orders.length} order rows`, value: median(plainOrders), unit: 'ms', note },
    { name: 'Company Orders: first Orders grid render', value: median(firstRender), unit: 'ms', note: `${ordersShown} rows shown of 1,452; ${note}` },
    { name: `plain table of ${lines.length} order line rows`, value: median(plainLines), unit: 'ms', note },
    {
      name: 'Company Orders: choose an order → its lines',
      value: median(showLines),
      unit: 'ms',
      note: `${linesShown} lines; ${note}`,
      baseline: `plain table of ${lines.length} order line rows`,
    },
  ];
});
