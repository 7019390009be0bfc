import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { Database } from './schema.js';

/**
 * Bot Framework `Storage` over the application database (either engine), for conversation and
 * user state. Optimistic concurrency like MemoryStorage: a write carrying the stored eTag
 * succeeds and gets a new one; a stale eTag fails; `'*'` or no eTag overwrites; an eTag no item
 * has (see NEW_ITEM_ETAG) only creates. After a write, each written item carries its new eTag,
 * so the caller can write again in the same turn without reading back.
 */
export class BotStateStorage implements Storage {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Reads the stored items; missing keys are simply absent from the result. */
  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    if (keys.length === 0) return items;
    const rows = await this.db
      .selectFrom('bot_state')
      .select(['key', 'doc', 'etag'])
      .where('key', 'in', keys)
      .execute();
    for (const row of rows) {
      const doc: unknown = JSON.parse(row.doc);
      items[row.key] = { ...(isRecord(doc) ? doc : {}), eTag: row.etag };
    }
    return items;
  }

  /** Writes every change; throws AppError('conflict') on the first stale eTag. */
  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const record: Record<string, unknown> = isRecord(item) ? item : {};
      const { eTag, ...rest } = record;
      const doc = JSON.stringify(rest);
      const etag = randomUUID();
      const updatedAt = this.now().toISOString();
      if (typeof eTag !== 'string' || eTag === '' || eTag === '*') {
        await this.db
          .insertInto('bot_state')
          .values({ key, doc, etag, updated_at: updatedAt })
          .onConflict((oc) => oc.column('key').doUpdateSet({ doc, etag, updated_at: updatedAt }))
          .execute();
        if (isRecord(item)) item.eTag = etag;
        continue;
      }
      // Compare-and-set in one statement, so two writers holding the same eTag cannot both win.
      const updated = await this.db
        .updateTable('bot_state')
        .set({ doc, etag, updated_at: updatedAt })
        .where('key', '=', key)
        .where('etag', '=', eTag)
        .executeTakeFirst();
      if (updated.numUpdatedRows > 0n) {
        if (isRecord(item)) item.eTag = etag;
        continue;
      }
      // No row matched: either the item does not exist yet (MemoryStorage then writes) or the eTag is stale.
      const inserted = await this.db
        .insertInto('bot_state')
        .values({ key, doc, etag, updated_at: updatedAt })
        .onConflict((oc) => oc.column('key').doNothing())
        .executeTakeFirst();
      if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) {
        throw new AppError('conflict', `Storage: error writing "${key}" due to eTag conflict.`, { key });
      }
      if (isRecord(item)) item.eTag = etag;
    }
  }

  /** Deletes the keys; missing keys are ignored. */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
