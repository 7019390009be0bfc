import type { AttachmentTables } from '../../src/attachments/tables.js';
import { PgBlobStore } from '../../src/attachments/blobStore.js';
import { postgresFactory } from '../storage/databaseFactories.js';
import { blobStoreSuite } from './blobStoreSuite.js';

blobStoreSuite('PostgreSQL', async () => {
  const factory = postgresFactory();
  const handle = await factory.open();
  const db = handle.db.withTables<AttachmentTables>();
  return {
    store: new PgBlobStore(handle.db),
    copiesOf: async (sha) =>
      (await db.selectFrom('attachment_blobs').select('sha256').where('sha256', '=', sha).execute()).length,
    dispose: async () => {
      await handle.close();
      await factory.dispose();
    },
  };
});
