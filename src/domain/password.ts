/**
 * Local user passwords: stored only as a salted, peppered hash, as the platform does. The pepper is
 * the keystore's `pepperkey` secret, so changing it makes every stored password fail to verify.
 * Pure WebCrypto (`globalThis.crypto.subtle`): runs unchanged in browsers, workers and Node 20.
 */

/** PBKDF2 iteration count used for every stored password. */
export const PASSWORD_HASH_ITERATIONS = 100_000;

/** Length in bytes of a derived password hash. */
export const PASSWORD_HASH_BYTES = 32;

/** Length in bytes of a salt made by {@link newSalt}. */
export const PASSWORD_SALT_BYTES = 16;

const utf8 = new TextEncoder();

/** Standard base64 (with padding) of some bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The hash stored for a password: PBKDF2-SHA-256 with {@link PASSWORD_HASH_ITERATIONS} iterations
 * over the UTF-8 bytes of `password + pepper`, with the UTF-8 bytes of `salt` as salt, giving
 * {@link PASSWORD_HASH_BYTES} bytes, returned as base64.
 *
 * @param password the password as typed.
 * @param salt the user's own salt (see {@link newSalt}); used as text, not decoded.
 * @param pepper the keystore's `pepperkey` secret.
 */
export async function hashPassword(password: string, salt: string, pepper: string): Promise<string> {
  const key = await globalThis.crypto.subtle.importKey('raw', utf8.encode(password + pepper), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await globalThis.crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: utf8.encode(salt), iterations: PASSWORD_HASH_ITERATIONS },
    key,
    PASSWORD_HASH_BYTES * 8,
  );
  return bytesToBase64(new Uint8Array(bits));
}

/** A fresh random salt: {@link PASSWORD_SALT_BYTES} random bytes as base64. */
export function newSalt(): string {
  return bytesToBase64(globalThis.crypto.getRandomValues(new Uint8Array(PASSWORD_SALT_BYTES)));
}

/**
 * True when `password` hashes, with this salt and pepper, to the stored `hash`. The comparison
 * takes the same time wherever the first difference is, so timing tells nothing about the hash.
 */
export async function verifyPassword(password: string, salt: string, pepper: string, hash: string): Promise<boolean> {
  return constantTimeEqual(await hashPassword(password, salt, pepper), hash);
}

// Looks at every character of `expected` whatever the input, so the time spent does not depend on
// where the strings first differ.
function constantTimeEqual(expected: string, actual: string): boolean {
  let difference = expected.length ^ actual.length;
  for (let i = 0; i < expected.length; i++) {
    difference |= expected.charCodeAt(i) ^ (i < actual.length ? actual.charCodeAt(i) : 0);
  }
  return difference === 0;
}
