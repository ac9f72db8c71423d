/**
 * Which attributes reach each action, and which each connection delivers: what the mapping window
 * lists on its source side and what validation checks mappings against. Pure.
 */
import type { KindContext } from './kind';
import { kindOf, type AnyAction } from './kinds/index';
import type { Connection, DataType, Parameter } from './model';

/** Attributes by name, the first type seen winning. */
function merge(...lists: readonly Parameter[][]): Parameter[] {
  const seen = new Map<string, Parameter>();
  for (const list of lists) for (const p of list) if (!seen.has(p.name)) seen.set(p.name, { name: p.name, type: p.type });
  return [...seen.values()];
}

/** Answers attribute questions about one actionflow, remembering what it worked out. */
export class FlowAttributes {
  private readonly incoming = new Map<string, Parameter[]>();
  private readonly visiting = new Set<string>();
  private readonly actions: Map<string, AnyAction>;

  constructor(private readonly ctx: KindContext) {
    this.actions = new Map(ctx.flow.actions.map((a) => [a.id, a]));
  }

  /** The input parameters of an action (what its incoming mappings may fill). */
  inputsOf(action: AnyAction): Parameter[] {
    return kindOf(action).inputs(action as never, this.ctx);
  }

  /** The attributes of the records that reach `actionId` along its incoming connections. */
  incomingTo(actionId: string): Parameter[] {
    const known = this.incoming.get(actionId);
    if (known) return known;
    if (this.visiting.has(actionId)) return []; // a cycle: validation reports it
    this.visiting.add(actionId);
    const lists = this.ctx.flow.connections.filter((c) => c.to === actionId).map((c) => this.deliveredBy(c));
    this.visiting.delete(actionId);
    const result = merge(...lists);
    this.incoming.set(actionId, result);
    return result;
  }

  /** The attributes a connection's records carry (the mapping window's source side). */
  deliveredBy(connection: Connection): Parameter[] {
    const source = this.actions.get(connection.from);
    if (!source) return [];
    const kind = kindOf(source);
    const base = kind.passesThrough ? merge(this.incomingTo(source.id), this.inputsOf(source)) : [];
    if (connection.type === 'lookup') return merge(base, [{ name: connection.listName, type: 'List' }]);
    return merge(kind.produces(source as never, connection.point, this.ctx), base);
  }

  /** The type of a source attribute on a connection, or undefined when it does not deliver one of that name. */
  sourceType(connection: Connection, attribute: string): DataType | undefined {
    return this.deliveredBy(connection).find((p) => p.name === attribute)?.type;
  }
}
