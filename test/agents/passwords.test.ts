import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from '../../src/agents/passwords.js';

describe('agent passwords', () => {
  it('when the same password is hashed twice, then the hashes differ (salted) and both verify', async () => {
    const a = await hashPassword('周末值班-2026');
    const b = await hashPassword('周末值班-2026');
    expect(a).not.toBe(b);
    expect(a.startsWith('scrypt$')).toBe(true);
    expect(a).not.toContain('周末值班');
    expect(await verifyPassword('周末值班-2026', a)).toBe(true);
    expect(await verifyPassword('周末值班-2026', b)).toBe(true);
  });

  it('when the password is wrong or the stored hash is malformed, then it does not verify', async () => {
    const stored = await hashPassword('right-password');
    expect(await verifyPassword('right-passwore', stored)).toBe(false);
    expect(await verifyPassword('right-password', 'plain-text')).toBe(false);
    expect(await verifyPassword('right-password', stored.replace(/\$[^$]+$/, '$AAAA'))).toBe(false);
  });

  it('when passwords are generated, then they are long and different each time', () => {
    const generated = new Set(Array.from({ length: 20 }, generatePassword));
    expect(generated.size).toBe(20);
    for (const p of generated) expect(p.length).toBeGreaterThanOrEqual(20);
  });
});
