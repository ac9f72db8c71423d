/**
 * What an HTTP action's two outputs hold, and the attributes they start with: apart from the rest of
 * the HTTP kind, so that the instance database's schema upgrade (which writes default outputs into
 * old flows) does not bring the whole action catalogue with it.
 */
import type { ComputedAttribute } from '../model';

export const HTTP_OUTPUT_TYPES = ['String', 'Raw Data', 'JSON'] as const;
export type HttpOutputType = (typeof HTTP_OUTPUT_TYPES)[number];

/** How one output (`out` or `error`) reads the answer, and the attributes it makes of it. */
export interface HttpOutput {
  outputType: HttpOutputType;
  charset: string;
  /** Applied to a JSON answer; `$` is the whole document. */
  jsonPath: string;
  attributes: ComputedAttribute[];
}

/** The attributes each output has unless the learner changes them. */
export function defaultHttpOutput(): HttpOutput {
  return {
    outputType: 'String',
    charset: 'utf-8',
    jsonPath: '$',
    attributes: [
      { name: 'status', type: 'Integer', expression: '_result.status' },
      { name: 'body', type: 'Bigstring', expression: '_result.body' },
      { name: 'contentType', type: 'String', expression: '_result.contentType' },
    ],
  };
}
