import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTION_KIND_NAMES,
  ACTION_KINDS,
  applyEdit,
  applyEdits,
  EditError,
  freeName,
  mapAllEdit,
  newAction,
  newActionflow,
  newConnection,
  type Actionflow,
  type ActionflowKind,
  type DataType,
  type Edit,
  type Mapping,
} from '$domain/actionflow';
import { DATA_TYPES } from '$domain/actionflow/kinds/common';
import seed from '../../../../fixtures/training-instance.json';
import { REPOSITORY } from './support';

const FIXTURE_FLOWS = seed.actionflows as unknown as Actionflow[];

const OPS = [
  'addAction',
  'removeAction',
  'moveAction',
  'renameAction',
  'setDescription',
  'setProps',
  'setInputs',
  'connect',
  'disconnect',
  'setConnection',
  'map',
  'unmap',
  'mapAll',
  'clearMappings',
  'setMappings',
  'setSettings',
  'batch',
] as const satisfies readonly Edit['type'][];

/** The random choices one edit is made of; {@link editFor} turns them into an edit that fits the flow. */
interface EditSeed {
  op: number;
  i: number;
  j: number;
  k: number;
  text: string;
  n: number;
  flag: boolean;
}

const seedArb: fc.Arbitrary<EditSeed> = fc.record({
  op: fc.nat(OPS.length - 1),
  i: fc.nat(1000),
  j: fc.nat(1000),
  k: fc.nat(1000),
  text: fc.string({ maxLength: 12 }),
  n: fc.integer({ min: -5000, max: 5000 }),
  flag: fc.boolean(),
});

function pick<T>(list: readonly T[], i: number): T | undefined {
  return list.length === 0 ? undefined : list[i % list.length];
}

const NAMES = ['CompanyID', 'CompanyName', 'Status', 'body', 'Orders', 'error.code', 'Total'];

function mappingFor(s: EditSeed, target: string): Mapping {
  return s.flag ? { target, attribute: pick(NAMES, s.k)! } : { target, expression: `concat(in.${pick(NAMES.filter((n) => !n.includes('.')), s.k)}, "${s.k}")` };
}

/** An edit of the kind `s.op` names that fits `flow` (falling back to adding an action when there is nothing to edit). */
function editFor(flow: Actionflow, s: EditSeed, depth = 0): Edit {
  const act = pick(flow.actions, s.i);
  const c = pick(flow.connections, s.j);
  const op = OPS[s.op]!;
  const add = (): Edit => {
    const kind = pick(ACTION_KIND_NAMES, s.j)!;
    const made = newAction(kind, freeName(ACTION_KINDS[kind].label, flow), { x: s.n, y: -s.n }, flow, REPOSITORY);
    return { type: 'addAction', action: made, index: s.flag ? s.k % (flow.actions.length + 1) : undefined };
  };
  switch (op) {
    case 'addAction':
      return add();
    case 'removeAction':
      return act ? { type: 'removeAction', actionId: act.id } : add();
    case 'moveAction':
      return act ? { type: 'moveAction', actionId: act.id, position: { x: s.n, y: s.k } } : add();
    case 'renameAction':
      return act ? { type: 'renameAction', actionId: act.id, name: `${act.name}${s.text}` } : add();
    case 'setDescription':
      return act ? { type: 'setDescription', actionId: act.id, description: s.text } : add();
    case 'setProps': {
      if (!act) return add();
      const props = ACTION_KINDS[act.kind].defaults({ tables: REPOSITORY.tables, screens: REPOSITORY.screens, flowKind: flow.kind });
      return { type: 'setProps', actionId: act.id, props } as Edit;
    }
    case 'setInputs':
      return act ? { type: 'setInputs', actionId: act.id, inputs: s.flag ? [] : [{ name: pick(NAMES, s.k)!, type: pick(DATA_TYPES, s.n + 5000)! as DataType, ...(s.k % 3 === 0 ? { default: s.text } : {}) }] } : add();
    case 'connect': {
      const from = pick(flow.actions, s.i);
      const to = pick(flow.actions, s.k);
      if (!from || !to) return add();
      const points = ACTION_KINDS[from.kind].points(from.props as never);
      const connection = newConnection(flow, from.id, pick(points, s.j) ?? 'out', to.id);
      if (s.flag) Object.assign(connection, { type: 'lookup', listName: 'Records' });
      connection.mappings = s.n % 2 === 0 ? [mappingFor(s, pick(NAMES, s.j)!)] : [];
      return { type: 'connect', connection, index: s.k % 2 === 0 ? s.k % (flow.connections.length + 1) : undefined };
    }
    case 'disconnect':
      return c ? { type: 'disconnect', connectionId: c.id } : add();
    case 'setConnection': {
      if (!c) return add();
      // Some changes name a field as undefined: an edit that leaves a field as it is must undo to it too.
      const changes: { point?: string; type?: 'driving' | 'lookup'; listName?: string } = {};
      if (s.k % 2 === 0) changes.point = s.flag ? 'error' : 'out';
      if (s.k % 3 === 0) changes.type = s.flag ? 'lookup' : 'driving';
      else if (s.k % 3 === 1) changes.type = undefined;
      if (s.k % 5 < 2) changes.listName = s.flag ? `L${s.j}` : undefined;
      return { type: 'setConnection', connectionId: c.id, changes };
    }
    case 'map': {
      if (!c) return add();
      const target = s.flag ? (pick(c.mappings, s.k)?.target ?? pick(NAMES, s.k)!) : pick(NAMES, s.k)!;
      return { type: 'map', connectionId: c.id, mapping: mappingFor(s, target), createInput: s.n % 3 === 0 ? { name: target, type: 'String' } : undefined };
    }
    case 'unmap':
      return c ? { type: 'unmap', connectionId: c.id, target: pick(c.mappings, s.k)?.target ?? pick(NAMES, s.k)! } : add();
    case 'mapAll':
      return c ? mapAllEdit(flow, REPOSITORY, c.id) : add();
    case 'clearMappings':
      return c ? { type: 'clearMappings', connectionId: c.id } : add();
    case 'setMappings':
      return c ? { type: 'setMappings', connectionId: c.id, mappings: [mappingFor(s, pick(NAMES, s.i)!), mappingFor({ ...s, flag: !s.flag }, `${pick(NAMES, s.j)}2`)] } : add();
    case 'setSettings': {
      const changes: Record<string, unknown> = {};
      if (s.k % 2 === 0) changes.name = `${flow.name}${s.text}`;
      if (s.k % 3 === 0) changes.exclusionGroup = s.text;
      if (s.k % 5 === 0) changes.validateBeforeRunning = !flow.validateBeforeRunning;
      if (s.k % 7 === 0) changes.allowRunWithValidationErrors = s.flag;
      if (s.k % 11 === 0) changes.description = s.text;
      if (flow.api && s.flag) changes.api = { ...flow.api, timeoutMs: 1000 + s.j };
      return { type: 'setSettings', changes };
    }
    case 'batch': {
      if (depth >= 2) return add();
      let at = flow;
      const edits: Edit[] = [];
      for (let m = 1; m <= 1 + (s.k % 3); m++) {
        const inner = editFor(at, { ...s, op: (s.op + m * 5) % OPS.length, i: s.i + m, j: s.j + 2 * m, k: s.k + 3 * m, n: s.n - m }, depth + 1);
        at = applyEdit(at, inner).flow;
        edits.push(inner);
      }
      return { type: 'batch', label: `step ${s.k}`, edits };
    }
  }
}

/** A random actionflow: actions of random kinds (an Input first) and random connections between them. */
const flowArb: fc.Arbitrary<Actionflow> = fc
  .record({
    kind: fc.constantFrom<ActionflowKind>('screen', 'apiEndpoint'),
    kinds: fc.array(fc.constantFrom(...ACTION_KIND_NAMES), { maxLength: 8 }),
    wires: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), { maxLength: 12 }),
  })
  .map(({ kind, kinds, wires }) => {
    let flow = newActionflow({ id: 'af-random', applicationId: REPOSITORY.tables[0]!.applicationId, kind, name: 'Random' });
    for (const k of kinds) flow = { ...flow, actions: [...flow.actions, newAction(k, freeName(ACTION_KINDS[k].label, flow), { x: flow.actions.length * 100, y: 0 }, flow, REPOSITORY)] };
    for (const [a, b, p, lookup] of wires) {
      const from = pick(flow.actions, a)!;
      const to = pick(flow.actions, b)!;
      const connection = newConnection(flow, from.id, pick(ACTION_KINDS[from.kind].points(from.props as never), p) ?? 'out', to.id);
      if (lookup) Object.assign(connection, { type: 'lookup', listName: 'Rows', mappings: [{ target: 'Rows', attribute: 'Rows' }] });
      flow = { ...flow, connections: [...flow.connections, connection] };
    }
    return flow;
  });

const anyFlow = fc.oneof(fc.constantFrom(...FIXTURE_FLOWS), flowArb);

/** Applies the edits the seeds make in turn; returns each edit, its inverse and the flow after it. */
function applySeeds(start: Actionflow, seeds: EditSeed[]) {
  const steps: { edit: Edit; inverse: Edit; before: Actionflow; after: Actionflow }[] = [];
  let flow = start;
  for (const s of seeds) {
    const edit = editFor(flow, s);
    const { flow: after, inverse } = applyEdit(flow, edit);
    steps.push({ edit, inverse, before: flow, after });
    flow = after;
  }
  return { steps, flow };
}

describe('edits and their inverses', () => {
  it('a random sequence of edits followed by all their inverses, in reverse order, gives back the original graph', () => {
    fc.assert(
      fc.property(anyFlow, fc.array(seedArb, { minLength: 1, maxLength: 25 }), (start, seeds) => {
        const original = structuredClone(start);
        const { steps, flow } = applySeeds(start, seeds);
        let back = flow;
        for (const step of [...steps].reverse()) back = applyEdit(back, step.inverse).flow;
        expect(back).toStrictEqual(original);
        // Edits are pure: the flow they started from is untouched.
        expect(start).toStrictEqual(original);
      }),
      { numRuns: 300 },
    );
  });

  it('undo then redo: the inverse of an inverse does the edit again', () => {
    fc.assert(
      fc.property(anyFlow, fc.array(seedArb, { minLength: 1, maxLength: 10 }), (start, seeds) => {
        for (const step of applySeeds(start, seeds).steps) {
          const undone = applyEdit(step.after, step.inverse);
          expect(undone.flow).toStrictEqual(step.before);
          expect(applyEdit(undone.flow, undone.inverse).flow).toStrictEqual(step.after);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('applyEdits is one undo step for all of them', () => {
    fc.assert(
      fc.property(anyFlow, fc.array(seedArb, { minLength: 1, maxLength: 8 }), (start, seeds) => {
        const { steps, flow } = applySeeds(start, seeds);
        const together = applyEdits(start, steps.map((s) => s.edit), 'together');
        expect(together.flow).toStrictEqual(flow);
        expect(applyEdit(together.flow, together.inverse).flow).toStrictEqual(start);
      }),
      { numRuns: 100 },
    );
  });
});

describe('edits that do not fit', () => {
  const flow = FIXTURE_FLOWS.find((f) => f.name === 'Call API')!;

  it('refuse an id that is not there or is taken, with a sentence, changing nothing', () => {
    const cases: [Edit, RegExp][] = [
      [{ type: 'removeAction', actionId: 'nope' }, /^The actionflow Call API has no action with the id nope\.$/],
      [{ type: 'disconnect', connectionId: 'nope' }, /^The actionflow Call API has no connection with the id nope\.$/],
      [{ type: 'addAction', action: flow.actions[0]! }, /already has an action with the id input/],
      [{ type: 'connect', connection: flow.connections[0]! }, /already has a connection with the id connection-1/],
      [{ type: 'connect', connection: { ...flow.connections[0]!, id: 'new', to: 'gone' } }, /no action with the id gone/],
      [{ type: 'batch', label: 'two', edits: [{ type: 'renameAction', actionId: 'input', name: 'Start' }, { type: 'unmap', connectionId: 'nope', target: 'x' }] }, /no connection with the id nope/],
    ];
    const before = structuredClone(flow);
    for (const [edit, message] of cases) {
      expect(() => applyEdit(flow, edit)).toThrow(EditError);
      expect(() => applyEdit(flow, edit)).toThrow(message);
    }
    expect(flow).toStrictEqual(before);
  });

  it('removing an action takes its connections along, and its undo puts them back in place', () => {
    const { flow: without, inverse } = applyEdit(flow, { type: 'removeAction', actionId: 'call-api' });
    expect(without.actions.map((a) => a.id)).not.toContain('call-api');
    expect(without.connections.map((c) => c.id)).toEqual(['connection-3', 'connection-5']);
    expect(inverse.type).toBe('batch');
    expect(applyEdit(without, inverse).flow).toStrictEqual(flow);
  });

  it('Map all maps what the connection delivers by name, creating inputs where the target takes its own', () => {
    const api = FIXTURE_FLOWS.find((f) => f.name === 'API Company Data')!;
    const cleared = applyEdit(api, { type: 'clearMappings', connectionId: 'connection-4' }).flow;
    const edit = mapAllEdit(cleared, REPOSITORY_FOR_SEED, 'connection-4');
    expect(edit.mappings).toEqual(expect.arrayContaining([{ target: 'CompanyID', attribute: 'CompanyID' }, { target: 'Orders', attribute: 'Orders' }]));
    expect(edit.createInputs.map((p) => p.name)).toContain('Status');
    const mapped = applyEdit(cleared, edit);
    expect(mapped.flow.actions.find((a) => a.id === 'output')!.inputs.map((p) => p.name)).toContain('Status');
    expect(applyEdit(mapped.flow, mapped.inverse).flow).toStrictEqual(cleared);
  });
});

const REPOSITORY_FOR_SEED = { tables: seed.tables as never, screens: seed.screens as never };
