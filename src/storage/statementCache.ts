import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many distinct statements are kept: every query shape the application makes, with room to spare. */
const DEFAULT_SIZE = 500;

/**
 * better-sqlite3 for Kysely with a statement cache. Kysely's SQLite driver prepares every query
 * afresh, and parsing the SQL was about 5 % of a Direct Line turn. A prepared statement is
 * reused for the same SQL text (the parameters differ): better-sqlite3 runs each to completion
 * synchronously, so one is never in use twice (nothing here streams with iterate()). SQLite
 * re-prepares a cached statement itself when a migration changes the schema. Least recently
 * used statements go first, so queries of varying shape (`in (?, ?, …)`) cannot grow it.
 */
export function withStatementCache(database: BetterSqlite3.Database, size = DEFAULT_SIZE): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const cached = cache.get(sql);
      if (cached) {
        // Map order is insertion order: moving it to the end keeps the least recently used first.
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > size) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
