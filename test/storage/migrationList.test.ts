import { describe, expect, it } from 'vitest';
import { allMigrations } from '../../src/storage/migrations/index.js';
import { checkedMigrations, type Migration } from '../../src/storage/migrations/registry.js';

const migration = (id: number, name = `m${id}`): Migration => ({ id, name, up: async () => undefined });

describe('the one list of migrations', () => {
  it('when the application starts, then its list has unique ids in ascending order', () => {
    const ids = allMigrations.map((m) => m.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
  });

  it('when two migrations share an id or come out of order, then the list is refused naming them', () => {
    expect(() => checkedMigrations([migration(1), migration(1, 'again')])).toThrow(
      /again \(1\) must come after m1 \(1\)/,
    );
    expect(() => checkedMigrations([migration(5), migration(2)])).toThrow(/m2 \(2\) must come after m5/);
    expect(() => checkedMigrations([migration(0)])).toThrow(/positive integers/);
  });
});
