import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_TABLE } from '../../src/limits/limiter.js';
import { allMigrations, MIGRATION_FILES } from '../../src/storage/migrations/index.js';
import { checkedMigrations } from '../../src/storage/migrations/registry.js';

const migration = (id: number, name = `m${id}`) => ({ id, name });

describe('the one list of migrations', () => {
  it('when the application starts, then its list has unique ids in ascending order, as Kysely sorts their names', () => {
    const ids = allMigrations.map((m) => m.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    const names = allMigrations.map((m) => m.name);
    expect(names).toEqual([...names].sort());
    expect(allMigrations).toHaveLength(MIGRATION_FILES.length);
  });

  it('when two migrations share an id or come out of order, then the list is refused naming them', () => {
    expect(() => checkedMigrations([migration(1), migration(1, 'again')])).toThrow(
      /again \(1\) must come after m1 \(1\)/,
    );
    expect(() => checkedMigrations([migration(5), migration(2)])).toThrow(/m2 \(2\) must come after m5/);
    expect(() => checkedMigrations([migration(0)])).toThrow(/positive integers/);
  });

  it('when the rate limits table is created, then it has the name the limiters use', () => {
    const rateLimits = allMigrations.find((m) => m.name === '203_rate_limits');
    expect(rateLimits?.document.ops).toContainEqual(expect.objectContaining({ table: RATE_LIMIT_TABLE }));
  });
});
