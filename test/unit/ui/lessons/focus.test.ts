import { describe, expect, it } from 'vitest';
import type { RepositoryView } from '$client/index';
import { focusCandidates, focusTab } from '$ui/lessons/focus';

const repository = { screens: [{ id: 'screen-call-api', name: 'Call API' }] } as unknown as RepositoryView;

describe('focusTab', () => {
  it('opens the item a focus names', () => {
    expect(focusTab('actionflow:af-api-company-data:allowAnonymousConnections', null)).toEqual({ kind: 'actionflow', id: 'af-api-company-data' });
    expect(focusTab('user:u-1:more', null)).toEqual({ kind: 'user', id: 'u-1' });
    expect(focusTab('role:r-1:privileges', null)).toEqual({ kind: 'role', id: 'r-1' });
    expect(focusTab('userGroup:g-1:users', null)).toEqual({ kind: 'userGroup', id: 'g-1' });
    expect(focusTab('keystore:phixflow-api-key', null)).toEqual({ kind: 'keystore' });
    expect(focusTab('keystore', null)).toEqual({ kind: 'keystore' });
  });

  it('finds a screen by its id or its short name', () => {
    expect(focusTab('screen:call-api', repository)).toEqual({ kind: 'screen', id: 'screen-call-api' });
    expect(focusTab('screen:screen-call-api', repository)).toEqual({ kind: 'screen', id: 'screen-call-api' });
  });

  it('has no tab for the tree, the session or unknown kinds', () => {
    expect(focusTab('tree:users', null)).toBeNull();
    expect(focusTab('session', null)).toBeNull();
    expect(focusTab('actionflow', null)).toBeNull();
    expect(focusTab('planet:mars', null)).toBeNull();
  });
});

describe('focusCandidates', () => {
  it('goes from most to least specific, never down to a bare kind', () => {
    expect(focusCandidates('actionflow:af-1:node:n-2:headers')).toEqual([
      'actionflow:af-1:node:n-2:headers',
      'actionflow:af-1:node:n-2',
      'actionflow:af-1:node',
      'actionflow:af-1',
    ]);
    expect(focusCandidates('session')).toEqual(['session']);
  });
});
