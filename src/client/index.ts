/**
 * The typed client of the simulated server: the only way the UI and the lesson engine reach the
 * instance, so every call shows in the request log and the server enforces every rule.
 */
export type * from './types';
