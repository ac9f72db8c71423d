/**
 * Actionflows stored or exported before actionflows were graphs with mappings (instance format 1:
 * `nodes` whose expressions read the whole record as `in`, and connections `{ from, port, to }`)
 * become actions and connections whose mappings fill what each action reads. A View of one record
 * (`cardinality: single`) now sends the table's attributes themselves, so `in.<as>.X` becomes
 * `in.X`; a View of a list sends on a lookup connection named after it.
 */
import type { Screen, Table } from '../entities';
import { expressionReferences, templateReferences } from '../expression';
import { defaultHttpOutput } from './kinds/http-output';
import type { AnyAction } from './kinds/index';
import type { Actionflow, Connection, Mapping, Parameter } from './model';

/** The stored shape of format 1 (only what the migration reads). */
export interface ActionflowV1 {
  id: string;
  applicationId: string;
  name: string;
  kind: 'screen' | 'apiEndpoint';
  description?: string;
  api: Actionflow['api'];
  exclusionGroup?: string;
  nodes: V1Node[];
  connections: { from: string; port: string; to: string }[];
}

type V1Node = { id: string; kind: string; name: string } & Record<string, unknown>;
type Named = { name: string; expression: string };

/** Whether a stored actionflow is in format 1. */
export function isActionflowV1(value: unknown): value is ActionflowV1 {
  return !!value && typeof value === 'object' && Array.isArray((value as { nodes?: unknown }).nodes) && !('actions' in (value as object));
}

function refs(source: string, template = false): string[] {
  try {
    return (template ? templateReferences(source) : expressionReferences(source)).filter((r) => r.root === 'in').map((r) => r.name);
  } catch {
    return [];
  }
}

/** Converts one format-1 actionflow; `tables` and `screens` resolve table names and the screen it fills. */
export function migrateActionflowV1(old: ActionflowV1, tables: Table[], screens: Screen[]): Actionflow {
  // Single-record views nested their record under `as`; now its attributes flow flat.
  const flattened = new Set(old.nodes.filter((n) => n.kind === 'view' && n.cardinality === 'single').map((n) => String(n.as)));
  const flat = (source: string) => [...flattened].reduce((text, as) => text.replace(new RegExp(`\\bin\\.${as}\\.`, 'g'), 'in.'), source);
  const listOf = new Map(old.nodes.filter((n) => n.kind === 'view' && n.cardinality === 'list').map((n) => [n.id, String(n.as)]));
  const depth = layoutDepths(old);
  const rows = new Map<number, number>();
  const place = (id: string) => {
    const d = depth.get(id) ?? 0;
    const row = rows.get(d) ?? 0;
    rows.set(d, row + 1);
    return { x: d * 260, y: row * 140 };
  };

  const actions: AnyAction[] = [];
  const mappingsInto = new Map<string, Mapping[]>();
  const inputsOf = (names: string[]): Parameter[] => [...new Set(names)].map((name) => ({ name, type: 'Any' }));
  for (const n of old.nodes) {
    const base = { id: n.id, name: n.name, description: '', position: place(n.id) };
    switch (n.kind) {
      case 'input':
        actions.push({ ...base, kind: 'input', inputs: [], props: { parameters: ((n.parameters as { name: string; default?: string }[]) ?? []).map((p) => ({ name: p.name, type: 'String', ...(p.default === undefined ? {} : { default: p.default }) })) } });
        break;
      case 'view': {
        const filters = ((n.filters as { attribute: string; expression: string }[]) ?? []).map((f) => ({ attribute: f.attribute, expression: flat(f.expression) }));
        const table = tables.find((t) => t.name === n.table);
        actions.push({ ...base, kind: 'view', inputs: inputsOf(filters.flatMap((f) => refs(f.expression))), props: { tableId: table?.id ?? String(n.table ?? ''), filters, dataRange: n.dataRange === 'latest' ? 'latest' : 'all' } });
        break;
      }
      case 'calculate': {
        const outputs = (n.outputs as (Named & { type: string })[]) ?? [];
        actions.push({ ...base, kind: 'calculate', inputs: inputsOf(outputs.flatMap((o) => refs(flat(o.expression)))), props: { attributes: outputs.map((o) => ({ name: o.name, type: (o.type as 'String') ?? 'String', expression: flat(o.expression) })) } });
        break;
      }
      case 'http': {
        const headers = ((n.headers as Named[]) ?? []).map((h) => ({ name: h.name, expression: flat(h.expression) }));
        const url = flat(String(n.urlTemplate ?? ''));
        actions.push({
          ...base,
          kind: 'http',
          inputs: inputsOf([...refs(url, true), ...headers.flatMap((h) => refs(h.expression))]),
          props: {
            method: (n.method as 'GET') ?? 'GET',
            urlTemplate: url,
            bodyTemplate: '',
            headers,
            secretKeys: ((n.secretKeys as { name: string; enabled: boolean; secret: string }[]) ?? []).map((s, i) => ({ id: `secret-${i + 1}`, name: s.name, enabled: s.enabled, secret: s.secret })),
            errorExpression: '',
            logTraffic: !!n.logTraffic,
            maxLogLength: 10_000,
            useRawUrl: false,
            outputs: { out: defaultHttpOutput(), error: defaultHttpOutput() },
          },
        });
        break;
      }
      case 'output': {
        const body = (n.body as Named[]) ?? [];
        const mappings: Mapping[] = body.map((e) => ({ target: e.name, expression: flat(e.expression) }));
        const code = String(n.statusCode ?? '').trim();
        if (code && code !== '200') mappings.push({ target: 'statusCode', expression: flat(code) });
        const contentType = String(n.contentType ?? '');
        if (contentType && contentType !== 'application/json') mappings.push({ target: 'contentType', expression: JSON.stringify(contentType) });
        mappingsInto.set(n.id, mappings);
        actions.push({ ...base, kind: 'output', inputs: body.map((e) => ({ name: e.name, type: 'Any' })), props: {} });
        break;
      }
      case 'screenOutput': {
        const fields = (n.fields as { field: string; expression: string }[]) ?? [];
        mappingsInto.set(n.id, fields.map((f) => ({ target: f.field, expression: flat(f.expression) })));
        const screen = screens.find((s) => s.buttons.some((b) => b.actionflowId === old.id)) ?? screens.find((s) => fields.every((f) => s.fields.some((x) => x.name === f.field)));
        actions.push({ ...base, kind: 'screenOutput', inputs: [], props: { screenId: screen?.id ?? '' } });
        break;
      }
      default:
        // A kind format 1 never had: kept as a Calculate with no attributes, which validation names.
        actions.push({ ...base, kind: 'calculate', inputs: [], props: { attributes: [] } });
    }
  }

  const connections: Connection[] = old.connections.map((c, i) => {
    const target = actions.find((a) => a.id === c.to);
    const listName = listOf.get(c.from);
    const mappings = mappingsInto.get(c.to) ?? (target?.inputs ?? []).map((p) => ({ target: p.name, attribute: p.name }));
    return { id: `connection-${i + 1}`, from: c.from, point: c.port, to: c.to, type: listName ? 'lookup' : 'driving', listName: listName ?? '', mappings };
  });

  return {
    id: old.id,
    applicationId: old.applicationId,
    kind: old.kind,
    name: old.name,
    description: old.description ?? '',
    exclusionGroup: old.exclusionGroup ?? '',
    validateBeforeRunning: true,
    allowRunWithValidationErrors: false,
    api: old.api,
    version: 1,
    actions,
    connections,
  };
}

/** Each node's distance from the input, for a first layout. */
function layoutDepths(old: ActionflowV1): Map<string, number> {
  const depth = new Map<string, number>();
  const start = old.nodes.find((n) => n.kind === 'input');
  if (!start) return depth;
  const queue = [start.id];
  depth.set(start.id, 0);
  while (queue.length) {
    const id = queue.shift()!;
    for (const c of old.connections) {
      if (c.from === id && !depth.has(c.to)) {
        depth.set(c.to, depth.get(id)! + 1);
        queue.push(c.to);
      }
    }
  }
  return depth;
}
