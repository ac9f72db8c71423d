// The actionflow designer: opening a 100-action actionflow against rendering a plain list of 100
// items in the same run; the frame time while an action is dragged (p95); Save's round trip (one PUT
// of the whole graph, until the designer says it is saved); and the bytes (gzip) the designer's
// chunks add, fetched only when a designer opens.
import { flushSync, mount, unmount } from 'svelte';
import type { Actionflow, AnyAction, Connection } from '$domain/actionflow';
import { client, sandbox } from '$ui/state/sandbox.svelte';
import { forgetDraft } from '$ui/designer/draft-store';
import { median, registerSuite } from '../registry';
import { percentile, startBenchInstance, until } from '../sandbox-instance';

const RUNS = 5;
const ACTIONS = 100;
const DRAG_FRAMES = 90;

/** A chain of `count` actions: the Input, then Calculates, each connected and mapped. */
function bigGraph(flow: Actionflow, count: number): { actions: AnyAction[]; connections: Connection[] } {
  const input = flow.actions[0]!;
  const actions: AnyAction[] = [{ ...input, props: { parameters: [{ name: 'Value', type: 'Integer' }] } } as AnyAction];
  const connections: Connection[] = [];
  for (let i = 1; i < count; i++) {
    actions.push({
      id: `calc-${i}`,
      kind: 'calculate',
      name: `Step ${i}`,
      description: '',
      position: { x: (i % 10) * 260, y: Math.floor(i / 10) * 140 },
      inputs: [{ name: 'Value', type: 'Integer' }],
      props: { attributes: [{ name: 'Value', type: 'Integer', expression: 'in.Value + 1' }] },
    } as AnyAction);
    connections.push({ id: `c-${i}`, from: actions[i - 1]!.id, point: 'out', to: `calc-${i}`, type: 'driving', listName: '', mappings: [{ target: 'Value', attribute: 'Value' }] });
  }
  return { actions, connections };
}

/** A plain list of `count` items, laid out; the time it took. */
function plainList(host: HTMLElement, count: number): number {
  const start = performance.now();
  const list = document.createElement('ul');
  for (let i = 0; i < count; i++) {
    const item = document.createElement('li');
    item.textContent = `Calculate action Step ${i}`;
    list.append(item);
  }
  host.replaceChildren(list);
  list.getBoundingClientRect();
  const took = performance.now() - start;
  host.replaceChildren();
  return took;
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** The gzip size of a fetched file, by the browser's own CompressionStream. */
async function gzipSize(url: string): Promise<number> {
  const body = (await fetch(url)).body!.pipeThrough(new CompressionStream('gzip'));
  return (await new Response(body).arrayBuffer()).byteLength;
}

registerSuite('designer', async () => {
  await startBenchInstance('bench-designer');
  await client.login({ login: 'trainee', password: 'Training123!' });
  await sandbox.refresh();

  // What the designer adds: the chunks its dynamic import fetches (JS and CSS), gzipped.
  const before = new Set(performance.getEntriesByType('resource').map((e) => e.name));
  const { default: DesignerTab } = await import('$ui/designer/DesignerTab.svelte');
  const added = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !before.has(n) && /\.(js|css)(\?|$)/.test(n));
  const sizes = await Promise.all(added.map(gzipSize));
  const designerBytes = sizes.reduce((a, b) => a + b, 0);

  const created = await client.createActionflow({ applicationId: 'app-actionflow-advanced', kind: 'screen', name: 'Bench Hundred' });
  const graph = bigGraph(created.actionflow, ACTIONS);
  let saved = (await client.saveActionflow(created.actionflow.id, { ...graph, version: created.actionflow.version })).actionflow;
  await sandbox.refresh();

  const host = document.createElement('div');
  host.style.cssText = 'width: 1200px;';
  document.body.append(host);
  const nodes = () => host.querySelectorAll('.svelte-flow__node');
  const shown = () => [...nodes()].filter((n) => (n as HTMLElement).style.visibility !== 'hidden').length;

  const open: number[] = [];
  const plain: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    // Each opening starts from the saved actionflow (not a kept draft); the session stays.
    forgetDraft(saved.id);
    const start = performance.now();
    const view = mount(DesignerTab, { target: host, props: { saved, repository: sandbox.repository! } });
    await until(() => shown() === ACTIONS, `the ${ACTIONS} actions on the canvas`);
    host.getBoundingClientRect();
    const took = performance.now() - start;
    await unmount(view);
    host.replaceChildren();
    if (run > 0) {
      open.push(took);
      plain.push(plainList(host, ACTIONS));
    }
  }

  // Dragging one action: a mouse move per frame, each frame's time measured.
  const view = mount(DesignerTab, { target: host, props: { saved, repository: sandbox.repository! } });
  await until(() => shown() === ACTIONS, `the ${ACTIONS} actions on the canvas`);
  await nextFrame();
  const node = nodes()[5] as HTMLElement;
  const box = node.getBoundingClientRect();
  const at = { x: box.left + 30, y: box.top + 20 };
  node.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, clientX: at.x, clientY: at.y, button: 0, view: window }));
  // Two measures per frame: the work one move costs (the event, Svelte's update, style and layout,
  // all on the main thread: what must fit in a 16 ms frame), and the interval between frames, which
  // at 60 Hz is 16.7 ms at best and grows whenever something (the move's work, or the machine) is late.
  const work: number[] = [];
  const frames: number[] = [];
  let last = await nextFrame();
  for (let i = 1; i <= DRAG_FRAMES; i++) {
    const start = performance.now();
    window.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, clientX: at.x + i * 3, clientY: at.y + i, buttons: 1, view: window }));
    flushSync();
    node.getBoundingClientRect();
    work.push(performance.now() - start);
    const now = await nextFrame();
    frames.push(now - last);
    last = now;
  }
  window.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, clientX: at.x + DRAG_FRAMES * 3, clientY: at.y + DRAG_FRAMES, view: window }));
  const moved = node.style.transform;
  // d3-drag swallows the click that follows a drag (for a moment): let that moment pass.
  await new Promise((resolve) => setTimeout(resolve, 50));

  // Save: the whole 100-action graph in one PUT, until the designer says so.
  const saves: number[] = [];
  const saveButton = [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Save')!;
  for (let run = 0; run <= RUNS; run++) {
    const version = saved.version + run + 1;
    const start = performance.now();
    saveButton.click();
    await until(() => host.textContent?.includes(`was saved (version ${version})`) ?? false, `version ${version} saved`).catch((err: Error) => {
      const said = [...host.querySelectorAll('[role="status"], [role="alert"]')].map((e) => e.textContent).join(' | ');
      throw new Error(`${err.message} The designer said: ${said || 'nothing'}.`);
    });
    if (run > 0) saves.push(performance.now() - start);
  }
  await unmount(view);
  host.remove();
  saved = (await client.getActionflow(saved.id)).actionflow;

  return [
    { name: `plain list of ${ACTIONS} items`, value: median(plain), unit: 'ms', note: `median of ${RUNS}` },
    { name: `designer: open a ${ACTIONS}-action actionflow (all on the canvas)`, value: median(open), unit: 'ms', note: `median of ${RUNS}` },
    { name: 'designer: dragging an action, work per frame p95', value: percentile(work, 95), unit: 'ms', note: `${DRAG_FRAMES} moves, p50 ${median(work).toFixed(1)} ms; target ≤ 16 ms${moved ? '' : ' (the action did not move)'}` },
    { name: 'designer: dragging an action, frame interval p95', value: percentile(frames, 95), unit: 'ms', note: `p50 ${median(frames).toFixed(1)} ms (16.7 ms is every frame on time at 60 Hz); report` },
    { name: `designer: Save of ${ACTIONS} actions, round trip`, value: median(saves), unit: 'ms', note: `median of ${RUNS}; now at version ${saved.version}`, baseline: `designer: Save of ${ACTIONS} actions, round trip` },
    { name: 'designer: what it adds, gzip (loaded when a designer opens)', value: Math.round(designerBytes / 102.4) / 10, unit: 'kB', note: `${added.length} chunks`, baseline: 'designer: what it adds, gzip (loaded when a designer opens)' },
  ];
});
