/**
 * Whether the logged-in user may change the repository (design rights), and the sentence shown
 * beside controls they cannot use, so that a change is never offered only to fail on save.
 */
import { TRAINING_LOGIN } from '../session/session-start';
import { sandbox } from './sandbox.svelte';

/** Why the logged-in user cannot change the repository, or null when they can (or nobody is logged in). */
export function noDesignRightsReason(): string | null {
  const user = sandbox.session?.user;
  if (!user || user.designer) return null;
  return `You are logged in as ${user.login}, who has no design rights, so nothing here can be changed. Log in as a user with design rights (such as ${TRAINING_LOGIN.login}) to change it.`;
}
