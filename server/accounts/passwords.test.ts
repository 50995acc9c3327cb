import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT, generatePassword, hashPassword, verifyPassword } from './passwords.ts';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('stores scheme, parameters, salt and hash, and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password', FAST)).not.toBe(await hashPassword('same password', FAST));
  });

  it('verifies with the parameters stored in the hash, so the default can change later', async () => {
    const stored = await hashPassword('a password', DEFAULT_SCRYPT);
    expect(stored.startsWith(`scrypt$${DEFAULT_SCRYPT.N}$8$1$`)).toBe(true);
    expect(await verifyPassword('a password', stored)).toBe(true);
  });

  it.each(['', 'plain', 'bcrypt$x$y', 'scrypt$abc$8$1$c2FsdA==$aGFzaA==', 'scrypt$1024$8$1$$'])('refuses an unreadable hash %j', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false);
  });

  it('generates 16-character passwords that differ', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
