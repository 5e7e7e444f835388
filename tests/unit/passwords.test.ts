import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, randomToken, sha256Hex, verifyPassword } from '../../src/api/passwords';

const iterations = 1000;

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('contraseña-correcta', iterations);
    expect(await verifyPassword('contraseña-correcta', stored)).toBe(true);
    expect(await verifyPassword('contraseña-incorrecta', stored)).toBe(false);
    expect(await verifyPassword('Contraseña-correcta', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts: two hashes of the same password differ, and both verify', async () => {
    const a = await hashPassword('la-misma-clave', iterations);
    const b = await hashPassword('la-misma-clave', iterations);
    expect(a).not.toBe(b);
    expect(await verifyPassword('la-misma-clave', a)).toBe(true);
    expect(await verifyPassword('la-misma-clave', b)).toBe(true);
  });

  it('stores scheme and iterations, never the password itself', async () => {
    const stored = await hashPassword('secreto-visible', iterations);
    expect(stored).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('secreto-visible');
  });

  it('refuses malformed or tampered stored hashes instead of throwing', async () => {
    const stored = await hashPassword('clave-original', iterations);
    const [scheme, iter, salt, hash] = stored.split('$');
    const flipped = (hash[0] === 'A' ? 'B' : 'A') + hash.slice(1);
    expect(await verifyPassword('clave-original', [scheme, iter, salt, flipped].join('$'))).toBe(false);
    expect(await verifyPassword('clave-original', ['bcrypt', iter, salt, hash].join('$'))).toBe(false);
    expect(await verifyPassword('clave-original', '')).toBe(false);
    expect(await verifyPassword('clave-original', 'pbkdf2-sha256$1000$')).toBe(false);
  });
});

describe('random values', () => {
  it('generatePassword gives readable passwords of the asked length, different each time', () => {
    const a = generatePassword();
    expect(a).toHaveLength(16);
    expect(a).toMatch(/^[abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789]+$/);
    expect(generatePassword(24)).toHaveLength(24);
    expect(generatePassword()).not.toBe(a);
  });

  it('randomToken gives 64 hex characters, different each time', () => {
    const t = randomToken();
    expect(t).toMatch(/^[0-9a-f]{64}$/);
    expect(randomToken()).not.toBe(t);
  });

  it('sha256Hex matches the standard test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
