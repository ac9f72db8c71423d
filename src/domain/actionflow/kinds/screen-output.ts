/**
 * Screen output: the end of a screen actionflow, filling the fields of a screen with the
 * parameters mapped onto it (its input parameters are the screen's fields).
 */
import type { ScreenFieldType } from '../../entities';
import { actionProblem, type ActionKind } from '../kind';
import type { DataType, Parameter } from '../model';
import { readTableId } from './common';

export interface ScreenOutputProps {
  /** The screen whose fields it fills. */
  screenId: string;
}

const FIELD_TYPES: Record<ScreenFieldType, DataType> = { String: 'String', MultiLineString: 'Bigstring' };

export const screenOutputKind: ActionKind<'screenOutput', ScreenOutputProps> = {
  kind: 'screenOutput',
  label: 'Screen output',
  description: 'Fills the fields of a screen with what the actionflow found.',
  flows: ['screen'],
  addable: true,
  freeInputs: false,
  passesThrough: true,
  points: () => [],
  inputs: (action, ctx): Parameter[] =>
    (ctx.repository.screens.find((s) => s.id === action.props.screenId)?.fields ?? []).map((f) => ({ name: f.name, type: FIELD_TYPES[f.type] ?? 'String' })),
  defaults: (ctx) => ({ screenId: ctx.screens[0]?.id ?? '' }),
  read(props) {
    props.object(['screenId']);
    return { screenId: readTableId(props.field('screenId', `the screen of ${props.what}`)) };
  },
  validate(action, ctx) {
    if (!action.props.screenId) return [actionProblem(action, 'props.screenId', `The Screen output ${action.name} has no screen yet; choose the screen whose fields it fills.`)];
    if (!ctx.repository.screens.some((s) => s.id === action.props.screenId)) {
      return [actionProblem(action, 'props.screenId', `The Screen output ${action.name} fills a screen (${action.props.screenId}) that the application does not have.`)];
    }
    return [];
  },
  produces: () => [],
  async run(action, items, env) {
    for (const { params, mapped } of items) {
      const fields: Record<string, string> = {};
      for (const name of mapped) {
        const value = params[name];
        fields[name] = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
      }
      env.answer?.({ kind: 'screen', actionId: action.id, screenId: action.props.screenId, fields });
    }
    return items.map(() => new Map());
  },
};
