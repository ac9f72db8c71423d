import { describe, expect, it } from 'vitest';
import type { RunningRun } from '$domain/runs';
import { outcomeText } from '../../../src/ui/screens/button-run.svelte';
import { progressText, runsOfScreen, secondsLeft } from '../../../src/ui/screens/run-progress';

const run: RunningRun = {
  id: 'r1',
  actionflowId: 'af-import',
  actionflowName: 'ImportCompanies',
  origin: { kind: 'button', label: 'Company Approval Review screen, Import button', screenId: 'screen-company-approval-review', buttonName: 'Import' },
  runAs: 'trainee',
  startedAt: '2026-01-01T00:00:00.000Z',
  actionId: 'calc',
  actionName: 'Set Status',
  sleepingUntil: '2026-01-01T00:00:20.000Z',
  exclusionGroup: 'Import',
};
const at = (iso: string) => Date.parse(iso);

describe('a screen\'s run in progress', () => {
  it('says the action running and the seconds its sleep has left on the sandbox clock, rounded up, never below 0', () => {
    expect(progressText(run, at('2026-01-01T00:00:00.000Z'))).toBe('ImportCompanies is running, at the action Set Status: about 20 seconds left.');
    expect(secondsLeft(run.sleepingUntil!, at('2026-01-01T00:00:18.800Z'))).toBe(2);
    expect(progressText(run, at('2026-01-01T00:00:19.500Z'))).toBe('ImportCompanies is running, at the action Set Status: about 1 second left.');
    expect(secondsLeft(run.sleepingUntil!, at('2026-01-01T00:01:00.000Z'))).toBe(0);
    expect(progressText({ ...run, sleepingUntil: null, actionName: null }, 0)).toBe('ImportCompanies is running.');
  });

  it('lists only the runs of the screen\'s own buttons', () => {
    const other = { ...run, id: 'r2', origin: { ...run.origin, screenId: 'screen-company-management' } };
    const call = { ...run, id: 'r3', origin: { kind: 'endpoint' as const, label: '/phixflow/api/2/x' } };
    expect(runsOfScreen([run, other, call], 'screen-company-approval-review').map((r) => r.id)).toEqual(['r1']);
  });

  it('shows an exclusion group refusal as a warning with the server\'s sentence, other refusals as errors', () => {
    const message = 'The actionflow ImportCompanies did not run: its exclusion group Import is taken by ImportCompanies, which is still running. Wait for it to finish, then try again.';
    expect(outcomeText({ label: 'Import' }, { runId: null, outcome: 'refused', code: 'exclusion_group_busy', fields: {}, message, httpFailures: [] })).toEqual({ ok: false, warning: true, text: message });
    expect(outcomeText({ label: 'Import' }, { runId: null, outcome: 'refused', code: 'invalid_actionflow', fields: {}, message: 'Broken.', httpFailures: [] })).toEqual({ ok: false, text: 'Broken.' });
  });
});
