/**
 * Running a screen button's actionflow as the logged-in user, and what the screen says about it:
 * progress while it runs, then the outcome sentence (or the server's refusal, e.g. 409 when no
 * actionflow is attached).
 */
import type { ButtonRunResult } from '$client/index';
import type { ScreenButton } from '$domain/entities';
import { client } from '../state/sandbox.svelte';
import { errorText } from './pending.svelte';

/** What the status region shows after a run. */
export interface RunOutcome {
  ok: boolean;
  text: string;
  /** Nothing ran because something else runs (its exclusion group is taken): a warning, not an error. */
  warning?: boolean;
}

/**
 * The sentence shown for a finished run of `button`. A run that ended but whose HTTP call failed (or
 * was never sent) is not a success: it says which call failed, and with which status.
 */
export function outcomeText(button: Pick<ScreenButton, 'label'>, result: ButtonRunResult): RunOutcome {
  if (result.outcome === 'success') {
    const failed = result.httpFailures ?? [];
    if (failed.length === 0) return { ok: true, text: `The ${button.label} actionflow finished.` };
    const calls = failed.map((f) => (f.status === 0 ? `its HTTP action ${f.actionName} did not send its call` : `the call of its HTTP action ${f.actionName} failed with status ${f.status}`));
    const why = result.message ? ` ${result.message}` : '';
    return { ok: false, text: `The ${button.label} actionflow finished, but ${calls.join(' and ')}.${why}` };
  }
  if (result.outcome === 'refused' && result.code === 'exclusion_group_busy') {
    return { ok: false, warning: true, text: result.message ?? `The ${button.label} actionflow did not run: another actionflow of its exclusion group is running.` };
  }
  if (result.outcome === 'stopped') return { ok: false, text: result.message ?? `The ${button.label} actionflow was stopped.` };
  return { ok: false, text: result.message ?? `The ${button.label} actionflow stopped with an error.` };
}

/** One button's runs on one screen. */
export class ButtonRun {
  /** Name of the button running now, if any. */
  running = $state<string | null>(null);
  outcome = $state<RunOutcome | null>(null);

  /** Runs `button` with the form's values; resolves to the fields the actionflow set (null when refused). */
  async run(screenId: string, button: ScreenButton, form: Record<string, string>): Promise<Record<string, string> | null> {
    if (this.running) return null;
    this.running = button.name;
    this.outcome = null;
    try {
      const result = await client.runButton(screenId, button.name, form);
      this.outcome = outcomeText(button, result);
      return result.fields;
    } catch (err) {
      this.outcome = { ok: false, text: errorText(err) };
      return null;
    } finally {
      this.running = null;
    }
  }
}
