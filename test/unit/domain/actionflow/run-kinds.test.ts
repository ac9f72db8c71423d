import { describe, expect, it } from 'vitest';
import { ActionflowError, defaultHttpOutput, RunFailure, runActionflow, validateActionflow, type Actionflow, type DesignRepository, type HttpOutput } from '$domain/actionflow';
import type { Screen, Table } from '$domain/entities';
import { createManualClock } from '$domain/expression';
import {
  action,
  CALL_SCREEN,
  COMPANIES,
  connect,
  failureOf,
  flowOf,
  IMPORTS,
  memoryData,
  ORDERS,
  outputOf,
  params,
  run,
  same,
  screenOf,
  testEnv,
} from './support';
import seed from '../../../../fixtures/training-instance.json';

const input = (...names: Parameters<typeof params>) => action('input', 'input', 'Input', { parameters: params(...names) });
const output = (inputs = params()) => action('output', 'output', 'Output', {}, inputs);

describe('Input', () => {
  it('passes an end point its fixed parameters (body, headers, contentType, url) and its named ones', async () => {
    const dotted = flowOf('apiEndpoint', [input('CompanyID'), output(params('call.url', 'call.contentType', 'call.body', 'call.id', { name: 'call.headers', type: 'Any' }))], [
      connect('c1', 'input', 'output', { 'call.url': 'url', 'call.contentType': 'contentType', 'call.body': 'body', 'call.id': 'CompanyID', 'call.headers': 'headers' }),
    ]);
    const result = await run(dotted, { body: '{"a":1}', headers: { 'user-agent': 'test' }, contentType: 'application/json', url: '/x?CompanyID=C1', CompanyID: 'C1', Ignored: 'not declared' });
    expect(outputOf(result).body).toEqual({ call: { url: '/x?CompanyID=C1', contentType: 'application/json', body: '{"a":1}', id: 'C1', headers: { 'user-agent': 'test' } } });
  });

  it('gives a parameter left out, or sent empty, its default; without a default it is null', async () => {
    const flow = flowOf('apiEndpoint', [input({ name: 'Status', type: 'String', default: 'New' }, 'Other'), output(params('Status', 'Other'))], [connect('c1', 'input', 'output', same('Status', 'Other'))]);
    expect(outputOf(await run(flow, {})).body).toEqual({ Status: 'New', Other: null });
    expect(outputOf(await run(flow, { Status: '' })).body).toEqual({ Status: 'New', Other: null });
    expect(outputOf(await run(flow, { Status: 'Approved', Other: 'x' })).body).toEqual({ Status: 'Approved', Other: 'x' });
  });

  it('coerces a parameter to its type, and refuses a value that does not fit with a sentence naming it', async () => {
    const flow = flowOf('apiEndpoint', [input({ name: 'Count', type: 'Integer' }, { name: 'Flag', type: 'Boolean', default: 'false' }), output(params({ name: 'Count', type: 'Integer' }, { name: 'Flag', type: 'Boolean' }))], [
      connect('c1', 'input', 'output', same('Count', 'Flag')),
    ]);
    expect(outputOf(await run(flow, { Count: '42' })).body).toEqual({ Count: 42, Flag: false });
    const error = await failureOf(run(flow, { Count: 'many' }));
    expect(error).toBeInstanceOf(ActionflowError);
    expect(error.message).toBe('The input parameter Count of Input is of type Integer, but the call gave "many" is not a number.');
    expect((error as ActionflowError).actionId).toBe('input');
    expect((await failureOf(run(flow, { Count: '1.5' }))).message).toMatch(/"1.5" is not a whole number/);
  });

  it('passes a screen actionflow only the screen fields it declares', async () => {
    const show = action('screenOutput', 'show', 'Show', { screenId: CALL_SCREEN.id });
    const flow = flowOf('screen', [input('Status'), show], [connect('c1', 'input', 'show', [{ target: 'Status', attribute: 'Status' }, { target: 'Message', attribute: 'Message' }])]);
    expect(screenOf(await run(flow, { Status: 'New', Message: 'not declared' })).fields).toEqual({ Status: 'New', Message: '' });
  });
});

describe('Output', () => {
  it('answers 200 application/json with a body of the mapped parameters, nesting dotted names', async () => {
    const flow = flowOf('apiEndpoint', [input('CompanyID'), output(params('CompanyID', 'error.code', 'error.detail.where', 'Unmapped'))], [
      connect('c1', 'input', 'output', [
        { target: 'CompanyID', attribute: 'CompanyID' },
        { target: 'error.code', expression: '"none"' },
        { target: 'error.detail.where', expression: 'concat("at ", in.CompanyID)' },
      ]),
    ]);
    const answer = outputOf(await run(flow, { CompanyID: 'C9' }));
    expect(answer).toMatchObject({ statusCode: 200, contentType: 'application/json', headers: {} });
    // Only mapped parameters make the body: Unmapped is declared but not mapped.
    expect(answer.body).toEqual({ CompanyID: 'C9', error: { code: 'none', detail: { where: 'at C9' } } });
  });

  it('answers the mapped body itself, with the mapped status code, content type and headers', async () => {
    const flow = flowOf('apiEndpoint', [input(), output(params('Other'))], [
      connect('c1', 'input', 'output', [
        { target: 'body', expression: '"plain text"' },
        { target: 'Other', expression: '"left out of a mapped body"' },
        { target: 'statusCode', expression: '"201"' },
        { target: 'contentType', expression: '"text/plain"' },
        { target: 'headers', attribute: 'headers' },
      ]),
    ]);
    const answer = outputOf(await run(flow, { headers: { 'x-trace': 'abc', 'x-null': null } }));
    expect(answer).toEqual({ kind: 'output', actionId: 'output', statusCode: 201, contentType: 'text/plain', headers: { 'x-trace': 'abc' }, body: 'plain text' });
  });

  for (const code of ['99', '600']) {
    it(`refuses the status code ${code}, which is outside 100-599`, async () => {
      const flow = flowOf('apiEndpoint', [input(), output()], [connect('c1', 'input', 'output', [{ target: 'statusCode', expression: code }])]);
      expect((await failureOf(run(flow, {}))).message).toBe(`The Output Output of Test Flow gave the status code ${code}, which is not a whole number from 100 to 599.`);
    });
  }

  it('answers 100 and 599, the bounds', async () => {
    for (const code of [100, 599]) {
      const flow = flowOf('apiEndpoint', [input(), output()], [connect('c1', 'input', 'output', [{ target: 'statusCode', expression: String(code) }])]);
      expect(outputOf(await run(flow, {})).statusCode).toBe(code);
    }
  });

  it('refuses a header name or value an HTTP answer cannot carry, naming it', async () => {
    const flow = flowOf('apiEndpoint', [input({ name: 'h', type: 'Any' }), output()], [connect('c1', 'input', 'output', [{ target: 'headers', attribute: 'h' }])]);
    expect((await failureOf(run(flow, { h: { 'bad name': 'x' } }))).message).toBe('The Output Output of Test Flow gives a header named "bad name", which is not a valid HTTP header name.');
    expect((await failureOf(run(flow, { h: { 'x-ok': 'line\nbreak' } }))).message).toBe('The Output Output of Test Flow gives the header x-ok a value with a line break or control character, which an HTTP header cannot hold.');
  });
});

describe('Calculate', () => {
  const calc = (attributes: { name: string; type: 'String' | 'Integer' | 'Decimal' | 'Float' | 'Boolean' | 'Date' | 'Datetime'; expression: string }[]) =>
    action('calculate', 'calc', 'Work Out', { attributes }, params('Name', { name: 'Count', type: 'Integer' }));

  it('adds its attributes, each of its type, to the records that pass through', async () => {
    const flow = flowOf('apiEndpoint', [
      input('Name', { name: 'Count', type: 'Integer' }),
      calc([
        { name: 'Upper', type: 'String', expression: 'toUpper(in.Name)' },
        { name: 'Double', type: 'Integer', expression: 'in.Count * 2' },
        { name: 'Half', type: 'Decimal', expression: 'in.Count / 4' },
        { name: 'Big', type: 'Boolean', expression: 'in.Count > 10' },
        { name: 'When', type: 'Date', expression: '"2025-03-04T10:00:00Z"' },
        { name: 'Text', type: 'String', expression: 'in.Count' },
      ]),
      output(params('Name', 'Upper', { name: 'Double', type: 'Integer' }, { name: 'Half', type: 'Decimal' }, { name: 'Big', type: 'Boolean' }, { name: 'When', type: 'Date' }, 'Text')),
    ], [connect('c1', 'input', 'calc', same('Name', 'Count')), connect('c2', 'calc', 'output', same('Name', 'Upper', 'Double', 'Half', 'Big', 'When', 'Text'))]);
    expect(outputOf(await run(flow, { Name: 'acme', Count: '6' })).body).toEqual({ Name: 'acme', Upper: 'ACME', Double: 12, Half: 1.5, Big: false, When: '2025-03-04', Text: '6' });
  });

  it('fails with a sentence when an attribute value does not fit its type, and when an expression fails', async () => {
    const notWhole = flowOf('screen', [input('Name'), calc([{ name: 'Third', type: 'Integer', expression: '10 / 3' }])], [connect('c1', 'input', 'calc', same('Name'))]);
    expect((await failureOf(run(notWhole, { Name: 'x' }))).message).toBe('The output attribute Third of the Calculate action Work Out is of type Integer, but its expression gave 3.3333333333333335 is not a whole number.');
    const notDate = flowOf('screen', [input('Name'), calc([{ name: 'When', type: 'Date', expression: 'in.Name' }])], [connect('c1', 'input', 'calc', same('Name'))]);
    expect((await failureOf(run(notDate, { Name: 'soon' }))).message).toMatch(/is of type Date, but its expression gave "soon" is not a date\.$/);
    const broken = flowOf('screen', [input('Name'), calc([{ name: 'Upper', type: 'String', expression: 'toUpper(in.Name, 2)' }])], [connect('c1', 'input', 'calc', same('Name'))]);
    const error = await failureOf(run(broken, { Name: 'x' }));
    expect(error.message).toMatch(/^The Calculate action Work Out could not evaluate the output attribute Upper: /);
    expect((error as ActionflowError).actionId).toBe('calc');
  });

  it('waits in sleep() on the injected clock, so a test fast-forwards it', async () => {
    const clock = createManualClock();
    const flow = flowOf('apiEndpoint', [
      input(),
      action('calculate', 'slow', 'Slow Import', { attributes: [{ name: 'Status', type: 'String', expression: '"New"' }, { name: 'Delay', type: 'Integer', expression: 'sleep(20)' }] }),
      output(params('Status', { name: 'Delay', type: 'Integer' })),
    ], [connect('c1', 'input', 'slow'), connect('c2', 'slow', 'output', same('Status', 'Delay'))]);
    const running = run(flow, {}, testEnv({ clock }));
    await clock.whenSleeping();
    clock.advance(20_000);
    expect(outputOf(await running).body).toEqual({ Status: 'New', Delay: 20 });
  });
});

describe('View', () => {
  const view = (props: Partial<{ tableId: string; filters: { attribute: string; expression: string }[]; dataRange: 'all' | 'latest' }> = {}) =>
    action('view', 'view', 'Find', { tableId: COMPANIES.id, filters: [{ attribute: 'Industry', expression: 'in.Industry' }], dataRange: 'all', ...props }, params('Industry'));

  it('sends each record a filter keeps on out, with the table attributes and the passed-through data', async () => {
    const flow = flowOf('screen', [input('Industry'), view(), action('calculate', 'tag', 'Tag', { attributes: [{ name: 'Tag', type: 'String', expression: 'concat(in.CompanyID, "/", in.Industry)' }] }, params('CompanyID', 'Industry'))], [
      connect('c1', 'input', 'view', same('Industry')),
      connect('c2', 'view', 'tag', same('CompanyID', 'Industry')),
    ]);
    const { trace } = await run(flow, { Industry: 'Logistics' });
    const out = trace!.actions.find((a) => a.actionId === 'view')!.out;
    expect(out.out!.count).toBe(2);
    expect(out.out!.sample.map((r) => r.CompanyID)).toEqual(['C1', 'C3']);
    expect(trace!.actions.find((a) => a.actionId === 'tag')!.out.out!.sample).toEqual([{ Tag: 'C1/Logistics' }, { Tag: 'C3/Logistics' }]);
  });

  it('keeps only records that every filter holds for, and with no filters reads all', async () => {
    const both = view({ filters: [{ attribute: 'Industry', expression: 'in.Industry' }, { attribute: 'Employees', expression: '7' }] });
    const data = memoryData();
    expect(await data.read(COMPANIES.id, [{ attribute: 'Industry', operator: '=', value: 'Logistics' }], 'all', 10)).toHaveLength(2);
    const flow = flowOf('apiEndpoint', [input('Industry'), both, output(params('CompanyID'))], [connect('c1', 'input', 'view', same('Industry')), connect('c2', 'view', 'output', same('CompanyID'))]);
    expect(outputOf(await run(flow, { Industry: 'Logistics' })).body).toEqual({ CompanyID: 'C3' });
    const all = flowOf('screen', [input(), view({ filters: [] })], [connect('c1', 'input', 'view')]);
    expect((await run(all, {})).trace!.actions[1]!.out.out!.count).toBe(3);
  });

  it('sends one record on empty when nothing is found, carrying what reached it', async () => {
    const flow = flowOf('apiEndpoint', [input('Industry'), view(), output(params('Industry'))], [
      connect('c1', 'input', 'view', same('Industry')),
      connect('c2', 'view', 'output', [{ target: 'statusCode', expression: '404' }, { target: 'Industry', attribute: 'Industry' }], { point: 'empty' }),
    ]);
    const answer = outputOf(await run(flow, { Industry: 'Mining' }));
    expect(answer).toMatchObject({ statusCode: 404, body: { Industry: 'Mining' } });
  });

  it('gathers the records it sends for one record into one list on a lookup connection, an empty list when none', async () => {
    const orders = action('view', 'orders', 'Find Orders', { tableId: ORDERS.id, filters: [{ attribute: 'CompanyID', expression: 'in.CompanyID' }], dataRange: 'all' }, params('CompanyID'));
    const flow = flowOf('apiEndpoint', [input('CompanyID'), orders, output(params('CompanyID', { name: 'Orders', type: 'List' }))], [
      connect('c1', 'input', 'orders', same('CompanyID')),
      connect('c2', 'orders', 'output', same('CompanyID', 'Orders'), { type: 'lookup', listName: 'Orders' }),
    ]);
    const found = await run(flow, { CompanyID: 'C1' });
    expect(outputOf(found).body).toEqual({ CompanyID: 'C1', Orders: [{ OrderID: 'O1', CompanyID: 'C1', Total: 10 }, { OrderID: 'O2', CompanyID: 'C1', Total: 20 }] });
    expect(found.trace!.connections).toEqual({ c1: 1, c2: 1 });
    expect(outputOf(await run(flow, { CompanyID: 'C404' })).body).toEqual({ CompanyID: 'C404', Orders: [] });
  });

  it('reads only the latest analysis run with Data Range Latest', async () => {
    const data = memoryData({ additionalCompanies: [{ CompanyID: 'A1', _run: 1 }, { CompanyID: 'A2', _run: 2 }, { CompanyID: 'A3', _run: 2 }, { CompanyID: 'A4' }] });
    data.runs.set(IMPORTS.id, 2);
    const latest = flowOf('screen', [input(), action('view', 'view', 'Latest', { tableId: IMPORTS.id, filters: [], dataRange: 'latest' })], [connect('c1', 'input', 'view')]);
    const { trace } = await run(latest, {}, testEnv({ data }));
    expect(trace!.actions[1]!.out.out!.sample.map((r) => r.CompanyID)).toEqual(['A2', 'A3']);
    // Hidden attributes (the run number) stay behind.
    expect(Object.keys(trace!.actions[1]!.out.out!.sample[0]!)).toEqual(IMPORTS.attributes.map((a) => a.name));
  });

  it('fails naming the table when the application does not have it', async () => {
    const flow = flowOf('screen', [input(), view({ tableId: 'table-gone', filters: [] })], [connect('c1', 'input', 'view')]);
    expect((await failureOf(run(flow, {}))).message).toBe('The View action Find in Test Flow reads a table (table-gone) that the application does not have.');
  });
});

describe('Analysis', () => {
  const analysis = action('analysis', 'analysis', 'Run Import', { tableIds: [IMPORTS.id] }, params('Status'));
  const flow = flowOf('apiEndpoint', [
    input({ name: 'Status', type: 'String', default: 'New' }),
    analysis,
    action('view', 'view', 'Imported', { tableId: IMPORTS.id, filters: [], dataRange: 'latest' }),
    output(params({ name: 'Imported', type: 'List' })),
  ], [
    connect('c1', 'input', 'analysis', same('Status')),
    connect('c2', 'analysis', 'view'),
    connect('c3', 'view', 'output', same('Imported'), { type: 'lookup', listName: 'Imported' }),
  ]);

  it('sets the attributes with expressions from _context on the unprocessed records only, as the next run', async () => {
    const data = memoryData({ additionalCompanies: [{ CompanyID: 'A1', CompanyName: 'Old', Status: 'Done', _run: 1 }, { CompanyID: 'A2', CompanyName: 'Acme', Status: null }, { CompanyID: 'A3', CompanyName: 'Beta', Status: null }] });
    data.runs.set(IMPORTS.id, 1);
    const answer = outputOf(await run(flow, { Status: 'Approved' }, testEnv({ data })));
    expect(answer.body).toEqual({
      Imported: [
        { CompanyID: 'A2', CompanyName: 'Acme', Status: 'Approved', Employees: null },
        { CompanyID: 'A3', CompanyName: 'Beta', Status: 'Approved', Employees: null },
      ],
    });
    expect(data.runs.get(IMPORTS.id)).toBe(2);
    expect(data.rows.additionalCompanies).toEqual([
      { CompanyID: 'A1', CompanyName: 'Old', Status: 'Done', _run: 1 },
      { CompanyID: 'A2', CompanyName: 'Acme', Status: 'Approved', _run: 2 },
      { CompanyID: 'A3', CompanyName: 'Beta', Status: 'Approved', _run: 2 },
    ]);
  });

  it('finds nothing new when run again: the next run processes no records, so Latest is empty', async () => {
    const data = memoryData({ additionalCompanies: [{ CompanyID: 'A1', CompanyName: 'Acme', Status: null }] });
    const env = testEnv({ data });
    expect((outputOf(await run(flow, {}, env)).body as { Imported: unknown[] }).Imported).toHaveLength(1);
    expect(data.rows.additionalCompanies![0]).toMatchObject({ Status: 'New', _run: 1 });
    expect(outputOf(await run(flow, {}, env)).body).toEqual({ Imported: [] });
    expect(data.runs.get(IMPORTS.id)).toBe(2);
  });

  it('fails with a sentence naming the attribute when its expression fails or gives a value of the wrong type, writing nothing', async () => {
    const broken = { ...IMPORTS, attributes: IMPORTS.attributes.map((a) => (a.name === 'Employees' ? { ...a, expression: '_context.Status' } : a)) };
    const data = memoryData({ additionalCompanies: [{ CompanyID: 'A1' }] }, [broken]);
    const error = await failureOf(run(flow, { Status: 'x' }, testEnv({ data })));
    expect(error.message).toBe('The attribute Employees of the table Imports is of type Integer, but its expression gave "x" is not a number.');
    expect(data.rows.additionalCompanies).toEqual([{ CompanyID: 'A1' }]);
    const failing = { ...IMPORTS, attributes: IMPORTS.attributes.map((a) => (a.name === 'Status' ? { ...a, expression: 'toUpper(_context.Status, 1)' } : a)) };
    const error2 = await failureOf(run(flow, { Status: 'x' }, testEnv({ data: memoryData({ additionalCompanies: [{ CompanyID: 'A1' }] }, [failing]) })));
    expect(error2.message).toMatch(/^The Analysis action Run Import could not compute the attribute Status of the table Imports: /);
  });

  it('lets a stop during a sleep in the analysis model pass as the stop, not as an expression error', async () => {
    const sleepy = { ...IMPORTS, attributes: IMPORTS.attributes.map((a) => (a.name === 'Status' ? { ...a, expression: 'if(sleep(5) > 0, _context.Status, "")' } : a)) };
    const stopped = new Error('the run was stopped');
    const clock = { now: () => new Date(), sleep: () => Promise.reject(stopped) };
    const failure = await run(flow, {}, testEnv({ clock, data: memoryData({ additionalCompanies: [{ CompanyID: 'A1' }] }, [sleepy]) })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RunFailure);
    expect((failure as RunFailure).error).toBe(stopped);
  });
});

describe('Save', () => {
  const save = (props: Partial<{ type: 'insert' | 'update' | 'auto'; autoSaveAttributes: boolean; tableId: string }> = {}, inputs = params('CompanyID', 'CompanyName')) =>
    action('save', 'save', 'Store', { tableId: IMPORTS.id, type: 'insert', autoSaveAttributes: true, ...props }, inputs);
  const flowWith = (s: ReturnType<typeof save>, mappings = same('CompanyID', 'CompanyName')) =>
    flowOf('screen', [input('CompanyID', 'CompanyName', 'Status', { name: 'Employees', type: 'Integer' }), s], [connect('c1', 'input', 'save', mappings)]);

  it('Insert adds a record, saving unmapped attributes of the record matched by name (Auto Save Attributes)', async () => {
    const env = testEnv();
    await run(flowWith(save()), { CompanyID: 'A1', CompanyName: 'Acme', Status: 'New', Employees: '12' }, env);
    expect(env.data.rows.additionalCompanies).toEqual([{ CompanyID: 'A1', CompanyName: 'Acme', Status: 'New', Employees: 12 }]);
  });

  it('with Auto Save Attributes off saves only the mapped attributes', async () => {
    const env = testEnv();
    await run(flowWith(save({ autoSaveAttributes: false })), { CompanyID: 'A1', CompanyName: 'Acme', Status: 'New', Employees: '12' }, env);
    expect(env.data.rows.additionalCompanies).toEqual([{ CompanyID: 'A1', CompanyName: 'Acme' }]);
  });

  it('Insert refuses a key that exists and saves nothing of the batch', async () => {
    const data = memoryData({ additionalCompanies: [{ CompanyID: 'A2', CompanyName: 'Before' }] });
    const view = action('view', 'view', 'Companies', { tableId: COMPANIES.id, filters: [], dataRange: 'all' });
    const flow = flowOf('screen', [input(), view, action('save', 'save', 'Store', { tableId: IMPORTS.id, type: 'insert', autoSaveAttributes: false }, params('CompanyID'))], [
      connect('c1', 'input', 'view'),
      connect('c2', 'view', 'save', [{ target: 'CompanyID', expression: 'if(in.CompanyID == "C2", "A2", in.CompanyID)' }]),
    ]);
    const error = await failureOf(run(flow, {}, testEnv({ data })));
    expect(error.message).toBe('The Save action Store failed and saved nothing: Imports already has a record with the CompanyID A2.');
    expect(data.rows.additionalCompanies).toEqual([{ CompanyID: 'A2', CompanyName: 'Before' }]);
  });

  it('Update changes an existing record and refuses a missing one; Auto does either', async () => {
    const data = memoryData({ additionalCompanies: [{ CompanyID: 'A1', CompanyName: 'Before', Status: 'Old' }] });
    await run(flowWith(save({ type: 'update', autoSaveAttributes: false })), { CompanyID: 'A1', CompanyName: 'After' }, testEnv({ data }));
    expect(data.rows.additionalCompanies).toEqual([{ CompanyID: 'A1', CompanyName: 'After', Status: 'Old' }]);
    expect((await failureOf(run(flowWith(save({ type: 'update' })), { CompanyID: 'A9', CompanyName: 'X' }, testEnv({ data })))).message).toMatch(/^The Save action Store failed and saved nothing: Imports has no record with the CompanyID A9/);
    await run(flowWith(save({ type: 'auto', autoSaveAttributes: false })), { CompanyID: 'A9', CompanyName: 'New one' }, testEnv({ data }));
    await run(flowWith(save({ type: 'auto', autoSaveAttributes: false })), { CompanyID: 'A1', CompanyName: 'Again' }, testEnv({ data }));
    expect(data.rows.additionalCompanies).toEqual([
      { CompanyID: 'A1', CompanyName: 'Again', Status: 'Old' },
      { CompanyID: 'A9', CompanyName: 'New one' },
    ]);
  });

  it('fails when one attribute gets several values (a list), saving nothing', async () => {
    const orders = action('view', 'orders', 'Orders', { tableId: ORDERS.id, filters: [], dataRange: 'all' });
    const flow = flowOf('screen', [input('CompanyID'), orders, action('save', 'save', 'Store', { tableId: IMPORTS.id, type: 'auto', autoSaveAttributes: true }, params('CompanyID'))], [
      connect('c1', 'input', 'orders'),
      connect('c2', 'orders', 'save', same('CompanyID'), { type: 'lookup', listName: 'CompanyName' }),
    ]);
    const env = testEnv();
    const error = await failureOf(run(flow, { CompanyID: 'A1' }, env));
    expect(error.message).toBe('The Save action Store got 3 values for the attribute CompanyName of one record; a record holds one value per attribute.');
    expect(env.data.rows.additionalCompanies).toEqual([]);
  });

  it('fails when the record has no key, and when a value does not fit the attribute type', async () => {
    const env = testEnv();
    expect((await failureOf(run(flowWith(save({ autoSaveAttributes: false }), same('CompanyName')), { CompanyName: 'No key' }, env))).message).toBe(
      'The Save action Store has a record without CompanyID, the attribute that identifies records of Imports; map it or turn Auto Save Attributes on.',
    );
    const typed = flowOf('screen', [input('CompanyID', 'Employees'), save({}, params('CompanyID'))], [connect('c1', 'input', 'save', same('CompanyID'))]);
    expect((await failureOf(run(typed, { CompanyID: 'A1', Employees: 'lots' }, env))).message).toBe('The Save action Store cannot save "lots" is not a number in the Integer attribute Employees of Imports.');
    expect(env.data.rows.additionalCompanies).toEqual([]);
  });

  it('refuses to write into a table that is not transactional, even when run with validation errors', async () => {
    const env = testEnv();
    const flow = flowOf('screen', [input('CompanyID'), save({ tableId: COMPANIES.id }, params('CompanyID'))], [connect('c1', 'input', 'save', same('CompanyID'))]);
    expect((await failureOf(run(flow, { CompanyID: 'C1' }, env))).message).toBe('The Save action Store saves into Companies, which is not a transactional table, so it saved nothing.');
    expect(env.data.writes).toEqual([]);
  });
});

describe('HTTP', () => {
  type HttpProps = Extract<ReturnType<typeof action<'http'>>, { kind: 'http' }>['props'];
  const http = (props: Partial<HttpProps> = {}, inputs = params('CompanyID')) =>
    action('http', 'http', 'Call API', {
      method: 'GET',
      urlTemplate: '/api/companies?id=${in.CompanyID}',
      bodyTemplate: '',
      headers: [],
      secretKeys: [],
      errorExpression: '',
      logTraffic: false,
      maxLogLength: 10_000,
      useRawUrl: false,
      outputs: { out: defaultHttpOutput(), error: defaultHttpOutput() },
      ...props,
    }, inputs);
  const show = action('screenOutput', 'show', 'Show', { screenId: CALL_SCREEN.id });
  const showError = action('screenOutput', 'show-error', 'Show Error', { screenId: CALL_SCREEN.id });
  const flowWith = (h: ReturnType<typeof http>, extra: { inputs?: Parameters<typeof params> } = {}) =>
    flowOf('screen', [input('CompanyID', ...(extra.inputs ?? [])), h, show, showError], [
      connect('c1', 'input', 'http', same(...h.inputs.map((p) => p.name))),
      connect('c2', 'http', 'show', [{ target: 'Status', attribute: 'status' }, { target: 'Results', attribute: 'body' }]),
      connect('c3', 'http', 'show-error', [{ target: 'Status', attribute: 'status' }, { target: 'Message', attribute: 'body' }, { target: 'Results', attribute: 'contentType' }], { point: 'error' }),
    ]);

  it('sends the URL template filled from in, spaces as %20, and passes the answer on out', async () => {
    const env = testEnv({ reply: () => ({ status: 200, contentType: 'application/json', body: '{"CompanyName":"Acme"}' }) });
    const result = await run(flowWith(http()), { CompanyID: 'C 1' }, env);
    expect(env.sent).toEqual([{ method: 'GET', url: '/api/companies?id=C%201', headers: {}, body: undefined }]);
    expect(screenOf(result)).toMatchObject({ actionId: 'show', fields: { Status: '200', Results: '{"CompanyName":"Acme"}' } });
  });

  it('with Use Raw URL keeps spaces as they are', async () => {
    const env = testEnv();
    await run(flowWith(http({ useRawUrl: true })), { CompanyID: 'C 1' }, env);
    expect(env.sent[0]!.url).toBe('/api/companies?id=C 1');
  });

  it('sends the Body Template unless it is only whitespace; GET or POST posts only with a body', async () => {
    const env = testEnv();
    await run(flowWith(http({ method: 'POST', bodyTemplate: '{ "id": "${in.CompanyID}" }' })), { CompanyID: 'C1' }, env);
    await run(flowWith(http({ method: 'POST', bodyTemplate: '  \n ' })), { CompanyID: 'C1' }, env);
    await run(flowWith(http({ method: 'GET or POST', bodyTemplate: '{"id":"${in.CompanyID}"}' })), { CompanyID: 'C2' }, env);
    await run(flowWith(http({ method: 'GET or POST', bodyTemplate: ' ' })), { CompanyID: 'C3' }, env);
    expect(env.sent.map((s) => [s.method, s.body])).toEqual([
      ['POST', '{ "id": "C1" }'],
      ['POST', undefined],
      ['POST', '{"id":"C2"}'],
      ['GET', undefined],
    ]);
  });

  it('sends headers from expressions, leaving out those that give null', async () => {
    const env = testEnv();
    await run(flowWith(http({ headers: [{ name: 'X-Company', expression: 'in.CompanyID' }, { name: 'X-None', expression: 'null' }, { name: 'X-User', expression: '_user.username' }] })), { CompanyID: 'C1' }, env);
    expect(env.sent[0]!.headers).toEqual({ 'X-Company': 'C1', 'X-User': 'apiagent' });
  });

  const secured = { headers: [{ name: 'Authorization', expression: '_datasource.APIKey' }], secretKeys: [{ id: 'k1', name: 'APIKey', enabled: true, secret: 'the.api.key' }] };

  it('sends a secret key for a user who holds Use API Key', async () => {
    const env = testEnv();
    await run(flowWith(http(secured)), { CompanyID: 'C1' }, env);
    expect(env.sent[0]!.headers).toEqual({ Authorization: 'the.api.key' });
    expect(env.refusals).toEqual([]);
  });

  it('keeps a secret back from a user without Use API Key: nothing is sent, the record takes the error path, onRefusal is told', async () => {
    const env = testEnv({ runAs: { userId: 'u0', login: 'trainee', name: 'Training User', privileges: ['Run Actions'] } });
    const result = await run(flowWith(http(secured)), { CompanyID: 'C1' }, env);
    const sentence = 'The user trainee needs the Use API Key privilege to use the secret key APIKey in the HTTP action Call API, so the request was not sent.';
    expect(env.sent).toEqual([]);
    expect(env.refusals).toEqual([{ actionId: 'http', code: 'missing_privilege', message: sentence, privilege: 'Use API Key' }]);
    expect(env.failures).toEqual([{ actionId: 'http', actionName: 'Call API', status: 0 }]);
    const fields = screenOf(result).fields;
    expect(screenOf(result).actionId).toBe('show-error');
    expect(fields.Status).toBe('0');
    expect(JSON.parse(fields.Message!)).toEqual({ error: { code: 'missing_privilege', message: sentence } });
    expect(fields.Results).toBe('application/json');
  });

  it('fails the action for a disabled secret and for one the action does not have, sending nothing', async () => {
    const env = testEnv();
    expect((await failureOf(run(flowWith(http({ ...secured, secretKeys: [{ ...secured.secretKeys[0]!, enabled: false }] })), { CompanyID: 'C1' }, env))).message).toBe(
      'The secret key APIKey of the HTTP action Call API is disabled, so it cannot be used.',
    );
    expect((await failureOf(run(flowWith(http({ ...secured, secretKeys: [] })), { CompanyID: 'C1' }, env))).message).toBe('The HTTP action Call API has no secret key named APIKey.');
    expect(env.sent).toEqual([]);
  });

  it('names the header whose expression fails, sending nothing', async () => {
    const env = testEnv();
    const error = await failureOf(run(flowWith(http({ headers: [{ name: 'X-Broken', expression: 'toUpper(1, 2)' }] })), { CompanyID: 'C1' }, env));
    expect(error.message).toMatch(/^The HTTP action Call API could not evaluate the header X-Broken: /);
    expect(env.sent).toEqual([]);
  });

  it('takes the error path for a status outside 200-299 by default, and by the Error Expression when it has one', async () => {
    const refusing = testEnv({ reply: () => ({ status: 401, contentType: 'application/json', body: '{"error":{"message":"No key."}}' }) });
    expect(screenOf(await run(flowWith(http()), { CompanyID: 'C1' }, refusing))).toMatchObject({ actionId: 'show-error', fields: { Status: '401' } });
    expect(refusing.failures).toEqual([{ actionId: 'http', actionName: 'Call API', status: 401 }]);
    // The Error Expression sees _result (status, body, contentType, isError) and in.
    const soft = testEnv({ reply: () => ({ status: 200, contentType: 'text/plain', body: 'FAILED' }) });
    const withExpression = http({ errorExpression: '_result.body == "FAILED" || in.CompanyID == "bad"' });
    expect(screenOf(await run(flowWith(withExpression), { CompanyID: 'C1' }, soft)).actionId).toBe('show-error');
    const fine = testEnv({ reply: () => ({ status: 500, contentType: 'text/plain', body: 'oops' }) });
    expect(screenOf(await run(flowWith(http({ errorExpression: '_result.status == 418' })), { CompanyID: 'C1' }, fine)).actionId).toBe('show');
    const broken = await failureOf(run(flowWith(http({ errorExpression: '_result.status + ' })), { CompanyID: 'C1' }, testEnv()));
    expect(broken.message).toMatch(/^The HTTP action Call API could not evaluate its Error Expression/);
  });

  it('reads the answer as JSON with a JSON Path for an output of Output Type JSON', async () => {
    const out: HttpOutput = {
      outputType: 'JSON',
      charset: 'utf-8',
      jsonPath: '$.company',
      attributes: [
        { name: 'status', type: 'Integer', expression: '_result.status' },
        { name: 'body', type: 'String', expression: '_result.body.name' },
      ],
    };
    const env = testEnv({ reply: () => ({ status: 200, contentType: 'application/json', body: '{"company":{"name":"Acme"}}' }) });
    expect(screenOf(await run(flowWith(http({ outputs: { out, error: defaultHttpOutput() } })), { CompanyID: 'C1' }, env)).fields).toEqual({ Status: '200', Results: 'Acme' });
    const notJson = testEnv({ reply: () => ({ status: 200, contentType: 'text/html', body: '<html>' }) });
    expect((await failureOf(run(flowWith(http({ outputs: { out, error: defaultHttpOutput() } })), { CompanyID: 'C1' }, notJson))).message).toBe(
      'The HTTP action Call API reads its answer as JSON, but the body is not JSON: <html>',
    );
  });

  it('logs its traffic into the trace with Log Traffic on, cut at Maximum HTTP Log Length, with secrets masked', async () => {
    const env = testEnv({ reply: () => ({ status: 200, contentType: 'text/plain', body: 'x'.repeat(500) }) });
    const logged = http({ logTraffic: true, maxLogLength: 120, urlTemplate: '/api?key=${_datasource.APIKey}&id=${in.CompanyID}', secretKeys: secured.secretKeys });
    const { trace } = await run(flowWith(logged), { CompanyID: 'C1' }, env);
    const log = trace!.actions.find((a) => a.actionId === 'http')!.log;
    expect(log).toHaveLength(1);
    expect(log[0]!.startsWith('GET /api?key=********&id=C1\n→ 200 text/plain\nxxx')).toBe(true);
    expect(log[0]).not.toContain('the.api.key');
    expect(log[0]).toMatch(/… \(\d+ more characters not logged\)$/);
    expect(log[0]!.length).toBeLessThan(120 + 60);
    expect(env.sent[0]!.url).toBe('/api?key=the.api.key&id=C1');
    // Off: nothing is logged.
    const quiet = await run(flowWith(http()), { CompanyID: 'C1' }, testEnv());
    expect(quiet.trace!.actions.find((a) => a.actionId === 'http')!.log).toEqual([]);
  });

  it('reports an unreachable server through the error output, status 0, with a sentence', async () => {
    const env = testEnv({
      reply: () => {
        throw new Error('connection refused');
      },
    });
    const answer = screenOf(await run(flowWith(http()), { CompanyID: 'C1' }, env));
    expect(answer.actionId).toBe('show-error');
    expect(answer.fields.Status).toBe('0');
    expect(JSON.parse(answer.fields.Message!).error).toEqual({ code: 'unreachable', message: 'The HTTP action Call API could not reach /api/companies?id=C1: connection refused' });
  });

  it('passes the input attributes through to what it sends', async () => {
    const calc = action('calculate', 'calc', 'After', { attributes: [{ name: 'Seen', type: 'String', expression: 'concat(in.CompanyID, ":", in.status)' }] }, params('CompanyID', { name: 'status', type: 'Integer' }));
    const flow = flowOf('screen', [input('CompanyID'), http(), calc], [connect('c1', 'input', 'http', same('CompanyID')), connect('c2', 'http', 'calc', same('CompanyID', 'status'))]);
    const { trace } = await run(flow, { CompanyID: 'C7' });
    expect(trace!.actions.find((a) => a.actionId === 'calc')!.out.out!.sample).toEqual([{ Seen: 'C7:200' }]);
  });
});

describe('JSON', () => {
  const json = (props: Partial<{ inputExpression: string; strict: boolean; path: string; attributes: { name: string; type: 'String' | 'Integer'; expression: string }[] }> = {}) =>
    action('json', 'json', 'Read', { inputExpression: 'in.body', strict: false, path: '$', attributes: [{ name: 'Name', type: 'String', expression: '_result.name' }], ...props }, params({ name: 'body', type: 'Bigstring' }));
  const flowWith = (j: ReturnType<typeof json>) =>
    flowOf('apiEndpoint', [input(), j, output(params('Name', { name: 'Names', type: 'List' }))], [
      connect('c1', 'input', 'json', same('body')),
      connect('c2', 'json', 'output', same('Names'), { type: 'lookup', listName: 'Names' }),
    ]);
  const names = async (j: ReturnType<typeof json>, body: unknown) => ((outputOf(await run(flowWith(j), { body })).body as { Names: { Name: string }[] }).Names).map((n) => n.Name);

  it('sends one record per node its Path matches, attributes computed from the node as _result', async () => {
    expect(await names(json({ path: '$.items[*]' }), '{"items":[{"name":"a"},{"name":"b"},{"name":"c"}]}')).toEqual(['a', 'b', 'c']);
    expect(await names(json({ path: '$..name', attributes: [{ name: 'Name', type: 'String', expression: '_result' }] }), '{"x":{"name":"deep"},"name":"top"}')).toEqual(['top', 'deep']);
    expect(await names(json({ path: '$.missing' }), '{"name":"a"}')).toEqual([]);
    expect(await names(json(), '{"name":"whole"}')).toEqual(['whole']);
  });

  it('parses leniently by default (single quotes, unquoted keys, trailing commas), strictly when asked', async () => {
    const lenient = "{ name: 'relaxed', }";
    expect(await names(json(), lenient)).toEqual(['relaxed']);
    const error = await failureOf(run(flowWith(json({ strict: true })), { body: lenient }));
    expect(error.message).toMatch(/^The JSON action Read could not read its input as strict JSON: .+\.$/);
    expect(await names(json({ strict: true }), '{"name":"strict"}')).toEqual(['strict']);
  });

  it('fails with a sentence on text that is not JSON even leniently', async () => {
    expect((await failureOf(run(flowWith(json()), { body: '{ nope' }))).message).toMatch(/^The JSON action Read could not read its input as JSON: /);
  });

  it('sends nothing for empty input, and reads a value that is already parsed', async () => {
    expect(await names(json(), '  ')).toEqual([]);
    const parsed = flowOf('apiEndpoint', [input({ name: 'doc', type: 'Any' }), action('json', 'json', 'Read', { inputExpression: 'in.doc', strict: true, path: '$[*]', attributes: [{ name: 'Name', type: 'String', expression: '_result.name' }] }, params({ name: 'doc', type: 'Any' })), output(params({ name: 'Names', type: 'List' }))], [
      connect('c1', 'input', 'json', same('doc')),
      connect('c2', 'json', 'output', same('Names'), { type: 'lookup', listName: 'Names' }),
    ]);
    expect(outputOf(await run(parsed, { doc: [{ name: 'x' }] })).body).toEqual({ Names: [{ Name: 'x' }] });
  });
});

describe('Gateway', () => {
  const gateway = action('gateway', 'gate', 'Size', { branches: [{ name: 'big', condition: 'in.Employees >= 100' }, { name: 'medium', condition: 'in.Employees >= 10' }] }, params({ name: 'Employees', type: 'Integer' }));
  const flow = flowOf('apiEndpoint', [
    input({ name: 'Employees', type: 'Integer' }),
    gateway,
    action('output', 'big', 'Big', {}, params('size')),
    action('output', 'medium', 'Medium', {}, params('size')),
    action('output', 'small', 'Small', {}, params('size')),
  ], [
    connect('c1', 'input', 'gate', same('Employees')),
    connect('c2', 'gate', 'big', [{ target: 'size', expression: '"big"' }], { point: 'big' }),
    connect('c3', 'gate', 'medium', [{ target: 'size', expression: '"medium"' }], { point: 'medium' }),
    connect('c4', 'gate', 'small', [{ target: 'size', expression: 'concat("small: ", in.Employees)' }], { point: 'otherwise' }),
  ]);

  it('sends each record on the first branch whose condition holds, otherwise on otherwise', async () => {
    expect(outputOf(await run(flow, { Employees: '500' })).body).toEqual({ size: 'big' });
    expect(outputOf(await run(flow, { Employees: '50' })).body).toEqual({ size: 'medium' });
    const small = await run(flow, { Employees: '5' });
    expect(outputOf(small)).toMatchObject({ actionId: 'small', body: { size: 'small: 5' } });
    expect(small.answers).toHaveLength(1);
    expect(small.trace!.connections).toEqual({ c1: 1, c4: 1 });
  });
});

describe('Screen output', () => {
  it('sets only the mapped fields, as text', async () => {
    const show = action('screenOutput', 'show', 'Show', { screenId: CALL_SCREEN.id });
    const flow = flowOf('screen', [input({ name: 'Count', type: 'Integer' }), show], [
      connect('c1', 'input', 'show', [{ target: 'Status', attribute: 'Count' }, { target: 'Results', expression: 'null' }]),
    ]);
    expect(screenOf(await run(flow, { Count: '3' }))).toEqual({ kind: 'screen', actionId: 'show', screenId: CALL_SCREEN.id, fields: { Status: '3', Results: '' } });
  });
});

describe('the run as a whole', () => {
  it('refuses an actionflow without an Input, and one whose connections loop', async () => {
    const noInput = flowOf('apiEndpoint', [output()], []);
    expect((await failureOf(run(noInput, {}))).message).toBe('The actionflow Test Flow has no Input action, so it cannot start.');
    const loop = flowOf('screen', [input(), action('calculate', 'a', 'A', { attributes: [] }), action('calculate', 'b', 'B', { attributes: [] })], [
      connect('c1', 'input', 'a'),
      connect('c2', 'a', 'b'),
      connect('c3', 'b', 'a'),
    ]);
    expect((await failureOf(run(loop, {}))).message).toMatch(/form a loop/);
  });

  it('stops before its next action once its signal aborts, and runs nothing after', async () => {
    const stop = new AbortController();
    const data = memoryData();
    const read = data.read;
    const looked: string[] = [];
    data.read = async (...args) => {
      looked.push(args[0]);
      stop.abort();
      return read(...args);
    };
    const flow = flowOf('screen', [input(), action('view', 'v1', 'First', { tableId: COMPANIES.id, filters: [], dataRange: 'all' }), action('view', 'v2', 'Second', { tableId: ORDERS.id, filters: [], dataRange: 'all' })], [
      connect('c1', 'input', 'v1'),
      connect('c2', 'v1', 'v2'),
    ]);
    const error = await failureOf(run(flow, {}, testEnv({ data, signal: stop.signal })));
    expect(error.message).toBe('The actionflow Test Flow was stopped before its action Second.');
    expect(looked).toEqual([COMPANIES.id]);
  });

  it('runs an action once for all the records that reach it along several connections', async () => {
    const flow = flowOf('apiEndpoint', [
      input('A'),
      action('calculate', 'left', 'Left', { attributes: [{ name: 'Side', type: 'String', expression: '"left"' }] }),
      action('calculate', 'right', 'Right', { attributes: [{ name: 'Side', type: 'String', expression: '"right"' }] }),
      output(params('Side')),
    ], [connect('c1', 'input', 'left'), connect('c2', 'input', 'right'), connect('c3', 'left', 'output', same('Side')), connect('c4', 'right', 'output', same('Side'))]);
    const result = await run(flow, { A: 'x' });
    expect(result.answers.map((a) => (a as { body: unknown }).body)).toEqual([{ Side: 'left' }, { Side: 'right' }]);
    expect(result.trace!.actions.find((a) => a.actionId === 'output')!.in.count).toBe(2);
  });

  it('refuses a mapping whose value does not fit the target type, naming the connection', async () => {
    const flow = flowOf('apiEndpoint', [input('A'), output(params({ name: 'N', type: 'Integer' }))], [connect('c1', 'input', 'output', [{ target: 'N', attribute: 'A' }])]);
    expect((await failureOf(run(flow, { A: 'abc' }))).message).toBe('The connection from Input to Output maps "abc" is not a number onto N, which is of type Integer.');
    const expression = flowOf('apiEndpoint', [input('A'), output(params('N'))], [connect('c1', 'input', 'output', [{ target: 'N', expression: 'toUpper(in.A, 1)' }])]);
    expect((await failureOf(run(expression, { A: 'abc' }))).message).toMatch(/^The mapping onto N of the connection from Input to Output could not be evaluated: /);
  });
});

describe("the fixture's actionflows (what the old runtime's tests covered)", () => {
  const flows = seed.actionflows as unknown as Actionflow[];
  const apiCompanyData = flows.find((f) => f.name === 'API Company Data')!;
  const callApi = flows.find((f) => f.name === 'Call API')!;
  const repository: DesignRepository = { tables: seed.tables as unknown as Table[], screens: seed.screens as unknown as Screen[] };
  const companies = [{ CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics', Status: 'Active', Country: 'United Kingdom', City: 'Leeds', Employees: 120, OnboardedDate: '2020-01-01' }];
  const orders = [
    { OrderID: 'O1', CompanyID: 'C0001', OrderDate: '2024-01-01', Status: 'Open', Currency: 'GBP', Total: 10 },
    { OrderID: 'O2', CompanyID: 'C0001', OrderDate: '2024-01-02', Status: 'Open', Currency: 'GBP', Total: 20 },
    { OrderID: 'O3', CompanyID: 'C0002', OrderDate: '2024-01-03', Status: 'Open', Currency: 'GBP', Total: 30 },
  ];
  const seedEnv = (overrides: Parameters<typeof testEnv>[0] = {}) => testEnv({ data: memoryData({ companies, orders }, repository.tables), ...overrides });
  const runSeed = (flow: Actionflow, inputs: Record<string, unknown>, env = seedEnv()) => runActionflow(flow, { inputs, env, repository });

  it('both validate without problems', () => {
    expect(validateActionflow(apiCompanyData, repository)).toEqual([]);
    expect(validateActionflow(callApi, repository)).toEqual([]);
  });

  it('API Company Data looks the company and its orders up and builds the output body', async () => {
    expect(outputOf(await runSeed(apiCompanyData, { CompanyID: 'C0001' }))).toMatchObject({
      statusCode: 200,
      contentType: 'application/json',
      body: { CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics', Country: 'United Kingdom', Orders: orders.slice(0, 2) },
    });
  });

  it('API Company Data takes the empty path to a 404 with a nested error object when no company matches, or none is asked for', async () => {
    expect(outputOf(await runSeed(apiCompanyData, { CompanyID: 'C0404' }))).toMatchObject({
      statusCode: 404,
      body: { error: { code: 'company_not_found', message: 'The end point API Company Data found no company with CompanyID C0404.' } },
    });
    expect(outputOf(await runSeed(apiCompanyData, {})).statusCode).toBe(404);
  });

  it("Call API takes its input parameter's default when the screen field is empty, and fills the screen from the answer", async () => {
    const env = seedEnv({ reply: () => ({ status: 200, contentType: 'application/json', body: JSON.stringify({ CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics' }) }) });
    const result = await runSeed(callApi, { CompanyID: '' }, env);
    expect(env.sent).toEqual([{ method: 'GET', url: '/phixflow/api/1/action/Actionflow%20Advanced/API%20Company%20Data/trigger?CompanyID=C0001', headers: {}, body: undefined }]);
    expect(screenOf(result).fields).toMatchObject({ Status: '200', StatusMessage: 'The call succeeded.', CompanyID: 'C0001', CompanyName: 'Northwind Logistics Ltd', Industry: 'Logistics' });
  });

  it("Call API takes the error output for a refused call and shows the server's sentence", async () => {
    const env = seedEnv({ reply: () => ({ status: 401, contentType: 'application/json', body: JSON.stringify({ error: { code: 'missing_api_key', message: 'No key was sent.' } }) }) });
    expect(screenOf(await runSeed(callApi, { CompanyID: 'C0001' }, env)).fields).toMatchObject({ Status: '401', StatusMessage: 'No key was sent.' });
  });

  it('Call API reports an unreachable server through the error output', async () => {
    const env = seedEnv({
      reply: () => {
        throw new Error('connection refused');
      },
    });
    expect(screenOf(await runSeed(callApi, {}, env)).fields).toMatchObject({ Status: '0', StatusMessage: expect.stringContaining('could not reach') });
  });
});
