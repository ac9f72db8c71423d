/**
 * The registry of action kinds. Adding a kind is one module in this folder and one line here.
 */
import type { ActionKind } from '../kind';
import type { ActionOf } from '../model';
import { analysisKind, type AnalysisProps } from './analysis';
import { calculateKind, type CalculateProps } from './calculate';
import { gatewayKind, type GatewayProps } from './gateway';
import { httpKind, type HttpProps } from './http';
import { inputKind, type InputProps } from './input';
import { jsonKind, type JsonProps } from './json';
import { outputKind, type OutputProps } from './output';
import { saveKind, type SaveProps } from './save';
import { screenOutputKind, type ScreenOutputProps } from './screen-output';
import { viewKind, type ViewProps } from './view';

/** The properties of each kind, by kind name. */
export interface ActionPropsByKind {
  input: InputProps;
  output: OutputProps;
  calculate: CalculateProps;
  view: ViewProps;
  analysis: AnalysisProps;
  save: SaveProps;
  http: HttpProps;
  json: JsonProps;
  gateway: GatewayProps;
  screenOutput: ScreenOutputProps;
}

export type ActionKindName = keyof ActionPropsByKind;

/** An action of a given kind. */
export type Action<K extends ActionKindName> = ActionOf<K, ActionPropsByKind[K]>;

/** An action of any registered kind (narrow it by `kind`). */
export type AnyAction = { [K in ActionKindName]: Action<K> }[ActionKindName];

/** Every kind, in the order the designer's toolbar lists them. */
export const ACTION_KINDS: { [K in ActionKindName]: ActionKind<K, ActionPropsByKind[K]> } = {
  input: inputKind,
  view: viewKind,
  calculate: calculateKind,
  gateway: gatewayKind,
  analysis: analysisKind,
  save: saveKind,
  http: httpKind,
  json: jsonKind,
  output: outputKind,
  screenOutput: screenOutputKind,
};

export const ACTION_KIND_NAMES = Object.keys(ACTION_KINDS) as ActionKindName[];

/** Whether `name` is a registered kind. */
export function isActionKind(name: unknown): name is ActionKindName {
  return typeof name === 'string' && Object.hasOwn(ACTION_KINDS, name);
}

/** The kind of an action (typed loosely: for code that handles every kind alike). */
export function kindOf(action: { kind: ActionKindName }): ActionKind<string, unknown> {
  return ACTION_KINDS[action.kind] as unknown as ActionKind<string, unknown>;
}

export type { AnalysisProps, CalculateProps, GatewayProps, HttpProps, InputProps, JsonProps, OutputProps, SaveProps, ScreenOutputProps, ViewProps };
export { FIXED_INPUTS } from './input';
export { OUTPUT_PARAMETERS, BODY_PATH_PATTERN } from './output';
export { HTTP_METHODS, HTTP_OUTPUT_TYPES, defaultHttpOutput, type HttpMethod, type HttpOutput, type HttpOutputType, type SecretKey } from './http';
export { OTHERWISE, type GatewayBranch } from './gateway';
export { SAVE_TYPE_LABELS, type SaveType } from './save';
export { FILTER_OPERATORS, MAX_VIEW_RECORDS, type FilterOperator, type ViewFilter } from './view';
export { analysisAttributeProblems, analysisModelProblems } from './analysis';
