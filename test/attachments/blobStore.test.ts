import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore } from '../../src/attachments/blobStore.js';
import { blobStoreSuite } from './blobStoreSuite.js';
import { filesUnder } from './support/storedFiles.js';

blobStoreSuite('files under DATA_DIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
  return {
    store: new FileBlobStore(join(dir, 'attachments')),
    copiesOf: async (sha) => filesUnder(dir).filter((path) => path.includes(sha)).length,
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
