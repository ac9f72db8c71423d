import { describe, expect, it } from 'vitest';
import { actionFocus, pointFocus } from '$domain/actionflow';
import { focusCandidates } from '../../../../src/ui/lessons/focus';

describe('the focus name of a connection point', () => {
  it('names the point under its action, so a lesson outlining the action still finds it', () => {
    expect(pointFocus('af-call-api', 'call-api', 'error')).toBe('actionflow:af-call-api:action:call-api:point:error');
    expect(focusCandidates(pointFocus('af-call-api', 'call-api', 'error'))).toContain(actionFocus('af-call-api', 'call-api'));
  });
});
