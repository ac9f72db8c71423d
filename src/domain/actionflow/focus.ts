/**
 * Focus names of an actionflow's parts: what the designer puts on its elements and lesson checks put
 * in a reason's `focus`, so the lesson panel can outline exactly the part it talks about.
 *   actionflow:<flowId>                           the actionflow (its settings)
 *   actionflow:<flowId>:<field>                   a setting, e.g. `allowAnonymousConnections`
 *   actionflow:<flowId>:action:<actionId>         an action on the canvas
 *   actionflow:<flowId>:action:<actionId>:<field> a field of its properties (`props.urlTemplate`)
 *   actionflow:<flowId>:action:<actionId>:point:<point>   one of its connection points (`out`)
 *   actionflow:<flowId>:connection:<id>           a connection
 *   actionflow:<flowId>:connection:<id>:mapping:<target>   one mapping of it
 *   table:<tableId>:attribute:<name>              an attribute's expression in the analysis model (which Analysis actions run)
 */
import type { ProblemPlace } from './kind';

export function actionFocus(flowId: string, actionId: string, field?: string): string {
  return `actionflow:${flowId}:action:${actionId}${field ? `:${field}` : ''}`;
}

export function connectionFocus(flowId: string, connectionId: string, target?: string): string {
  return `actionflow:${flowId}:connection:${connectionId}${target ? `:mapping:${target}` : ''}`;
}

/** The focus name of where a validation problem is. */
export function focusOfProblem(flowId: string, where: ProblemPlace): string {
  switch (where.kind) {
    case 'flow':
      return `actionflow:${flowId}${where.field ? `:${where.field}` : ''}`;
    case 'action':
      return actionFocus(flowId, where.actionId, where.field);
    case 'connection':
      return connectionFocus(flowId, where.connectionId, where.target);
  }
}

/** The focus name of an action's connection point (`out`, `error`, a gateway branch…). */
export function pointFocus(flowId: string, actionId: string, point: string): string {
  return actionFocus(flowId, actionId, `point:${point}`);
}

/** The focus name of a table attribute's expression in the analysis model. */
export function attributeFocus(tableId: string, attribute: string): string {
  return `table:${tableId}:attribute:${attribute}`;
}
