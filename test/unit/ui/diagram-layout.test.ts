import { describe, expect, it } from 'vitest';
import type { Actionflow } from '../../../src/domain/actionflow';
import { BOX, layoutDiagram } from '../../../src/ui/editors/diagram-layout';

const node = (id: string) => ({ id, kind: 'calculate' as const, name: id, description: '', position: { x: 0, y: 0 }, inputs: [], props: { attributes: [] } });
const flow = (nodes: string[], connections: [string, string][]): Actionflow => ({
  id: 'af',
  applicationId: 'app',
  name: 'Flow',
  kind: 'screen',
  description: '',
  api: null,
  exclusionGroup: '',
  validateBeforeRunning: true,
  allowRunWithValidationErrors: false,
  version: 1,
  actions: [{ id: 'in', kind: 'input', name: 'Input', description: '', position: { x: 0, y: 0 }, inputs: [], props: { parameters: [] } }, ...nodes.map(node)],
  connections: connections.map(([from, to], i) => ({ id: `c${i}`, from, to, point: 'out', type: 'driving' as const, listName: '', mappings: [] })),
});

describe('diagram layout', () => {
  it('puts each action one column after the longest path to it', () => {
    const layout = layoutDiagram(flow(['a', 'b', 'c'], [['in', 'a'], ['a', 'b'], ['in', 'c'], ['b', 'c']]));
    const column = (id: string) => (layout.nodes.find((p) => p.node.id === id)!.x - BOX.margin) / (BOX.width + BOX.columnGap);
    expect(['in', 'a', 'b', 'c'].map(column)).toEqual([0, 1, 2, 3]);
    expect(layout.connections).toHaveLength(4);
  });

  it('survives cycles and connections to missing actions', () => {
    const layout = layoutDiagram(flow(['a', 'b'], [['in', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'gone']]));
    expect(layout.nodes).toHaveLength(3);
    expect(layout.connections).toHaveLength(3);
    expect(layout.width).toBeGreaterThan(0);
  });

  it('stacks actions of one column', () => {
    const layout = layoutDiagram(flow(['a', 'b'], [['in', 'a'], ['in', 'b']]));
    const [a, b] = ['a', 'b'].map((id) => layout.nodes.find((p) => p.node.id === id)!);
    expect(a!.x).toBe(b!.x);
    expect(b!.y - a!.y).toBe(BOX.height + BOX.rowGap);
  });
});
