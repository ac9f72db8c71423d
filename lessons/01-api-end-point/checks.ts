/**
 * The checks of chapter 3.01. Each reads the learner's graphs by kind and by what an action is about
 * (the table a View reads, the point a record arrives by), and each failure names what is missing
 * or wrong and gives the designer's focus name for it.
 */
import { actionFocus, aliasPath, connectionFocus, pointFocus, type Action, type Actionflow, type Connection } from '$domain/actionflow';
import { actionflowByName, auditEntries } from '$domain/checks';
import type { InstanceSnapshot } from '$domain/snapshot';
import type { CheckResult } from '$lessons/types';
import {
  API_COMPANY_DATA,
  APPLICATION_ID,
  CALL_API_BUTTON,
  CALL_API_FIELDS,
  CALL_API_FLOW,
  CALL_API_SCREEN_ID,
  COMPANIES_TABLE_ID,
  COMPANY_BODY_ATTRIBUTES,
  COMPANY_DATA_PATH,
  ORDERS_LIST,
  ORDERS_TABLE_ID,
} from '../shared/course';
import { declares, filtersOn, inputOf, mappingOnto, mapsAttribute, reads, targetOfKind, viewOn } from '../shared/graph';

export const pass: CheckResult = { ok: true };
export const fail = (reason: string, focus?: string): CheckResult => ({ ok: false, reason, focus });

/** Either what was found, or the failure to report. */
type Found<T> = { ok: true; value: T } | { ok: false; result: CheckResult };
const found = <T>(value: T): Found<T> => ({ ok: true, value });
const missing = (reason: string, focus?: string): Found<never> => ({ ok: false, result: fail(reason, focus) });

/** The mapping of `connection` onto `target` takes the attribute `attribute`, or why not. */
function mappingCheck(flowId: string, connection: Connection, target: string, attribute: string, between: string): CheckResult | null {
  const mapping = mappingOnto(connection, target);
  if (!mapping) return fail(`The connection ${between} does not map ${attribute} onto ${target} yet: open its mappings and drag ${attribute} onto ${target}.`, connectionFocus(flowId, connection.id));
  if (!mapsAttribute(mapping, attribute)) {
    return fail(`The connection ${between} maps ${target} from ${'attribute' in mapping ? mapping.attribute : mapping.expression}; it should take ${attribute}.`, connectionFocus(flowId, connection.id, target));
  }
  return null;
}

// ---- API Company Data ----

function endPoint(s: InstanceSnapshot): Found<Actionflow> {
  const flow = actionflowByName(s, API_COMPANY_DATA);
  if (!flow) return missing(`There is no API end point named ${API_COMPANY_DATA} yet: create it with New API end point under Actionflow Advanced → API Endpoints.`, 'tree:endpoints');
  if (flow.kind !== 'apiEndpoint' || !flow.api) return missing(`${API_COMPANY_DATA} is a screen actionflow; it must be an API end point. Delete it and create it again with New API end point.`, `actionflow:${flow.id}`);
  if (flow.applicationId !== APPLICATION_ID) return missing(`${API_COMPANY_DATA} must belong to the Actionflow Advanced application.`, `actionflow:${flow.id}`);
  return found(flow);
}

export function checkEndPointCreated(s: InstanceSnapshot): CheckResult {
  const flow = endPoint(s);
  return flow.ok ? pass : flow.result;
}

function companyIdParameter(s: InstanceSnapshot): Found<{ flow: Actionflow; input: Action<'input'> }> {
  const flow = endPoint(s);
  if (!flow.ok) return flow;
  const input = inputOf(flow.value);
  if (!input) return missing(`${API_COMPANY_DATA} has no Input action; delete the end point and create it again.`, `actionflow:${flow.value.id}`);
  const focus = actionFocus(flow.value.id, input.id, 'props.parameters');
  const parameter = input.props.parameters.find((p) => p.name.toLowerCase() === 'companyid');
  if (!parameter) return missing(`The Input of ${API_COMPANY_DATA} has no parameter CompanyID yet: add it to the Input's Parameters, then select Save.`, focus);
  if (parameter.name !== 'CompanyID') return missing(`The Input's parameter is called ${parameter.name}; name it exactly CompanyID (the query parameter's name).`, focus);
  if (parameter.type !== 'String') return missing(`The Input's parameter CompanyID is of type ${parameter.type}; company ids such as C0001 are text, so make it String.`, focus);
  return found({ flow: flow.value, input });
}

export function checkCompanyIdParameter(s: InstanceSnapshot): CheckResult {
  const r = companyIdParameter(s);
  return r.ok ? pass : r.result;
}

/** A View on `tableId` driven from `from`'s out with CompanyID mapped and filtered on, or why not. */
function lookupView(flow: Actionflow, from: Action<'input' | 'view'>, tableId: string, tableName: string, fromName: string): Found<Action<'view'>> {
  const view = viewOn(flow, tableId);
  if (!view) return missing(`${flow.name} has no View action on the table ${tableName} yet: drag ${tableName} from the Repository onto the canvas.`, `actionflow:${flow.id}`);
  const connection = flow.connections.find((c) => c.from === from.id && c.to === view.id);
  if (!connection) return missing(`Nothing connects ${fromName} to the View on ${tableName} yet: drag from the out point of ${fromName} to the View.`, pointFocus(flow.id, from.id, 'out'));
  const between = `from ${fromName} to the View on ${tableName}`;
  if (connection.point !== 'out') return missing(`The connection ${between} leaves from ${connection.point}; it should leave from out.`, connectionFocus(flow.id, connection.id));
  if (connection.type !== 'driving') return missing(`The connection ${between} is a lookup; make it driving, so the View runs once for each record.`, connectionFocus(flow.id, connection.id));
  const wrong = mappingCheck(flow.id, connection, 'CompanyID', 'CompanyID', between);
  if (wrong) return { ok: false, result: wrong };
  if (!declares(view, 'CompanyID')) return missing(`The View on ${tableName} has no input parameter CompanyID: map CompanyID onto it in the connection's mappings.`, actionFocus(flow.id, view.id));
  if (!filtersOn(view, 'CompanyID', 'CompanyID')) {
    return missing(`The View on ${tableName} does not filter on CompanyID yet: add a filter on the attribute CompanyID with the expression in.CompanyID.`, actionFocus(flow.id, view.id, 'props.filters'));
  }
  return found(view);
}

function companyView(s: InstanceSnapshot): Found<{ flow: Actionflow; input: Action<'input'>; companies: Action<'view'> }> {
  const r = companyIdParameter(s);
  if (!r.ok) return r;
  const companies = lookupView(r.value.flow, r.value.input, COMPANIES_TABLE_ID, 'Companies', 'the Input');
  return companies.ok ? found({ ...r.value, companies: companies.value }) : companies;
}

export function checkFindCompany(s: InstanceSnapshot): CheckResult {
  const r = companyView(s);
  return r.ok ? pass : r.result;
}

function ordersView(s: InstanceSnapshot): Found<{ flow: Actionflow; input: Action<'input'>; companies: Action<'view'>; orders: Action<'view'> }> {
  const r = companyView(s);
  if (!r.ok) return r;
  const orders = lookupView(r.value.flow, r.value.companies, ORDERS_TABLE_ID, 'Orders', 'the View on Companies');
  return orders.ok ? found({ ...r.value, orders: orders.value }) : orders;
}

export function checkFindOrders(s: InstanceSnapshot): CheckResult {
  const r = ordersView(s);
  return r.ok ? pass : r.result;
}

export function checkOutputBody(s: InstanceSnapshot): CheckResult {
  const r = ordersView(s);
  if (!r.ok) return r.result;
  const { flow, input, orders } = r.value;
  const answer = targetOfKind(flow, orders.id, 'out', 'output');
  if (!answer) return fail(`The View on Orders is not connected to an Output yet: drag from its out point to the Output.`, pointFocus(flow.id, orders.id, 'out'));
  const { action: output, connection } = answer;
  const between = 'from the View on Orders to the Output';
  if (connection.type !== 'lookup') {
    return fail(`The connection ${between} is driving, so the end point would answer once per order; make it a lookup named ${ORDERS_LIST}, which gathers the orders into one list.`, connectionFocus(flow.id, connection.id));
  }
  if (connection.listName !== ORDERS_LIST) return fail(`The lookup ${between} is named ${connection.listName || '(nothing)'}; name it ${ORDERS_LIST}, the list the answer carries.`, connectionFocus(flow.id, connection.id));
  for (const attribute of [...COMPANY_BODY_ATTRIBUTES, ORDERS_LIST]) {
    const wrong = mappingCheck(flow.id, connection, attribute, attribute, between);
    if (wrong) return wrong;
  }
  if (mappingOnto(connection, 'body')) return fail(`The connection ${between} maps body, so the answer would be only that; remove the mapping onto body, so the mapped attributes make the body.`, connectionFocus(flow.id, connection.id, 'body'));
  const direct = flow.connections.find((c) => c.from === input.id && c.to === output.id);
  if (direct) {
    return fail('The Input is still connected straight to the Output, so every call answers before the company is looked up: delete that connection.', connectionFocus(flow.id, direct.id));
  }
  return pass;
}

export function checkNotFound(s: InstanceSnapshot): CheckResult {
  const r = companyView(s);
  if (!r.ok) return r.result;
  const { flow, companies } = r.value;
  const answer = targetOfKind(flow, companies.id, 'empty', 'output');
  if (!answer) return fail('The empty point of the View on Companies leads nowhere yet: connect it to a second Output, which answers when no company matches.', pointFocus(flow.id, companies.id, 'empty'));
  const { connection } = answer;
  const status = mappingOnto(connection, 'statusCode');
  if (!status) return fail('The connection from empty to the second Output does not set statusCode yet: map the expression 404 onto statusCode.', connectionFocus(flow.id, connection.id));
  if ('attribute' in status || status.expression.trim() !== '404') {
    return fail(`The statusCode of the not-found answer is ${'attribute' in status ? `the attribute ${status.attribute}` : status.expression}; it should be the expression 404.`, connectionFocus(flow.id, connection.id, 'statusCode'));
  }
  const message = mappingOnto(connection, 'error.message');
  if (!message) return fail('The not-found answer has no sentence yet: map an expression such as concat("No company has the CompanyID ", in.CompanyID, ".") onto a new parameter error.message.', connectionFocus(flow.id, connection.id));
  if ('attribute' in message || message.expression.trim() === '') return fail('error.message of the not-found answer should be an expression giving a sentence, such as concat("No company has the CompanyID ", in.CompanyID, ".").', connectionFocus(flow.id, connection.id, 'error.message'));
  return pass;
}

export function checkUrlAlias(s: InstanceSnapshot): CheckResult {
  const r = endPoint(s);
  if (!r.ok) return r.result;
  const flow = r.value;
  if (!flow.api!.urlAlias) return fail(`${API_COMPANY_DATA} has no URL Alias yet: type one in the API section of its settings, then select Save.`, `actionflow:${flow.id}:urlAlias`);
  if (!flow.api!.allowAnonymousConnections) return fail(`${API_COMPANY_DATA} no longer allows anonymous connections; leave it on for now (chapter 3.02 turns it off).`, `actionflow:${flow.id}:allowAnonymousConnections`);
  return pass;
}

/** The end point's calls answered with `status`, counted from the audit trail. */
function callsAnswered(s: InstanceSnapshot, status: number): number {
  return auditEntries(s, { actionflow: API_COMPANY_DATA, status, code: null }).length;
}

export function checkTriedKnown(s: InstanceSnapshot): CheckResult {
  const body = checkOutputBody(s);
  if (!body.ok) return fail(`Finish the answer first: ${body.reason}`, body.focus);
  if (callsAnswered(s, 200) === 0) return fail(`No call to ${API_COMPANY_DATA} has been answered 200 yet: send one from the API console with ?CompanyID=C0001.`, 'console');
  return pass;
}

export function checkTriedUnknown(s: InstanceSnapshot): CheckResult {
  const notFound = checkNotFound(s);
  if (!notFound.ok) return fail(`Finish the not-found answer first: ${notFound.reason}`, notFound.focus);
  if (callsAnswered(s, 404) === 0) return fail(`No call to ${API_COMPANY_DATA} has been answered 404 yet: send one from the API console with a CompanyID no company has, such as C9999.`, 'console');
  return pass;
}

// ---- Call API ----

function callApi(s: InstanceSnapshot): Found<{ flow: Actionflow; input: Action<'input'> }> {
  const flow = actionflowByName(s, CALL_API_FLOW);
  if (!flow) return missing(`There is no actionflow named ${CALL_API_FLOW} yet: create it with New actionflow under Actionflow Advanced → Actionflows.`, 'tree:actionflows');
  if (flow.kind !== 'screen') return missing(`${CALL_API_FLOW} is an API end point; it must be a screen actionflow. Delete it and create it with New actionflow.`, `actionflow:${flow.id}`);
  const input = inputOf(flow);
  if (!input) return missing(`${CALL_API_FLOW} has no Input action; delete it and create it again.`, `actionflow:${flow.id}`);
  if (!input.props.parameters.some((p) => p.name === 'CompanyID')) {
    return missing(`The Input of ${CALL_API_FLOW} does not read the screen's CompanyID yet: add a parameter CompanyID (String) to its Parameters.`, actionFocus(flow.id, input.id, 'props.parameters'));
  }
  return found({ flow, input });
}

export function checkCallApiCreated(s: InstanceSnapshot): CheckResult {
  const r = callApi(s);
  return r.ok ? pass : r.result;
}

/** True when `template` calls API Company Data: its URL path (origin or not), or its alias's. */
export function callsEndPoint(template: string, alias: string | undefined): boolean {
  const path = template.replace(/^https?:\/\/[^/]+/i, '').split('?')[0]!.replace(/\/$/, '');
  const spaced = (p: string) => p.replace(/%20/g, ' ');
  return spaced(path) === spaced(COMPANY_DATA_PATH) || (!!alias && path === aliasPath(alias));
}

function httpAction(s: InstanceSnapshot): Found<{ flow: Actionflow; http: Action<'http'> }> {
  const r = callApi(s);
  if (!r.ok) return r;
  const { flow, input } = r.value;
  const reached = targetOfKind(flow, input.id, 'out', 'http');
  if (!reached) return missing(`The Input of ${CALL_API_FLOW} is not connected to an HTTP action yet: add an HTTP action and drag from the Input's out point to it.`, pointFocus(flow.id, input.id, 'out'));
  const { action: http, connection } = reached;
  const wrong = mappingCheck(flow.id, connection, 'CompanyID', 'CompanyID', 'from the Input to the HTTP action');
  if (wrong) return { ok: false, result: wrong };
  const focus = actionFocus(flow.id, http.id, 'props.urlTemplate');
  const template = http.props.urlTemplate.trim();
  const alias = actionflowByName(s, API_COMPANY_DATA)?.api?.urlAlias;
  if (!template) return missing(`The HTTP action has no URL Template yet: use ${COMPANY_DATA_PATH}?CompanyID=\${in.CompanyID}.`, focus);
  if (!callsEndPoint(template, alias)) return missing(`The URL Template ${template} does not call ${API_COMPANY_DATA}: its path should be ${COMPANY_DATA_PATH}${alias ? ` or ${aliasPath(alias)}` : ''}.`, focus);
  if (!template.includes('CompanyID=${in.CompanyID}')) return missing('The URL Template does not pass the screen\'s company on: end it with ?CompanyID=${in.CompanyID}.', focus);
  if (http.props.method !== 'GET' && http.props.method !== 'GET or POST') return missing(`The HTTP action sends ${http.props.method}; the end point is read with GET.`, actionFocus(flow.id, http.id, 'props.method'));
  return found({ flow, http });
}

export function checkHttpAction(s: InstanceSnapshot): CheckResult {
  const r = httpAction(s);
  return r.ok ? pass : r.result;
}

/** A JSON action `point` of the HTTP action leads to, reading `in.body`, with the attributes named. */
function jsonReader(flow: Actionflow, http: Action<'http'>, point: 'out' | 'error', attributes: readonly string[]): Found<Action<'json'>> {
  const reached = targetOfKind(flow, http.id, point, 'json');
  if (!reached) return missing(`The ${point} point of the HTTP action leads to no JSON action yet: add a JSON action and connect ${point} to it.`, pointFocus(flow.id, http.id, point));
  const { action: json, connection } = reached;
  const wrong = mappingCheck(flow.id, connection, 'body', 'body', `from ${point} of the HTTP action to the JSON action`);
  if (wrong) return { ok: false, result: wrong };
  if (!reads(json.props.inputExpression, 'in', 'body')) return missing(`The JSON action on ${point} reads ${json.props.inputExpression || '(nothing)'}; its Input Expression should be in.body.`, actionFocus(flow.id, json.id, 'props.inputExpression'));
  if (json.props.attributes.length === 0) return missing(`The JSON action on ${point} has no Output Attributes yet.`, actionFocus(flow.id, json.id, 'props.attributes'));
  for (const name of attributes) {
    const attribute = json.props.attributes.find((a) => a.name === name);
    if (!attribute) return missing(`The JSON action on ${point} has no Output Attribute ${name} yet: add it with the expression _result.${name}.`, actionFocus(flow.id, json.id, 'props.attributes'));
    if (!reads(attribute.expression, '_result', name)) return missing(`The Output Attribute ${name} of the JSON action reads ${attribute.expression}; it should be _result.${name}.`, actionFocus(flow.id, json.id, 'props.attributes'));
  }
  return found(json);
}

export function checkReadAnswer(s: InstanceSnapshot): CheckResult {
  const r = httpAction(s);
  if (!r.ok) return r.result;
  const json = jsonReader(r.value.flow, r.value.http, 'out', COMPANY_BODY_ATTRIBUTES);
  return json.ok ? pass : json.result;
}

/** The Screen output after `from`, filling the Call API screen with every field of `fields`. */
function screenFill(flow: Actionflow, from: Action<'json'>, fields: readonly string[], path: string): CheckResult {
  const reached = targetOfKind(flow, from.id, 'out', 'screenOutput');
  if (!reached) return fail(`The JSON action on the ${path} path leads to no Screen output yet: add one for the Call API screen and connect the JSON action's out to it.`, pointFocus(flow.id, from.id, 'out'));
  const { action: output, connection } = reached;
  if (output.props.screenId !== CALL_API_SCREEN_ID) return fail(`The Screen output on the ${path} path fills another screen; choose the Call API screen.`, actionFocus(flow.id, output.id, 'props.screenId'));
  for (const field of fields) {
    if (!mappingOnto(connection, field)) return fail(`On the ${path} path, nothing is mapped onto the screen's ${field} yet: open the connection's mappings and map an attribute or an expression onto ${field}.`, connectionFocus(flow.id, connection.id));
  }
  return pass;
}

export function checkShowResult(s: InstanceSnapshot): CheckResult {
  const r = httpAction(s);
  if (!r.ok) return r.result;
  const json = jsonReader(r.value.flow, r.value.http, 'out', COMPANY_BODY_ATTRIBUTES);
  if (!json.ok) return json.result;
  return screenFill(r.value.flow, json.value, CALL_API_FIELDS, 'success');
}

/** The fields the error path fills; the button run clears the others (Industry, CompanyName). */
export const ERROR_FIELDS = ['Status', 'StatusMessage', 'CompanyID', 'Results'] as const;

export function checkShowError(s: InstanceSnapshot): CheckResult {
  const r = httpAction(s);
  if (!r.ok) return r.result;
  const json = jsonReader(r.value.flow, r.value.http, 'error', []);
  if (!json.ok) return json.result;
  return screenFill(r.value.flow, json.value, ERROR_FIELDS, 'error');
}

export function checkAttached(s: InstanceSnapshot): CheckResult {
  const flow = actionflowByName(s, CALL_API_FLOW);
  if (!flow) return fail(`There is no actionflow named ${CALL_API_FLOW} to attach yet.`, 'tree:actionflows');
  const screen = s.screens.find((x) => x.id === CALL_API_SCREEN_ID);
  const button = screen?.buttons.find((b) => b.name === CALL_API_BUTTON);
  if (!button) return fail('The Call API screen has no Call API button.', `screen:${CALL_API_SCREEN_ID}`);
  if (button.actionflowId !== flow.id) {
    return fail(`The Call API button ${button.actionflowId ? 'runs another actionflow' : 'runs no actionflow yet'}: choose ${CALL_API_FLOW} for it in the screen's Button actionflows.`, `screen:${CALL_API_SCREEN_ID}`);
  }
  return pass;
}

export function checkRanScreen(s: InstanceSnapshot): CheckResult {
  const attached = checkAttached(s);
  if (!attached.ok) return attached;
  const runs = auditEntries(s, { actionflow: CALL_API_FLOW });
  if (runs.length === 0) return fail('The Call API screen has not run yet: open it, type C0001 into CompanyID and select Call API.', `screen:${CALL_API_SCREEN_ID}`);
  if (!runs.some((e) => e.outcome === 'success')) return fail(`The run of ${CALL_API_FLOW} failed: ${runs.at(-1)!.reason ?? 'no reason given'}`, `screen:${CALL_API_SCREEN_ID}`);
  return pass;
}
