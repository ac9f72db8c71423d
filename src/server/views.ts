/**
 * How entities leave the server: users without their password hash and salt, actionflows with every
 * HTTP action's secret replaced by asterisks.
 */
import type { Actionflow } from '$domain/actionflow';
import type { PublicUser, User } from '$domain/entities';
import { MASKED_SECRET } from '$domain/rules';

export { MASKED_SECRET };

/** The user without password hash and salt. */
export function toPublicUser(user: User): PublicUser {
  const { passwordHash: _hash, passwordSalt: _salt, ...rest } = user;
  return rest;
}

/** A copy of the actionflow whose non-empty secret keys show as {@link MASKED_SECRET}. */
export function maskActionflow(actionflow: Actionflow): Actionflow {
  return {
    ...actionflow,
    actions: actionflow.actions.map((action) =>
      action.kind === 'http'
        ? { ...action, props: { ...action.props, secretKeys: action.props.secretKeys.map((k) => ({ ...k, secret: k.secret === '' ? '' : MASKED_SECRET })) } }
        : action,
    ),
  };
}
