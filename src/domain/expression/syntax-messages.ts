/** jsep's terse syntax messages, retold as causes a learner can act on. */

const RULES: [RegExp, (match: RegExpMatchArray, nextChar: string) => string][] = [
  [/^(Unclosed \(|Expected \))$/, () => 'a closing ")" is missing'],
  [/^(Unclosed \[|Expected \])$/, () => 'a closing "]" is missing'],
  [/^Expected expression after (.+)$/, (m) => `a value is missing after "${m[1]}"`],
  [/^missing unaryOp argument$/, () => 'a value is missing after "-" or "!"'],
  [/^Expected comma$/, () => 'a "," is missing between two values'],
  [/^Unexpected token ,$/, () => 'a value is missing before ","'],
  [/^Unexpected token \)$/, () => 'a value is missing after the last ","'],
  [/^Variable names cannot start with a number \((.*)\)$/, (m) => `a number cannot be followed directly by letters ("${m[1]}")`],
  [/^Unexpected period$/, () => '"." is not expected here'],
  [/^Expected exponent/, () => 'the number has an "e" but no exponent after it'],
  [/^Expected expression$/, () => 'a value is missing after "?" or ":"'],
  [/^Expected :$/, () => 'the ":" of a conditional (condition ? value : other value) is missing'],
  [
    /^Unexpected /,
    (_, next) =>
      next === '='
        ? '"=" cannot be used here; compare values with "=="'
        : next === ''
          ? 'the expression ends too early'
          : `"${next}" is not expected here`,
  ],
];

/** The learner-facing cause for jsep's `description`, reported at `index` of `source`. */
export function translateJsepError(description: string, source: string, index: number): string {
  for (const [pattern, retell] of RULES) {
    const match = description.match(pattern);
    if (match) return retell(match, source.charAt(index));
  }
  return description.charAt(0).toLowerCase() + description.slice(1);
}
