import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/storage/statementCache.js';

describe('the SQLite statement cache', () => {
  let database: BetterSqlite3.Database;
  beforeEach(() => {
    database = new BetterSqlite3(':memory:');
    database.exec('create table t (x integer)');
  });
  afterEach(() => {
    if (database.open) database.close();
  });

  it('when the same SQL is prepared twice, then the one statement is reused and gives each run its own parameters', () => {
    const cached = withStatementCache(database);
    const insert = cached.prepare('insert into t (x) values (?)');
    expect(cached.prepare('insert into t (x) values (?)')).toBe(insert);
    insert.run([1]);
    cached.prepare('insert into t (x) values (?)').run([2]);
    expect(cached.prepare('select x from t order by x').all([])).toEqual([{ x: 1 }, { x: 2 }]);
  });

  it('when more shapes come than it holds, then the least recently used is prepared afresh and the rest are kept', () => {
    const cached = withStatementCache(database, 2);
    const a = cached.prepare('select 1 as a');
    const b = cached.prepare('select 2 as b');
    expect(cached.prepare('select 1 as a')).toBe(a); // a is now the most recent
    cached.prepare('select 3 as c'); // evicts b
    expect(cached.prepare('select 1 as a')).toBe(a);
    expect(cached.prepare('select 2 as b')).not.toBe(b);
  });

  it('when the schema changes under a cached statement, then it still runs against the new schema', () => {
    const cached = withStatementCache(database);
    cached.prepare('insert into t (x) values (?)').run([1]);
    database.exec('alter table t add column y text');
    cached.prepare('insert into t (x) values (?)').run([2]);
    expect(cached.prepare('select x, y from t order by x').all([])).toEqual([
      { x: 1, y: null },
      { x: 2, y: null },
    ]);
  });
});
