import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PASSWORD_HASH_ITERATIONS,
  bytesToBase64,
  hashPassword,
  newSalt,
  verifyPassword,
} from '$domain/password';

describe('hashPassword', () => {
  it('is PBKDF2-SHA-256 over password+pepper with the salt as UTF-8, 32 bytes, base64', async () => {
    const expected = pbkdf2Sync('Training123!' + 'pepper', 'c2FsdA==', PASSWORD_HASH_ITERATIONS, 32, 'sha256');
    expect(await hashPassword('Training123!', 'c2FsdA==', 'pepper')).toBe(expected.toString('base64'));
  });

  it('encodes non-ASCII passwords as UTF-8', async () => {
    const expected = pbkdf2Sync('pässwörd€' + 'π', 'sälz', PASSWORD_HASH_ITERATIONS, 32, 'sha256');
    expect(await hashPassword('pässwörd€', 'sälz', 'π')).toBe(expected.toString('base64'));
  });

  it('gives a 32-byte hash (44 base64 characters)', async () => {
    const hash = await hashPassword('', '', '');
    expect(hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('changes with the salt and with the pepper', async () => {
    const base = await hashPassword('Phixflow123!', 'salt-a', 'pepper-a');
    expect(await hashPassword('Phixflow123!', 'salt-b', 'pepper-a')).not.toBe(base);
    expect(await hashPassword('Phixflow123!', 'salt-a', 'pepper-b')).not.toBe(base);
    expect(await hashPassword('Phixflow123!', 'salt-a', 'pepper-a')).toBe(base);
  });
});

describe('newSalt', () => {
  it('is 16 random bytes in base64, different each time', () => {
    const salts = new Set(Array.from({ length: 20 }, () => newSalt()));
    expect(salts.size).toBe(20);
    for (const salt of salts) {
      expect(salt).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(Buffer.from(salt, 'base64')).toHaveLength(16);
    }
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one, salt or pepper', async () => {
    const salt = newSalt();
    const hash = await hashPassword('Phixflow123!', salt, 'pepper');
    expect(await verifyPassword('Phixflow123!', salt, 'pepper', hash)).toBe(true);
    expect(await verifyPassword('phixflow123!', salt, 'pepper', hash)).toBe(false);
    expect(await verifyPassword('Phixflow123!', newSalt(), 'pepper', hash)).toBe(false);
    expect(await verifyPassword('Phixflow123!', salt, 'other pepper', hash)).toBe(false);
  });

  it('refuses an empty, truncated or extended stored hash', async () => {
    const hash = await hashPassword('x', 's', 'p');
    expect(await verifyPassword('x', 's', 'p', '')).toBe(false);
    expect(await verifyPassword('x', 's', 'p', hash.slice(0, -1))).toBe(false);
    expect(await verifyPassword('x', 's', 'p', hash + 'A')).toBe(false);
  });
});

describe('bytesToBase64', () => {
  it('matches Node’s base64', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});
