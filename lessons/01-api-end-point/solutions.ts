/**
 * "Show me" for chapter 3.01: each solution opens the learner's own actionflow, keeps what is there,
 * adds what its step needs (found by kind and by what an action is about, as the checks find it)
 * and saves once through the client.
 */
import type { SandboxClient } from '$client/index';
import type { Action, AnyAction } from '$domain/actionflow';
import {
  API_COMPANY_DATA,
  CALL_API_BUTTON,
  CALL_API_FLOW,
  CALL_API_SCREEN_ID,
  COMPANIES_TABLE_ID,
  COMPANY_BODY_ATTRIBUTES,
  COMPANY_DATA_ALIAS,
  COMPANY_DATA_PATH,
  COMPANY_DATA_URL,
  KNOWN_COMPANY_ID,
  ORDERS_LIST,
  ORDERS_TABLE_ID,
  UNKNOWN_COMPANY_ID,
  actionflowIdByName,
  runCallApiScreen,
} from '../shared/course';
import { callsEndPoint } from './checks';
import { FlowDraft, besides, filtersOn, targetOfKind, viewOn } from '../shared/graph';

/** The sentence the not-found answer gives. */
export const NOT_FOUND_MESSAGE = 'concat("No company has the CompanyID ", in.CompanyID, ".")';
/** The URL Template of Call API's HTTP action. */
export const CALL_API_URL_TEMPLATE = `${COMPANY_DATA_PATH}?CompanyID=\${in.CompanyID}`;

const openEndPoint = (client: SandboxClient) => FlowDraft.open(client, API_COMPANY_DATA, 'apiEndpoint');
const openCallApi = (client: SandboxClient) => FlowDraft.open(client, CALL_API_FLOW, 'screen');

/** The URL Alias the learner gave API Company Data, if any (a URL Template may call it by that). */
async function endPointAlias(client: SandboxClient): Promise<string | undefined> {
  return (await client.getRepository()).actionflows.find((a) => a.name === API_COMPANY_DATA)?.api?.urlAlias || undefined;
}

/** Gives the Input the parameter CompanyID (String), renaming or retyping one spelt otherwise. */
function ensureCompanyIdParameter(draft: FlowDraft): Action<'input'> {
  const input = draft.input();
  const parameter = input.props.parameters.find((p) => p.name.toLowerCase() === 'companyid');
  if (parameter) {
    parameter.name = 'CompanyID';
    parameter.type = 'String';
  } else input.props.parameters.push({ name: 'CompanyID', type: 'String' });
  return input;
}

/** The View on `tableId` driven from `from`'s out, CompanyID mapped and filtered on. */
function ensureLookupView(draft: FlowDraft, from: AnyAction, tableId: string, name: string): Action<'view'> {
  const view = viewOn(draft.flow, tableId) ?? draft.ensureAction('view', () => false, name, { tableId, filters: [], dataRange: 'all' }, besides(from));
  // A connection from another point of `from` is moved to out rather than doubled.
  const other = draft.flow.connections.find((c) => c.from === from.id && c.to === view.id && c.point !== 'out');
  if (other) other.point = 'out';
  const connection = draft.ensureConnection(from, 'out', view);
  draft.map(connection, { target: 'CompanyID', attribute: 'CompanyID' });
  if (!filtersOn(view, 'CompanyID', 'CompanyID')) {
    view.props.filters = [...view.props.filters.filter((f) => f.attribute !== 'CompanyID'), { attribute: 'CompanyID', expression: 'in.CompanyID' }];
  }
  return view;
}

export async function createEndPoint(client: SandboxClient): Promise<void> {
  await openEndPoint(client);
}

export async function addCompanyIdParameter(client: SandboxClient): Promise<void> {
  const draft = await openEndPoint(client);
  ensureCompanyIdParameter(draft);
  await draft.save();
}

export async function findCompany(client: SandboxClient): Promise<void> {
  const draft = await openEndPoint(client);
  ensureLookupView(draft, ensureCompanyIdParameter(draft), COMPANIES_TABLE_ID, 'Find Company');
  await draft.save();
}

export async function findOrders(client: SandboxClient): Promise<void> {
  const draft = await openEndPoint(client);
  const companies = ensureLookupView(draft, ensureCompanyIdParameter(draft), COMPANIES_TABLE_ID, 'Find Company');
  ensureLookupView(draft, companies, ORDERS_TABLE_ID, 'Find Orders');
  await draft.save();
}

export async function answerWithCompany(client: SandboxClient): Promise<void> {
  const draft = await openEndPoint(client);
  const input = ensureCompanyIdParameter(draft);
  const companies = ensureLookupView(draft, input, COMPANIES_TABLE_ID, 'Find Company');
  const orders = ensureLookupView(draft, companies, ORDERS_TABLE_ID, 'Find Orders');
  const notFound = targetOfKind(draft.flow, companies.id, 'empty', 'output')?.action.id;
  // The Output the new end point came with (wired to the Input) is the one to use.
  const output =
    targetOfKind(draft.flow, orders.id, 'out', 'output')?.action ??
    targetOfKind(draft.flow, input.id, 'out', 'output')?.action ??
    draft.ensureAction('output', (o) => o.id !== notFound, 'Output', {}, besides(orders));
  for (const c of draft.flow.connections.filter((x) => x.from === input.id && x.to === output.id)) draft.disconnect(input, c.point, output);
  const connection = draft.ensureConnection(orders, 'out', output, 'lookup', ORDERS_LIST);
  connection.mappings = connection.mappings.filter((m) => m.target !== 'body');
  for (const attribute of COMPANY_BODY_ATTRIBUTES) draft.map(connection, { target: attribute, attribute });
  draft.map(connection, { target: ORDERS_LIST, attribute: ORDERS_LIST }, 'List');
  await draft.save();
}

export async function answerNotFound(client: SandboxClient): Promise<void> {
  const draft = await openEndPoint(client);
  const input = ensureCompanyIdParameter(draft);
  const companies = ensureLookupView(draft, input, COMPANIES_TABLE_ID, 'Find Company');
  const orders = viewOn(draft.flow, ORDERS_TABLE_ID);
  const answer = orders ? targetOfKind(draft.flow, orders.id, 'out', 'output')?.action.id : undefined;
  const output =
    targetOfKind(draft.flow, companies.id, 'empty', 'output')?.action ??
    draft.ensureAction('output', (o) => o.id !== answer && !draft.flow.connections.some((c) => c.to === o.id), 'Company Not Found', {}, besides(companies, 1));
  const connection = draft.ensureConnection(companies, 'empty', output);
  draft.map(connection, { target: 'statusCode', expression: '404' });
  draft.map(connection, { target: 'error.message', expression: NOT_FOUND_MESSAGE });
  await draft.save();
}

export async function setUrlAlias(client: SandboxClient): Promise<void> {
  const draft = await openEndPoint(client);
  await client.updateActionflow(draft.flow.id, { api: { urlAlias: draft.flow.api?.urlAlias || COMPANY_DATA_ALIAS, allowAnonymousConnections: true } });
}

export async function tryKnownCompany(client: SandboxClient): Promise<void> {
  await client.callEndpoint({ method: 'GET', url: COMPANY_DATA_URL, headers: {} });
}

export async function tryUnknownCompany(client: SandboxClient): Promise<void> {
  await client.callEndpoint({ method: 'GET', url: COMPANY_DATA_URL.replace(KNOWN_COMPANY_ID, UNKNOWN_COMPANY_ID), headers: {} });
}

export async function createCallApi(client: SandboxClient): Promise<void> {
  const draft = await openCallApi(client);
  ensureCompanyIdParameter(draft);
  await draft.save();
}

function ensureHttpAction(draft: FlowDraft, alias: string | undefined): Action<'http'> {
  const input = ensureCompanyIdParameter(draft);
  const http = targetOfKind(draft.flow, input.id, 'out', 'http')?.action ?? draft.ensureAction('http', () => true, 'Call API', {}, besides(input));
  http.props.method = 'GET';
  const template = http.props.urlTemplate;
  if (!callsEndPoint(template, alias) || !template.includes('CompanyID=${in.CompanyID}')) http.props.urlTemplate = CALL_API_URL_TEMPLATE;
  draft.map(draft.ensureConnection(input, 'out', http), { target: 'CompanyID', attribute: 'CompanyID' });
  return http;
}

/** The JSON action on `point` of the HTTP action, reading in.body into the attributes named. */
function ensureJsonReader(draft: FlowDraft, http: Action<'http'>, point: 'out' | 'error', name: string, path: string, attributes: readonly string[]): Action<'json'> {
  const json = targetOfKind(draft.flow, http.id, point, 'json')?.action ?? draft.ensureAction('json', () => false, name, { path }, besides(http, point === 'out' ? 0 : 1));
  json.props.inputExpression = 'in.body';
  for (const attribute of attributes) {
    json.props.attributes = [...json.props.attributes.filter((a) => a.name !== attribute), { name: attribute, type: 'String', expression: `_result.${attribute}` }];
  }
  draft.map(draft.ensureConnection(http, point, json), { target: 'body', attribute: 'body' }, 'Bigstring');
  return json;
}

/** The Screen output after `from` filling the Call API screen; `fields` maps each screen field. */
function ensureScreenFill(draft: FlowDraft, from: Action<'json'>, name: string, fields: Record<string, { attribute: string } | { expression: string }>): void {
  const output = targetOfKind(draft.flow, from.id, 'out', 'screenOutput')?.action ?? draft.ensureAction('screenOutput', () => false, name, { screenId: CALL_API_SCREEN_ID }, besides(from));
  output.props.screenId = CALL_API_SCREEN_ID;
  const connection = draft.ensureConnection(from, 'out', output);
  for (const [target, source] of Object.entries(fields)) draft.map(connection, { target, ...source });
}

export async function addHttpAction(client: SandboxClient): Promise<void> {
  const draft = await openCallApi(client);
  ensureHttpAction(draft, await endPointAlias(client));
  await draft.save();
}

export async function readAnswer(client: SandboxClient): Promise<void> {
  const draft = await openCallApi(client);
  ensureJsonReader(draft, ensureHttpAction(draft, await endPointAlias(client)), 'out', 'Read Answer', '$', COMPANY_BODY_ATTRIBUTES);
  await draft.save();
}

export async function showResult(client: SandboxClient): Promise<void> {
  const draft = await openCallApi(client);
  const json = ensureJsonReader(draft, ensureHttpAction(draft, await endPointAlias(client)), 'out', 'Read Answer', '$', COMPANY_BODY_ATTRIBUTES);
  ensureScreenFill(draft, json, 'Show Result', {
    Status: { attribute: 'status' },
    StatusMessage: { expression: '"The call succeeded."' },
    Industry: { attribute: 'Industry' },
    CompanyName: { attribute: 'CompanyName' },
    CompanyID: { attribute: 'CompanyID' },
    Results: { attribute: 'body' },
  });
  await draft.save();
}

export async function showError(client: SandboxClient): Promise<void> {
  const draft = await openCallApi(client);
  const json = ensureJsonReader(draft, ensureHttpAction(draft, await endPointAlias(client)), 'error', 'Read Error', '$.error', ['message']);
  ensureScreenFill(draft, json, 'Show Error', {
    Status: { attribute: 'status' },
    StatusMessage: { attribute: 'message' },
    CompanyID: { attribute: 'CompanyID' },
    Results: { attribute: 'body' },
  });
  await draft.save();
}

export async function attachToButton(client: SandboxClient): Promise<void> {
  await client.attachActionflow(CALL_API_SCREEN_ID, CALL_API_BUTTON, await actionflowIdByName(client, CALL_API_FLOW));
}

export async function runScreen(client: SandboxClient): Promise<void> {
  await runCallApiScreen(client);
}
