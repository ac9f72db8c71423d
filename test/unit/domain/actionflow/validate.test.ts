import { describe, expect, it } from 'vitest';
import { focusOfProblem, readGraph, Reader, validateActionflow, MAX_ACTIONS, MAX_MAPPINGS, type Actionflow, type AnyAction, type Connection, type Problem } from '$domain/actionflow';
import { ValidationError } from '$domain/errors';
import { action, CALL_SCREEN, COMPANIES, connect, flowOf, IMPORTS, params, REPOSITORY, same } from './support';

const input = () => action('input', 'input', 'Input', { parameters: params('CompanyID') });
const find = () => action('view', 'find', 'Find', { tableId: COMPANIES.id, filters: [{ attribute: 'CompanyID', expression: 'in.CompanyID' }], dataRange: 'all' }, params('CompanyID'));
const output = (inputs = params('CompanyName')) => action('output', 'output', 'Output', {}, inputs);

/** A valid end point: Input → Find (a View) → Output. */
function endpoint(change: { actions?: (a: AnyAction[]) => AnyAction[]; connections?: (c: Connection[]) => Connection[] } = {}): Actionflow {
  const actions: AnyAction[] = [input(), find(), output()];
  const connections = [connect('c1', 'input', 'find', same('CompanyID')), connect('c2', 'find', 'output', same('CompanyName'))];
  return flowOf('apiEndpoint', change.actions ? change.actions(actions) : actions, change.connections ? change.connections(connections) : connections);
}

function withMappings(c2: Connection['mappings']) {
  return (list: Connection[]) => list.map((c) => (c.id === 'c2' ? { ...c, mappings: c2 } : c));
}

function replaceAction(id: string, change: (a: AnyAction) => AnyAction) {
  return (list: AnyAction[]) => list.map((a) => (a.id === id ? change(a) : a));
}

const problemsOf = (flow: Actionflow) => validateActionflow(flow, REPOSITORY);

function expectProblem(flow: Actionflow, problem: Problem): void {
  const problems = problemsOf(flow);
  expect(problems, JSON.stringify(problems, null, 1)).toContainEqual(problem);
  // Every message is a full sentence.
  for (const p of problems) expect(p.message).toMatch(/^[A-Z].*[.)]$/s);
}

describe('validateActionflow', () => {
  it('finds nothing wrong with a valid end point and a valid screen actionflow', () => {
    expect(problemsOf(endpoint())).toEqual([]);
    const screen = flowOf('screen', [input(), find(), action('screenOutput', 'show', 'Show', { screenId: CALL_SCREEN.id })], [
      connect('c1', 'input', 'find', same('CompanyID')),
      connect('c2', 'find', 'show', [{ target: 'Status', attribute: 'Industry' }]),
    ]);
    expect(problemsOf(screen)).toEqual([]);
  });

  it('names an actionflow without an Input', () => {
    expectProblem(endpoint({ actions: (a) => a.filter((x) => x.kind !== 'input'), connections: (c) => c.filter((x) => x.id !== 'c1') }), {
      where: { kind: 'flow' },
      message: 'The end point Test Flow has no Input action, so it has nowhere to start.',
    });
  });

  it('names the second Input of an actionflow with two', () => {
    expectProblem(endpoint({ actions: (a) => [...a, action('input', 'start', 'Start', { parameters: [] })] }), {
      where: { kind: 'action', actionId: 'start' },
      message: 'The end point Test Flow has 2 Input actions; it starts at one, so remove Start.',
    });
  });

  it('names an end point without an Output', () => {
    expectProblem(endpoint({ actions: (a) => a.filter((x) => x.kind !== 'output'), connections: (c) => c.filter((x) => x.id !== 'c2') }), {
      where: { kind: 'flow' },
      message: 'The end point Test Flow has no Output action, so its calls cannot be answered.',
    });
  });

  it('names an action whose kind the flow kind does not allow', () => {
    const screen = flowOf('screen', [input(), output(params())], [connect('c1', 'input', 'output')]);
    expectProblem(screen, {
      where: { kind: 'action', actionId: 'output' },
      message: 'The Output Output cannot be part of a screen actionflow: an Output answers an end point; a screen actionflow ends in a Screen output.',
    });
    expectProblem(endpoint({ actions: (a) => [...a, action('screenOutput', 'show', 'Show', { screenId: CALL_SCREEN.id })], connections: (c) => [...c, connect('c3', 'find', 'show')] }), {
      where: { kind: 'action', actionId: 'show' },
      message: 'The Screen output action Show cannot be part of an end point: a Screen output fills a screen, and an end point answers with an Output.',
    });
  });

  it('names an action no connection leads into, and one the Input cannot reach', () => {
    const calc = (id: string, name: string) => action('calculate', id, name, { attributes: [{ name: 'X', type: 'String', expression: '"x"' }] });
    const flow = endpoint({ actions: (a) => [...a, calc('spare', 'Spare'), calc('next', 'Next')], connections: (c) => [...c, connect('c3', 'spare', 'next')] });
    expectProblem(flow, { where: { kind: 'action', actionId: 'spare' }, message: 'The Calculate action Spare is not connected: no connection leads into it, so it never runs.' });
    expectProblem(flow, { where: { kind: 'action', actionId: 'next' }, message: 'The Calculate action Next cannot be reached from the Input Input, so it never runs.' });
  });

  it('names an action whose name another has (in any case)', () => {
    expectProblem(endpoint({ actions: replaceAction('output', (a) => ({ ...a, name: 'FIND' })) }), {
      where: { kind: 'action', actionId: 'output', field: 'name' },
      message: 'The Output FIND has the same name as another action; action names must be unique.',
    });
  });

  it('names a connection leaving from a point its action does not have', () => {
    expectProblem(endpoint({ connections: (c) => c.map((x) => (x.id === 'c2' ? { ...x, point: 'error' } : x)) }), {
      where: { kind: 'connection', connectionId: 'c2' },
      message: 'The connection from Find (error) to Output leaves from error, which the View action Find does not have (its connection points are out, empty).',
    });
  });

  it('names a connection into the Input', () => {
    expectProblem(endpoint({ connections: (c) => [...c, connect('c3', 'find', 'input', [], { point: 'empty' })] }), {
      where: { kind: 'connection', connectionId: 'c3' },
      message: 'The connection from Find (empty) to Input leads into the Input Input; nothing connects into an Input.',
    });
  });

  it('names a mapping onto a parameter the target does not have', () => {
    expectProblem(endpoint({ connections: withMappings([...same('CompanyName'), { target: 'Nope', attribute: 'Industry' }]) }), {
      where: { kind: 'connection', connectionId: 'c2', target: 'Nope' },
      message: 'The connection from Find (out) to Output maps onto Nope, which is not an input parameter of the Output Output.',
    });
  });

  it('names a mapped attribute the connection does not deliver', () => {
    expectProblem(endpoint({ connections: withMappings([{ target: 'CompanyName', attribute: 'Missing' }]) }), {
      where: { kind: 'connection', connectionId: 'c2', target: 'CompanyName' },
      message: 'The connection from Find (out) to Output maps Missing onto CompanyName, but no record on this connection has an attribute Missing.',
    });
  });

  it('names a type mismatch: text cannot go onto a date', () => {
    const flow = endpoint({ actions: replaceAction('output', (a) => ({ ...a, inputs: params({ name: 'When', type: 'Date' }) })), connections: withMappings([{ target: 'When', attribute: 'CompanyName' }]) });
    expectProblem(flow, {
      where: { kind: 'connection', connectionId: 'c2', target: 'When' },
      message: 'The connection from Find (out) to Output maps CompanyName (String) onto When (Date); a String value cannot go onto a Date parameter.',
    });
    // A date may go onto text, and onto a Datetime.
    const fine = endpoint({ actions: replaceAction('output', (a) => ({ ...a, inputs: params('Text', { name: 'At', type: 'Datetime' }) })), connections: withMappings([{ target: 'Text', attribute: 'OnboardedDate' }, { target: 'At', attribute: 'OnboardedDate' }]) });
    expect(problemsOf(fine)).toEqual([]);
  });

  it('names a mapping expression that does not parse, with the position, and one that reads an attribute not delivered', () => {
    const broken = problemsOf(endpoint({ connections: withMappings([{ target: 'CompanyName', expression: 'toUpper(in.CompanyName' }]) }));
    expect(broken).toContainEqual({
      where: { kind: 'connection', connectionId: 'c2', target: 'CompanyName' },
      message: expect.stringMatching(/^The mapping onto CompanyName of the connection from Find \(out\) to Output: The expression "toUpper\(in.CompanyName" has an error at position \d+: .+\.$/),
    });
    expectProblem(endpoint({ connections: withMappings([{ target: 'CompanyName', expression: 'in.Nothing' }]) }), {
      where: { kind: 'connection', connectionId: 'c2', target: 'CompanyName' },
      message: 'The mapping onto CompanyName of the connection from Find (out) to Output uses in.Nothing, but no record on this connection has an attribute Nothing.',
    });
  });

  it('names a declared input parameter without a default that a connection leaves unmapped', () => {
    expectProblem(endpoint({ connections: withMappings([]) }), {
      where: { kind: 'connection', connectionId: 'c2', target: 'CompanyName' },
      message: "The connection from Find (out) to Output does not map the Output Output's input parameter CompanyName, which has no default; map an attribute onto it.",
    });
    // With a default, it may stay unmapped.
    expect(problemsOf(endpoint({ actions: replaceAction('output', (a) => ({ ...a, inputs: [{ name: 'CompanyName', type: 'String', default: 'none' }] })), connections: withMappings([]) }))).toEqual([]);
  });

  it('names a table the application does not have, and a filter on an attribute the table lacks', () => {
    expectProblem(endpoint({ actions: replaceAction('find', (a) => ({ ...a, props: { ...(a.props as object), tableId: 'table-gone' } }) as AnyAction) }), {
      where: { kind: 'action', actionId: 'find', field: 'props.tableId' },
      message: 'The View action Find uses a table (table-gone) that the application does not have.',
    });
    expectProblem(endpoint({ actions: replaceAction('find', (a) => ({ ...a, props: { ...(a.props as object), filters: [{ attribute: 'Nope', expression: 'in.CompanyID' }] } }) as AnyAction) }), {
      where: { kind: 'action', actionId: 'find', field: 'props.filters[0].attribute' },
      message: 'The View action Find filters on Nope, which the table Companies has no attribute of.',
    });
  });

  it('names an expression that does not parse, with its position, and in.X that is not an input parameter', () => {
    const filter = (expression: string) => endpoint({ actions: replaceAction('find', (a) => ({ ...a, props: { ...(a.props as object), filters: [{ attribute: 'CompanyID', expression }] } }) as AnyAction) });
    expect(problemsOf(filter('in.CompanyID =='))).toContainEqual({
      where: { kind: 'action', actionId: 'find', field: 'props.filters[0].expression' },
      message: expect.stringMatching(/^The filter on CompanyID of the View action Find: The expression "in.CompanyID ==" has an error at position \d+: .+\.$/),
    });
    expectProblem(filter('in.Other'), {
      where: { kind: 'action', actionId: 'find', field: 'props.filters[0].expression' },
      message: 'The filter on CompanyID of the View action Find uses in.Other, which is not an input parameter of the action (its input parameters are CompanyID); map it on the incoming connection.',
    });
    const http = action('http', 'http', 'Call', { ...httpProps(), urlTemplate: '/x?id=${in.CompanyID' }, params('CompanyID'));
    expect(problemsOf(endpoint({ actions: (a) => [...a, http], connections: (c) => [...c, connect('c3', 'input', 'http', same('CompanyID'))] }))).toContainEqual({
      where: { kind: 'action', actionId: 'http', field: 'props.urlTemplate' },
      message: expect.stringMatching(/^The URL Template of the HTTP action Call: The template "\/x\?id=\$\{in.CompanyID" has an error at position 6: /),
    });
  });

  it('names the connection that closes a loop', () => {
    const calc = (id: string, name: string) => action('calculate', id, name, { attributes: [{ name: 'X', type: 'String', expression: '"x"' }] });
    const flow = endpoint({ actions: (a) => [...a, calc('a', 'A'), calc('b', 'B')], connections: (c) => [...c, connect('c3', 'input', 'a'), connect('c4', 'a', 'b'), connect('c5', 'b', 'a')] });
    expectProblem(flow, { where: { kind: 'connection', connectionId: 'c5' }, message: 'The connection from B to A closes a loop: records would go round it for ever. Remove it or lead it elsewhere.' });
    expect(problemsOf(flow).filter((p) => /loop/.test(p.message))).toHaveLength(1);
  });

  it("names an analysis model's _context.X that the Analysis action has no input parameter for", () => {
    const analysis = action('analysis', 'analysis', 'Run Import', { tableIds: [IMPORTS.id] });
    const flow = endpoint({ actions: (a) => [...a, analysis], connections: (c) => [...c, connect('c3', 'input', 'analysis')] });
    expectProblem(flow, {
      where: { kind: 'action', actionId: 'analysis', field: 'props.tableIds[0]' },
      message: 'The attribute Status of the table Imports uses _context.Status, but the Analysis action has no input parameter Status; map one onto it.',
    });
    const given = endpoint({ actions: (a) => [...a, { ...analysis, inputs: [{ name: 'Status', type: 'String', default: 'New' }] }], connections: (c) => [...c, connect('c3', 'input', 'analysis')] });
    expect(problemsOf(given)).toEqual([]);
  });

  it('names a Save into a table that is not transactional', () => {
    const save = action('save', 'save', 'Store', { tableId: COMPANIES.id, type: 'auto', autoSaveAttributes: true }, params('CompanyID'));
    expectProblem(endpoint({ actions: (a) => [...a, save], connections: (c) => [...c, connect('c3', 'input', 'save', same('CompanyID'))] }), {
      where: { kind: 'action', actionId: 'save', field: 'props.tableId' },
      message: 'The Save action Store saves into Companies, which is not a transactional table; choose a table that actions may write to.',
    });
  });

  it('gives each problem a focus name the designer and lessons share', () => {
    expect(focusOfProblem('af-1', { kind: 'flow' })).toBe('actionflow:af-1');
    expect(focusOfProblem('af-1', { kind: 'action', actionId: 'find', field: 'props.filters[0].expression' })).toBe('actionflow:af-1:action:find:props.filters[0].expression');
    expect(focusOfProblem('af-1', { kind: 'connection', connectionId: 'c2', target: 'CompanyName' })).toBe('actionflow:af-1:connection:c2:mapping:CompanyName');
    expect(focusOfProblem('af-1', { kind: 'connection', connectionId: 'c2' })).toBe('actionflow:af-1:connection:c2');
  });
});

function httpProps() {
  return {
    method: 'GET' as const,
    urlTemplate: '/x',
    bodyTemplate: '',
    headers: [],
    secretKeys: [],
    errorExpression: '',
    logTraffic: false,
    maxLogLength: 10_000,
    useRawUrl: false,
    outputs: {
      out: { outputType: 'String' as const, charset: 'utf-8', jsonPath: '$', attributes: [] },
      error: { outputType: 'String' as const, charset: 'utf-8', jsonPath: '$', attributes: [] },
    },
  };
}

describe('readGraph refuses a graph the sandbox could not have saved', () => {
  /** The JSON of the valid end point, to break one part of it. */
  const valid = endpoint();
  const graph = () => JSON.parse(JSON.stringify({ actions: valid.actions, connections: valid.connections })) as { actions: Record<string, any>[]; connections: Record<string, any>[] };
  const refusal = (value: unknown): ValidationError => {
    try {
      readGraph(new Reader(value, '', 'the actionflow'));
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toMatch(/^[A-Z].*[.]$/s);
      return err as ValidationError;
    }
    throw new Error('readGraph accepted the graph.');
  };

  it('reads the valid graph as it is', () => {
    expect(readGraph(new Reader(graph(), '', 'the actionflow'))).toEqual({ actions: valid.actions, connections: valid.connections });
  });

  it('refuses an action of a kind the platform does not have', () => {
    const g = graph();
    g.actions[1]!.kind = 'teleport';
    const err = refusal(g);
    expect(err.message).toBe('Action 2 of the actionflow is of a kind ("teleport") the platform does not have; the kinds are input, view, calculate, gateway, analysis, save, http, json, output, screenOutput.');
    expect(err.field).toBe('actions[1].kind');
  });

  it('refuses two actions, or two connections, with one id', () => {
    const g = graph();
    g.actions[2]!.id = 'find';
    const err = refusal(g);
    expect(err.message).toBe('Two actions have the id find; ids must be unique.');
    expect(err.field).toBe('actions[2].id');
    const h = graph();
    h.connections[1]!.id = 'c1';
    expect(refusal(h)).toMatchObject({ message: 'Two connections have the id c1; ids must be unique.', field: 'connections[1].id' });
  });

  it('refuses a connection whose end is not in the actionflow, and one back into the same action', () => {
    const g = graph();
    g.connections[1]!.to = 'gone';
    expect(refusal(g)).toMatchObject({ message: 'Connection 2 of the actionflow leads to an action (gone) that is not in the actionflow.', field: 'connections[1].to' });
    const h = graph();
    h.connections[0]!.from = 'nowhere';
    expect(refusal(h)).toMatchObject({ field: 'connections[0].from' });
    const loop = graph();
    loop.connections[1]!.to = 'find';
    expect(refusal(loop).message).toBe('The connection from Find to Find leads back into the same action; a connection joins two actions.');
  });

  it('refuses ids that are not 1 to 64 letters, digits, underscores or hyphens', () => {
    for (const id of ['', 'has space', 'a'.repeat(65), 'ünïcode']) {
      const g = graph();
      g.actions[0]!.id = id;
      expect(refusal(g)).toMatchObject({ field: 'actions[0].id', message: expect.stringMatching(/must be 1 to 64 letters, digits, underscores or hyphens\.$/) });
    }
  });

  it('refuses more actions or mappings than the limits', () => {
    const g = graph();
    g.actions = Array.from({ length: MAX_ACTIONS + 1 }, (_, i) => ({ ...g.actions[1], id: `a${i}`, name: `A ${i}` }));
    g.connections = [];
    expect(refusal(g)).toMatchObject({ field: 'actions', message: `The actions of the actionflow may hold at most ${MAX_ACTIONS} items, not ${MAX_ACTIONS + 1}.` });
    const h = graph();
    h.connections[1]!.mappings = Array.from({ length: MAX_MAPPINGS + 1 }, (_, i) => ({ target: `t${i}`, attribute: 'CompanyName' }));
    expect(refusal(h)).toMatchObject({ field: 'connections[1].mappings' });
  });

  it('refuses positions that are not finite numbers within the canvas', () => {
    for (const x of [JSON.parse('1e400'), '12', null, 2_000_000]) {
      const g = graph();
      g.actions[1]!.position = { x, y: 0 };
      expect(refusal(g)).toMatchObject({ field: 'actions[1].position.x', message: 'The x position of the View action Find must be a number from -1,000,000 to 1,000,000.' });
    }
  });

  it('refuses a mapping with both an attribute and an expression, or neither', () => {
    const g = graph();
    g.connections[1]!.mappings = [{ target: 'CompanyName', attribute: 'CompanyName', expression: '"x"' }];
    expect(refusal(g).message).toBe('Mapping 1 of the connection from Find to Output must map either an attribute or an expression onto CompanyName, not both.');
    const h = graph();
    h.connections[1]!.mappings = [{ target: 'CompanyName' }];
    expect(refusal(h)).toMatchObject({ field: 'connections[1].mappings[0]', message: 'Mapping 1 of the connection from Find to Output must map either an attribute or an expression onto CompanyName, not neither.' });
  });

  it('refuses two secret keys of one HTTP action with the same id (a masked secret is kept by its id)', () => {
    const g = graph();
    g.actions.push({ id: 'http', kind: 'http', name: 'Call', description: '', position: { x: 0, y: 0 }, inputs: [], props: { ...httpProps(), secretKeys: [{ id: 'k', name: 'A', enabled: true, secret: 'a' }, { id: 'k', name: 'B', enabled: true, secret: 'b' }] } });
    expect(refusal(g)).toMatchObject({ field: 'actions[3].props.secretKeys[1].id', message: 'Two secret keys have the id k in the properties of the HTTP action Call; ids must be unique.' });
  });

  it('refuses a field an action does not have (a typo is refused, not ignored)', () => {
    const g = graph();
    g.actions[1]!.props.dataRnage = 'latest';
    expect(refusal(g)).toMatchObject({ field: 'actions[1].props.dataRnage', message: 'The field dataRnage is not a setting of the properties of the View action Find; use tableId, filters, dataRange.' });
  });
});
