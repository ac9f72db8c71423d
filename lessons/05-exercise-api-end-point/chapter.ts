/**
 * A self-checking exercise after chapter 3.01: the same skills on a new end point, API Company
 * Orders, which answers a company's orders between two dates given as query parameters. Task
 * statements, checks and a score only; the checks read the graph by kind, and the last one reads
 * the answer the API console got from the request log.
 */
import type { SandboxClient } from '$client/index';
import { aliasPath, actionFocus, connectionFocus, pointFocus, type Action, type Actionflow } from '$domain/actionflow';
import { actionflowByName } from '$domain/checks';
import { FIXTURE } from '$domain/fixtures';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { Chapter, CheckResult } from '$lessons/types';
import {
  API_COMPANY_ORDERS,
  APPLICATION_ID,
  COMPANY_ORDERS_PATH,
  DATE_RANGE,
  KNOWN_COMPANY_ID,
  ORDERS_LIST,
  ORDERS_TABLE_ID,
  loggedInAsDesigner,
} from '../shared/course';
import { FlowDraft, besides, inputOf, mappingOnto, mapsAttribute, reads, targetOfKind, viewOn } from '../shared/graph';
import ordersEndPoint from './tasks/01-orders-end-point.md?raw';
import ordersInRange from './tasks/02-orders-in-range.md?raw';
import answerOrders from './tasks/03-answer-orders.md?raw';
import proveRange from './tasks/04-prove-range.md?raw';

const pass: CheckResult = { ok: true };
const fail = (reason: string, focus?: string): CheckResult => ({ ok: false, reason, focus });

/** The end point's parameters: CompanyID and the two dates. */
const PARAMETERS = [
  { name: 'CompanyID', type: 'String' },
  { name: DATE_RANGE.from, type: 'Date' },
  { name: DATE_RANGE.to, type: 'Date' },
] as const;

/** The filters of the View on Orders: the company, and the range, both days included. */
const FILTERS = [
  { attribute: 'CompanyID', operator: '=', parameter: 'CompanyID' },
  { attribute: 'OrderDate', operator: '>=', parameter: DATE_RANGE.from },
  { attribute: 'OrderDate', operator: '<=', parameter: DATE_RANGE.to },
] as const;

type Built = { flow: Actionflow; input: Action<'input'>; orders?: Action<'view'> };

function endPoint(s: InstanceSnapshot): { ok: true; built: Built } | { ok: false; result: CheckResult } {
  const flow = actionflowByName(s, API_COMPANY_ORDERS);
  if (!flow) return { ok: false, result: fail(`There is no API end point named ${API_COMPANY_ORDERS} yet.`, 'tree:endpoints') };
  if (flow.kind !== 'apiEndpoint' || flow.applicationId !== APPLICATION_ID) return { ok: false, result: fail(`${API_COMPANY_ORDERS} must be an API end point of Actionflow Advanced.`, `actionflow:${flow.id}`) };
  const input = inputOf(flow);
  if (!input) return { ok: false, result: fail(`${API_COMPANY_ORDERS} has no Input action.`, `actionflow:${flow.id}`) };
  for (const wanted of PARAMETERS) {
    const parameter = input.props.parameters.find((p) => p.name === wanted.name);
    const focus = actionFocus(flow.id, input.id, 'props.parameters');
    if (!parameter) return { ok: false, result: fail(`The Input of ${API_COMPANY_ORDERS} has no parameter ${wanted.name} yet.`, focus) };
    if (parameter.type !== wanted.type) return { ok: false, result: fail(`The Input's parameter ${wanted.name} is of type ${parameter.type}; it should be ${wanted.type}.`, focus) };
  }
  return { ok: true, built: { flow, input } };
}

function ordersView(s: InstanceSnapshot): { ok: true; built: Required<Built> } | { ok: false; result: CheckResult } {
  const r = endPoint(s);
  if (!r.ok) return r;
  const { flow, input } = r.built;
  const orders = viewOn(flow, ORDERS_TABLE_ID);
  if (!orders) return { ok: false, result: fail(`${API_COMPANY_ORDERS} has no View on the table Orders yet.`, `actionflow:${flow.id}`) };
  const connection = flow.connections.find((c) => c.from === input.id && c.point === 'out' && c.to === orders.id);
  if (!connection || connection.type !== 'driving') {
    return { ok: false, result: fail("The Input's out point does not drive the View on Orders yet.", pointFocus(flow.id, input.id, 'out')) };
  }
  for (const { parameter } of FILTERS) {
    if (!mapsAttribute(mappingOnto(connection, parameter), parameter)) {
      return { ok: false, result: fail(`The connection from the Input to the View on Orders does not map ${parameter} onto ${parameter} yet.`, connectionFocus(flow.id, connection.id)) };
    }
  }
  for (const wanted of FILTERS) {
    const holds = orders.props.filters.some((f) => f.attribute === wanted.attribute && (f.operator ?? '=') === wanted.operator && reads(f.expression, 'in', wanted.parameter));
    if (!holds) {
      return { ok: false, result: fail(`The View on Orders has no filter ${wanted.attribute} ${wanted.operator} in.${wanted.parameter} yet.`, actionFocus(flow.id, orders.id, 'props.filters')) };
    }
  }
  return { ok: true, built: { flow, input, orders } };
}

function checkAnswer(s: InstanceSnapshot): CheckResult {
  const r = ordersView(s);
  if (!r.ok) return r.result;
  const { flow, input, orders } = r.built;
  const answer = targetOfKind(flow, orders.id, 'out', 'output');
  if (!answer) return fail('The View on Orders is not connected to an Output yet.', pointFocus(flow.id, orders.id, 'out'));
  const { action: output, connection } = answer;
  if (connection.type !== 'lookup' || connection.listName !== ORDERS_LIST) {
    return fail(`The connection from the View on Orders to the Output should be a lookup named ${ORDERS_LIST}, so the end point answers once with every order.`, connectionFocus(flow.id, connection.id));
  }
  if (!mapsAttribute(mappingOnto(connection, ORDERS_LIST), ORDERS_LIST)) return fail(`The lookup does not map ${ORDERS_LIST} onto the Output yet.`, connectionFocus(flow.id, connection.id));
  const direct = flow.connections.find((c) => c.from === input.id && c.to === output.id);
  if (direct) return fail('The Input is still connected straight to the Output, so calls are answered before the look-up.', connectionFocus(flow.id, direct.id));
  return pass;
}

/** True when a logged URL calls the end point, by its path or its alias. */
function callsOrders(pathname: string, alias: string | undefined): boolean {
  const spaced = (p: string) => decodeURIComponent(p).replace(/\/$/, '');
  return spaced(pathname) === spaced(COMPANY_ORDERS_PATH) || (!!alias && spaced(pathname) === spaced(aliasPath(alias)));
}

function checkProved(s: InstanceSnapshot): CheckResult {
  const flow = actionflowByName(s, API_COMPANY_ORDERS);
  const { from, to } = DATE_RANGE.example;
  const calls = (s.requestLog ?? []).flatMap((entry) => {
    const url = new URL(entry.url, 'http://sandbox.invalid');
    const q = url.searchParams;
    return callsOrders(url.pathname, flow?.api?.urlAlias) && q.get('CompanyID') === KNOWN_COMPANY_ID && q.get(DATE_RANGE.from) === from && q.get(DATE_RANGE.to) === to ? [entry] : [];
  });
  if (calls.length === 0) return fail(`The request log shows no call to ${API_COMPANY_ORDERS} with CompanyID=${KNOWN_COMPANY_ID}&${DATE_RANGE.from}=${from}&${DATE_RANGE.to}=${to} yet.`, 'console');
  const answered = calls.filter((c) => c.status === 200);
  if (answered.length === 0) return fail(`The last such call was answered ${calls.at(-1)!.status}, not 200.`, 'console');
  for (const call of answered.reverse()) {
    let body: unknown;
    try {
      body = JSON.parse(call.responseBody ?? '');
    } catch {
      continue;
    }
    const list = (body as Record<string, unknown> | null)?.[ORDERS_LIST];
    if (!Array.isArray(list)) return fail(`The answer has no list named ${ORDERS_LIST}.`, 'console');
    const wrong = list.find((o: Record<string, unknown>) => o.CompanyID !== KNOWN_COMPANY_ID || typeof o.OrderDate !== 'string' || o.OrderDate < from || o.OrderDate > to);
    if (wrong) return fail(`The answer holds the order ${String((wrong as Record<string, unknown>).OrderID)} of ${String((wrong as Record<string, unknown>).OrderDate)}, which is outside the company or the dates.`, 'console');
    if (list.length === 0) return fail(`The answer's ${ORDERS_LIST} is empty, but ${KNOWN_COMPANY_ID} has orders in those years.`, 'console');
    return pass;
  }
  return fail('The answers in the request log are not JSON the check can read; call once more.', 'console');
}

async function openOrders(client: SandboxClient): Promise<FlowDraft> {
  const draft = await FlowDraft.open(client, API_COMPANY_ORDERS, 'apiEndpoint');
  const input = draft.input();
  for (const wanted of PARAMETERS) {
    const parameter = input.props.parameters.find((p) => p.name === wanted.name);
    if (parameter) parameter.type = wanted.type;
    else input.props.parameters.push({ name: wanted.name, type: wanted.type });
  }
  return draft;
}

function ensureOrdersView(draft: FlowDraft): Action<'view'> {
  const input = draft.input();
  const orders = viewOn(draft.flow, ORDERS_TABLE_ID) ?? draft.ensureAction('view', () => false, 'Find Orders', { tableId: ORDERS_TABLE_ID, filters: [], dataRange: 'all' }, besides(input));
  const connection = draft.ensureConnection(input, 'out', orders);
  for (const wanted of PARAMETERS) draft.map(connection, { target: wanted.name, attribute: wanted.name }, wanted.type);
  orders.props.filters = [
    ...orders.props.filters.filter((f) => !FILTERS.some((w) => w.attribute === f.attribute && (f.operator ?? '=') === w.operator)),
    ...FILTERS.map((w) => ({ attribute: w.attribute, expression: `in.${w.parameter}`, ...(w.operator === '=' ? {} : { operator: w.operator }) })),
  ];
  return orders;
}

const exercise: Chapter = {
  id: 'exercise-api-end-point',
  title: 'Exercise: orders between two dates',
  summary: `Build a second end point on your own, ${API_COMPANY_ORDERS}, answering a company's orders between two dates, and prove it from the API console: four tasks, checked and scored.`,
  kind: 'exercise',
  prerequisites: ['api-end-point'],
  startFixture: FIXTURE.trainingInstance,
  startChecks: [
    {
      title: `There is no ${API_COMPANY_ORDERS} yet`,
      check: (s) => (actionflowByName(s, API_COMPANY_ORDERS) ? fail(`Your instance already has ${API_COMPANY_ORDERS}; start on a fresh instance to build it anew.`) : pass),
    },
    loggedInAsDesigner,
  ],
  steps: [
    {
      id: 'orders-end-point',
      title: 'An end point with three parameters',
      text: ordersEndPoint,
      check: (s) => {
        const r = endPoint(s);
        return r.ok ? pass : r.result;
      },
      hints: ['As in chapter 3.01: New API end point, then the Input\'s Parameters.', 'The dates are parameters of type Date.'],
      solve: async ({ client }) => {
        await (await openOrders(client)).save();
      },
    },
    {
      id: 'orders-in-range',
      title: 'Only the orders in the range',
      text: ordersInRange,
      check: (s) => {
        const r = ordersView(s);
        return r.ok ? pass : r.result;
      },
      hints: ['One View on Orders with three filters; every mapped parameter can be used in them.', 'Choose the Operator of a filter: >= for the first day, <= for the last.'],
      solve: async ({ client }) => {
        const draft = await openOrders(client);
        ensureOrdersView(draft);
        await draft.save();
      },
    },
    {
      id: 'answer-orders',
      title: 'One answer with the list',
      text: answerOrders,
      check: checkAnswer,
      hints: ['A lookup connection gathers the records into one list.', 'Delete the connection from the Input to the Output.'],
      solve: async ({ client }) => {
        const draft = await openOrders(client);
        const orders = ensureOrdersView(draft);
        const input = draft.input();
        const output = targetOfKind(draft.flow, orders.id, 'out', 'output')?.action ?? targetOfKind(draft.flow, input.id, 'out', 'output')?.action ?? draft.ensureAction('output', () => true, 'Output', {}, besides(orders));
        for (const c of draft.flow.connections.filter((x) => x.from === input.id && x.to === output.id)) draft.disconnect(input, c.point, output);
        draft.map(draft.ensureConnection(orders, 'out', output, 'lookup', ORDERS_LIST), { target: ORDERS_LIST, attribute: ORDERS_LIST }, 'List');
        await draft.save();
      },
    },
    {
      id: 'prove-range',
      title: 'Prove it from the API console',
      text: proveRange,
      check: checkProved,
      hints: ['Query parameters follow a ? and are joined with &.', `${COMPANY_ORDERS_PATH}?CompanyID=${KNOWN_COMPANY_ID}&${DATE_RANGE.from}=${DATE_RANGE.example.from}&${DATE_RANGE.to}=${DATE_RANGE.example.to}`],
      solve: async ({ client }) => {
        const { from, to } = DATE_RANGE.example;
        await client.callEndpoint({ method: 'GET', url: `${COMPANY_ORDERS_PATH}?CompanyID=${KNOWN_COMPANY_ID}&${DATE_RANGE.from}=${from}&${DATE_RANGE.to}=${to}`, headers: {} });
      },
    },
  ],
};

export default exercise;
