/**
 * Reading an actionflow's graph and settings from untrusted JSON (the designer's PUT, an imported
 * instance file): structure, types, limits and references between its own parts. A graph that
 * passes may still have problems (see validate.ts); one that does not is refused with a sentence.
 */
import { DESCRIPTION_MAX_LENGTH, IDENTIFIER_PATTERN, NAME_MAX_LENGTH, TIMEOUT_MAX_MS, URL_ALIAS_PATTERN } from '../rules';
import { ACTION_KINDS, BODY_PATH_PATTERN, isActionKind, type AnyAction } from './kinds/index';
import { readParameters, NAME_RULE } from './kinds/common';
import { DEFAULT_TIMEOUT_MS, type ActionflowGraph, type ActionflowKind, type ActionflowSettings, type ApiSettings, type Connection, type Mapping } from './model';
import { capitalise, Reader, uniqueNames } from './reader';

export const MAX_ACTIONS = 500;
export const MAX_CONNECTIONS = 2_000;
export const MAX_MAPPINGS = 200;
/** How far from the origin an action may sit on the canvas. */
export const MAX_COORDINATE = 1_000_000;
/** Ids of actions, connections and secret keys. */
export const PART_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

const ID_RULE = 'must be 1 to 64 letters, digits, underscores or hyphens';

/** Reads a name: required, trimmed, at most 100 characters, no slash (names become URL parts). */
export function readName(reader: Reader): string {
  const name = reader.string({ max: NAME_MAX_LENGTH, trim: true });
  if (!name) reader.fail(`${capitalise(reader.what)} is required.`);
  if (/[/\\]/.test(name)) reader.fail(`${capitalise(reader.what)} cannot hold a slash, because names become parts of URLs.`);
  return name;
}

function readAction(item: Reader): AnyAction {
  item.object(['id', 'kind', 'name', 'description', 'position', 'inputs', 'props']);
  const kindName = item.field('kind', `the kind of ${item.what}`).value;
  if (!isActionKind(kindName)) {
    item.fail(`${capitalise(item.what)} is of a kind (${JSON.stringify(kindName ?? null)}) the platform does not have; the kinds are ${Object.keys(ACTION_KINDS).join(', ')}.`, `${item.path}.kind`);
  }
  const kind = ACTION_KINDS[kindName];
  const name = readName(item.field('name', `the name of ${item.what}`));
  const what = `the ${kind.label} action ${name}`;
  const position = item.field('position', `the position of ${what}`);
  position.object(['x', 'y']);
  const coordinate = (axis: 'x' | 'y') => position.field(axis, `the ${axis} position of ${what}`).number({ min: -MAX_COORDINATE, max: MAX_COORDINATE });
  const inputs = item.field('inputs', `the input parameters of ${what}`);
  return {
    id: item.field('id', `the id of ${what}`).string({ pattern: PART_ID_PATTERN, patternRule: ID_RULE }),
    kind: kindName,
    name,
    description: item.field('description', `the description of ${what}`).string({ max: DESCRIPTION_MAX_LENGTH, fallback: '' }),
    position: { x: coordinate('x'), y: coordinate('y') },
    inputs: inputs.value === undefined ? [] : readParameters(inputs, 200, kindName === 'output' ? BODY_PATH_PATTERN : IDENTIFIER_PATTERN),
    props: kind.read(item.field('props', `the properties of ${what}`)) as never,
  } as AnyAction;
}

function readMapping(item: Reader): Mapping {
  const raw = item.object(['target', 'attribute', 'expression']);
  const target = item.field('target', `the target of ${item.what}`).string({ max: 200, trim: true });
  if (!target) item.fail(`${capitalise(item.what)} has no target parameter.`);
  if ((raw.attribute === undefined) === (raw.expression === undefined)) {
    item.fail(`${capitalise(item.what)} must map either an attribute or an expression onto ${target}, not ${raw.attribute === undefined ? 'neither' : 'both'}.`);
  }
  if (raw.attribute !== undefined) return { target, attribute: item.field('attribute', `the attribute of ${item.what}`).string({ max: 200, trim: true }) };
  return { target, expression: item.field('expression', `the expression of ${item.what}`).string() };
}

function readConnection(item: Reader, actionIds: Map<string, string>): Connection {
  item.object(['id', 'from', 'point', 'to', 'type', 'listName', 'mappings']);
  const id = item.field('id', `the id of ${item.what}`).string({ pattern: PART_ID_PATTERN, patternRule: ID_RULE });
  const end = (key: 'from' | 'to') => {
    const field = item.field(key, `the ${key === 'from' ? 'source' : 'target'} of ${item.what}`);
    const actionId = field.string({ max: 64 });
    if (!actionIds.has(actionId)) field.fail(`${capitalise(item.what)} ${key === 'from' ? 'leaves from' : 'leads to'} an action (${actionId}) that is not in the actionflow.`);
    return actionId;
  };
  const from = end('from');
  const to = end('to');
  const what = `the connection from ${actionIds.get(from)} to ${actionIds.get(to)}`;
  if (from === to) item.fail(`${capitalise(what)} leads back into the same action; a connection joins two actions.`);
  const listName = item.field('listName', `the list name of ${what}`).string({ fallback: '', trim: true });
  const type = item.field('type', `the type of ${what}`).oneOf(['driving', 'lookup'], 'driving');
  if (type === 'lookup' && !IDENTIFIER_PATTERN.test(listName)) {
    item.fail(`The list name ${JSON.stringify(listName)} of ${what} ${NAME_RULE.replace('in.Name', 'in.Orders')}.`, `${item.path}.listName`);
  }
  const mappingList = item.field('mappings', `the mappings of ${what}`);
  const mappings = (mappingList.value === undefined ? [] : mappingList.list(MAX_MAPPINGS, (i) => `mapping ${i + 1} of ${what}`)).map((m) => ({ reader: m, value: readMapping(m) }));
  uniqueNames(mappings.map((m) => ({ reader: m.reader, name: m.value.target })), `${what}'s mappings`, 'target');
  return {
    id,
    from,
    point: item.field('point', `the connection point of ${what}`).string({ max: 64, trim: true, fallback: 'out' }) || 'out',
    to,
    type,
    listName,
    mappings: mappings.map((m) => m.value),
  };
}

/** Reads `{ actions, connections }`; refuses with a ValidationError naming the field. */
export function readGraph(value: Reader): ActionflowGraph {
  const actionList = value.field('actions', 'the actions of the actionflow');
  const actions = actionList.list(MAX_ACTIONS, (i) => `action ${i + 1} of the actionflow`).map(readAction);
  const ids = new Map<string, string>();
  actions.forEach((a, i) => {
    if (ids.has(a.id)) new Reader(a.id, `${actionList.path}[${i}].id`, `the id of action ${i + 1}`).fail(`Two actions have the id ${a.id}; ids must be unique.`);
    ids.set(a.id, a.name);
  });
  const connectionList = value.field('connections', 'the connections of the actionflow');
  const connections = (connectionList.value === undefined ? [] : connectionList.list(MAX_CONNECTIONS, (i) => `connection ${i + 1} of the actionflow`)).map((c) => readConnection(c, ids));
  const seen = new Set<string>();
  connections.forEach((c, i) => {
    if (seen.has(c.id)) new Reader(c.id, `${connectionList.path}[${i}].id`, '').fail(`Two connections have the id ${c.id}; ids must be unique.`);
    seen.add(c.id);
  });
  return { actions, connections };
}

/** Reads an end point's API settings, the missing ones taken from `before`. */
export function readApiSettings(reader: Reader, before: ApiSettings, what: string): ApiSettings {
  reader.object(['urlAlias', 'apiMode', 'allowAnonymousConnections', 'timeoutMs', 'logRequest', 'logResponse']);
  const flag = (name: 'allowAnonymousConnections' | 'logRequest' | 'logResponse', label: string) =>
    reader.field(name, `the ${label} setting of ${what}`).boolean(before[name]);
  const apiMode = reader.field('apiMode', `the API Mode of ${what}`).oneOf(['synchronous', 'asynchronous'], before.apiMode);
  // Switching the mode moves a Timeout left at the old mode's default to the new mode's default.
  const timeoutFallback = apiMode !== before.apiMode && before.timeoutMs === DEFAULT_TIMEOUT_MS[before.apiMode] ? DEFAULT_TIMEOUT_MS[apiMode] : before.timeoutMs;
  return {
    urlAlias: reader.field('urlAlias', `the URL Alias of ${what}`).string({
      fallback: before.urlAlias,
      trim: true,
      pattern: URL_ALIAS_PATTERN,
      patternRule: 'may hold only letters, digits, underscores and hyphens, at most 64 of them',
    }),
    apiMode,
    timeoutMs: reader.field('timeoutMs', `the Timeout of ${what} (in milliseconds)`).number({ min: 1, max: TIMEOUT_MAX_MS, integer: true, fallback: timeoutFallback }),
    allowAnonymousConnections: flag('allowAnonymousConnections', 'Allow Anonymous Connections'),
    logRequest: flag('logRequest', 'Log Request'),
    logResponse: flag('logResponse', 'Log Response'),
  };
}

/** The settings fields a PUT or PATCH may change. */
export const SETTINGS_FIELDS = ['name', 'description', 'exclusionGroup', 'validateBeforeRunning', 'allowRunWithValidationErrors', 'api'] as const;

/** Reads settings, the missing ones taken from `before`; `api` only for end points. */
export function readSettings(body: Reader, before: ActionflowSettings & { kind: ActionflowKind }, what: string): ActionflowSettings {
  const raw = body.value as Record<string, unknown>;
  let api = before.api;
  if (raw.api !== undefined && !(raw.api === null && before.kind === 'screen')) {
    if (before.kind !== 'apiEndpoint' || !before.api) body.fail(`${capitalise(what)} is a screen actionflow, so it has no API settings; only API end points do.`, 'api');
    api = readApiSettings(body.field('api', `the API settings of ${what}`), before.api, what);
  }
  return {
    name: raw.name === undefined ? before.name : readName(body.field('name', `the name of ${what}`)),
    description: body.field('description', `the description of ${what}`).string({ max: DESCRIPTION_MAX_LENGTH, fallback: before.description }),
    exclusionGroup: body.field('exclusionGroup', `the Exclusion Group of ${what}`).string({ max: NAME_MAX_LENGTH, fallback: before.exclusionGroup, trim: true }),
    validateBeforeRunning: body.field('validateBeforeRunning', `the Validate before running setting of ${what}`).boolean(before.validateBeforeRunning),
    allowRunWithValidationErrors: body.field('allowRunWithValidationErrors', `the Allow to Run with Validation Errors setting of ${what}`).boolean(before.allowRunWithValidationErrors),
    api,
  };
}
