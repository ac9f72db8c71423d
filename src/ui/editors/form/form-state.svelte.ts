/**
 * The state of a properties form: inline errors by field (client-side checks and the server's
 * `field`), a general error, the success notice, and whether a save is running.
 */
import { SandboxApiError } from '$client/index';

/** Errors by field name, e.g. `{ name: 'The name … is required.' }`. */
export type FieldErrors = Record<string, string>;

export class FormState {
  errors = $state<FieldErrors>({});
  /** An error that belongs to no field shown (or to the form as a whole). */
  general = $state<string | null>(null);
  notice = $state<string | null>(null);
  busy = $state(false);
  readonly #showsField: (field: string) => boolean;

  /** @param showsField whether the form shows an input for `field` (its error goes there). */
  constructor(showsField: (field: string) => boolean = () => true) {
    this.#showsField = showsField;
  }

  /** The inline error of `field`, if any. */
  error(field: string): string | undefined {
    return this.errors[field];
  }

  clear(): void {
    this.errors = {};
    this.general = null;
    this.notice = null;
  }

  /**
   * Runs `save` after the client-side `errors` (if any) pass: on success shows `success`, on a
   * refusal shows the server's sentence next to its field. Resolves to the result, or undefined.
   */
  async submit<T>(save: () => Promise<T>, success: string, errors: FieldErrors = {}): Promise<T | undefined> {
    this.clear();
    if (Object.keys(errors).length > 0) {
      this.errors = errors;
      const count = Object.keys(errors).length;
      // Said beside Apply, below the fields it is about.
      this.general = count === 1 ? 'Nothing was saved: correct the field marked above.' : `Nothing was saved: correct the ${count} fields marked above.`;
      return undefined;
    }
    this.busy = true;
    try {
      const result = await save();
      this.notice = success;
      return result;
    } catch (err) {
      this.fail(err);
      return undefined;
    } finally {
      this.busy = false;
    }
  }

  /** Shows an error thrown by the client: inline when it names a field the form shows. */
  fail(err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof SandboxApiError && err.field && this.#showsField(err.field)) {
      this.errors = { [err.field]: message };
      this.general = 'Nothing was saved: the server refused the field marked above.';
    } else {
      this.general = message;
    }
  }
}
