import { join } from 'node:path';
import type { AttachmentDesk } from '../../dialogs/dependencies.js';
import type { AppConfig } from '../config.js';
import type { EventBus } from '../directline/eventBus.js';
import type { DatabaseHandle } from '../storage/openDatabase.js';
import type { TicketService } from '../tickets/TicketService.js';
import { createAttachmentDesk } from './attachmentDesk.js';
import { AttachmentRecords } from './attachmentRecords.js';
import { AttachmentService } from './AttachmentService.js';
import { loadAttachmentWording } from './attachmentWording.js';
import { createBlobStore } from './blobStore.js';

export interface Attachments {
  service: AttachmentService;
  /** What the dialogs use (repair form and the rest of the conversation). */
  desk: AttachmentDesk;
}

/**
 * Builds attachments from config: records in the application database, bytes under
 * DATA_DIR/attachments or in PostgreSQL, uploads streamed through DATA_DIR/uploads-tmp.
 */
export function createAttachments(deps: {
  config: Pick<AppConfig, 'DATA_DIR' | 'KNOWLEDGE_DIR' | 'ATTACHMENT_MAX_FILE_MB' | 'ATTACHMENT_MAX_FILES'>;
  database: DatabaseHandle;
  tickets: TicketService;
  bus: EventBus;
}): Attachments {
  const { config, database } = deps;
  const service = new AttachmentService({
    records: new AttachmentRecords(database.db),
    blobs: createBlobStore(database, config.DATA_DIR),
    tickets: deps.tickets,
    bus: deps.bus,
    wording: loadAttachmentWording(config.KNOWLEDGE_DIR),
    limits: {
      maxFileBytes: Math.round(config.ATTACHMENT_MAX_FILE_MB * 1024 * 1024),
      maxFiles: config.ATTACHMENT_MAX_FILES,
    },
    tempDir: join(config.DATA_DIR, 'uploads-tmp'),
  });
  return { service, desk: createAttachmentDesk(service, deps.tickets) };
}
