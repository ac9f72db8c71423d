/**
 * Secrets an instance makes for itself. A fixture ships no secret that must stay secret: the
 * keystore aliases marked `generated` with an empty secret get random values when an instance is
 * seeded, and an import of a file without secrets gets fresh ones the same way. The mark stays
 * until someone sets the alias themselves, so a lesson can tell "still the instance's own" from
 * "set by the learner".
 */
import type { KeystoreAlias } from './entities';
import { bytesToBase64 } from './password';

/** Random bytes in a generated secret: 33, which base64url spells in 44 characters (over 32 bytes). */
export const GENERATED_SECRET_BYTES = 33;

/** A fresh random secret: {@link GENERATED_SECRET_BYTES} random bytes, base64url. */
export function newInstanceSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(GENERATED_SECRET_BYTES));
  return bytesToBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The keystore with every alias that awaits a generated secret (marked `generated`, secret empty)
 * given a fresh random one. Other aliases are returned as they are.
 * @param updatedAt the time to stamp on generated secrets; the alias keeps its own when omitted.
 */
export function withGeneratedSecrets(keystore: readonly KeystoreAlias[], updatedAt?: string): KeystoreAlias[] {
  return keystore.map((entry) =>
    entry.generated && entry.secret === '' ? { ...entry, secret: newInstanceSecret(), ...(updatedAt ? { updatedAt } : {}) } : entry,
  );
}
