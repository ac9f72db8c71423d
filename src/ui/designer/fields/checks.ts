/** The designer's checks of typed names (the rules are the domain's; these say them in a sentence). Pure. */
import { BODY_PATH_PATTERN } from '$domain/actionflow';
import { IDENTIFIER_PATTERN, NAME_MAX_LENGTH } from '$domain/rules';

/** An action's name: required, at most 100 characters, no slash (names become parts of URLs). */
export function checkActionName(text: string): string | null {
  const name = text.trim();
  if (!name) return 'Enter a name for the action.';
  if (name.length > NAME_MAX_LENGTH) return `An action's name may be at most ${NAME_MAX_LENGTH} characters long.`;
  if (/[/\\]/.test(name)) return "An action's name cannot hold a slash, because names become parts of URLs.";
  return null;
}

/** A parameter's or attribute's name, so that `in.Name` can refer to it. */
export function checkIdentifier(text: string): string | null {
  if (IDENTIFIER_PATTERN.test(text.trim())) return null;
  return text.trim() === ''
    ? 'Enter a name.'
    : `"${text.trim()}" cannot be used as a name: start with a letter or underscore and use only letters, digits and underscores (at most 64), so that in.Name can refer to it.`;
}

/** A name of an Output's body attribute: identifiers joined by dots (error.message). */
export function checkBodyName(text: string): string | null {
  if (BODY_PATH_PATTERN.test(text.trim())) return null;
  return `"${text.trim()}" cannot be used as a name of the answer's body: use names of letters, digits and underscores, joined by dots for nested objects (error.message).`;
}
