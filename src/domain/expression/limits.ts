/** Limits that keep a learner's (or an attacker's) expression from exhausting the page. */

/** Longest expression (or template) accepted, in characters. */
export const MAX_EXPRESSION_LENGTH = 10_000;

/** Deepest nesting of brackets, calls, lists, conditionals and `-`/`!` accepted. */
export const MAX_NESTING_DEPTH = 64;

/**
 * Deepest syntax tree accepted. Long chains such as `a + b + c + …` or `in.a.b.c…` are not nesting
 * to a reader, so they get their own, larger limit; it keeps every tree walk far from the stack limit.
 */
export const MAX_CHAIN_LENGTH = 500;

/**
 * Longest text an expression may build (by `+`, `concat`, `toString`, templates…), in characters.
 * Twice the incoming API's 1 MiB body limit, so echoing a whole request body still works.
 */
export const MAX_TEXT_LENGTH = 2 * 1024 * 1024;

/** Longest pause `sleep(seconds)` accepts, in seconds (timers overflow past ~24 days anyway). */
export const MAX_SLEEP_SECONDS = 3_600;
