import { describe, expect, it } from 'vitest';
import { newActionflow, type Problem } from '$domain/actionflow';
import { edgesOf, nodesOf } from '../../../../src/ui/designer/canvas-model';

const flow = newActionflow({ id: 'af-new', applicationId: 'app', kind: 'apiEndpoint', name: 'Lookup' });
const problemOf = (actionId: string, message: string): Problem => ({ where: { kind: 'action', actionId }, message });

describe('what the canvas draws, made again', () => {
  it('hands back the same nodes and edges when nothing drawn changed (a repository refresh recomputes the problems)', () => {
    const nodes = nodesOf(flow, [problemOf('action-2', 'Map a value')], null, [], null);
    const edges = edgesOf(flow, [], null, null);
    // New problem objects with the same sentences, as a refresh makes them.
    expect(nodesOf(flow, [problemOf('action-2', 'Map a value')], null, nodes, null)).toBe(nodes);
    expect(edgesOf(flow, [], null, null, edges)).toBe(edges);
  });

  it('makes only the node that changed anew, keeping the others and what xyflow measured', () => {
    const first = nodesOf(flow, [], null, [], null).map((n) => ({ ...n, measured: { width: 120, height: 40 } }));
    const next = nodesOf(flow, [problemOf('action-2', 'Map a value')], null, first, null);
    expect(next).not.toBe(first);
    expect(next[0]).toBe(first[0]);
    expect(next[1]).not.toBe(first[1]);
    expect(next[1]!.data.problems).toEqual(['Map a value']);
    expect(next[1]!.measured).toEqual({ width: 120, height: 40 });
    expect(next[1]!.ariaLabel).toBe('Output action Output, 1 problem');
  });

  it('makes a node anew when it is selected, moved or its action changed', () => {
    const nodes = nodesOf(flow, [], null, [], null);
    expect(nodesOf(flow, [], null, nodes, 'action-1')[0]).not.toBe(nodes[0]);
    const moved = { ...flow, actions: flow.actions.map((a) => (a.id === 'action-1' ? { ...a, position: { x: 10, y: 0 } } : a)) };
    const after = nodesOf(moved, [], null, nodes, null);
    expect(after[0]).not.toBe(nodes[0]);
    expect(after[1]).toBe(nodes[1]);
  });

  it('draws a connection anew when it is selected', () => {
    const edges = edgesOf(flow, [], null, null);
    const selected = edgesOf(flow, [], null, 'connection-1', edges);
    expect(selected).not.toBe(edges);
    expect(selected[0]!.selected).toBe(true);
  });
});
