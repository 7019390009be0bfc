import { mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { EventBus } from '../directline/eventBus.js';
import { AppError } from '../errors.js';
import { TICKET_TOPIC, type TicketSignal } from '../handoff/ticketSignals.js';
import type { Ticket, TicketState } from '../tickets/ticketSchemas.js';
import type { TicketService } from '../tickets/TicketService.js';
import type { AttachmentRecord, AttachmentRecords } from './attachmentRecords.js';
import { rejectionNotice, type AttachmentWording, type Rejection } from './attachmentWording.js';
import type { BlobStore } from './blobStore.js';
import { nameForType } from './fileNames.js';
import { inspectFile, type AcceptedType } from './inspectFile.js';
import { receiveMultipart, type ReceivedFile, type ReceivedUpload } from './receiveMultipart.js';
import { digestOf, sweepStaleTempFiles } from './tempFiles.js';
import { fillTemplate } from '../text/template.js';

export interface AttachmentLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/** A received file that passed the checks, ready to store. */
export interface CheckedFile {
  file: ReceivedFile;
  accepted: AcceptedType;
  /** The bytes to store: the upload, or the photo re-encoded without location. */
  path: string;
  sha256: string;
  size: number;
}

export interface UploadCheck {
  accepted: CheckedFile[];
  rejected: Rejection[];
}

export interface AttachmentServiceDeps {
  records: AttachmentRecords;
  blobs: BlobStore;
  tickets: Pick<TicketService, 'supplementWithAttachments'>;
  bus: EventBus;
  wording: AttachmentWording;
  limits: AttachmentLimits;
  /** Where uploads are written while they arrive (DATA_DIR/uploads-tmp). */
  tempDir: string;
}

/** The Direct Line activity part and Web Chat's thumbnails fit in this. */
const MAX_ACTIVITY_PART_BYTES = 1024 * 1024;

const activityIdsSchema = z
  .object({ channelData: z.object({ attachmentIds: z.array(z.string().max(64)).max(50) }).loose() })
  .loose();

/**
 * Attachments (issue 14): receives uploads as streams, decides each file's type from its bytes,
 * strips location from photos, stores what passes once per content (BlobStore) with a record per
 * conversation (who, which ticket), and supplements tickets with files, notifying agents live.
 */
export class AttachmentService {
  readonly limits: AttachmentLimits;
  readonly wording: AttachmentWording;

  constructor(private readonly deps: AttachmentServiceDeps) {
    this.limits = deps.limits;
    this.wording = deps.wording;
    mkdirSync(deps.tempDir, { recursive: true });
    sweepStaleTempFiles(deps.tempDir);
  }

  /** Streams a multipart request's files to temporary files; see receiveMultipart for its errors. */
  receive(req: IncomingMessage): Promise<ReceivedUpload> {
    const { maxFileBytes, maxFiles } = this.limits;
    return receiveMultipart(req, {
      maxFileBytes,
      maxFiles,
      maxPartBytes: MAX_ACTIVITY_PART_BYTES,
      maxRequestBytes: maxFiles * (maxFileBytes + 64 * 1024) + 2 * MAX_ACTIVITY_PART_BYTES,
      tempDir: this.deps.tempDir,
    });
  }

  /** Checks every received file by its bytes. More files than allowed: none of them is accepted. */
  async check(upload: ReceivedUpload): Promise<UploadCheck> {
    if (upload.fileParts > this.limits.maxFiles) {
      return {
        accepted: [],
        rejected: [{ name: upload.files.map((f) => f.name).join('、'), reason: 'too_many', count: upload.fileParts }],
      };
    }
    const accepted: CheckedFile[] = [];
    const rejected: Rejection[] = [];
    for (const file of upload.files) {
      const inspection = await inspectFile(file);
      if (!inspection.ok) {
        rejected.push({
          name: file.name,
          reason: inspection.reason,
          ...(inspection.entry ? { entry: inspection.entry } : {}),
        });
        continue;
      }
      const stripped = inspection.strippedPath ? await digestOf(inspection.strippedPath) : undefined;
      accepted.push({
        file,
        accepted: inspection.accepted,
        path: inspection.strippedPath ?? file.path,
        sha256: stripped?.sha256 ?? file.sha256,
        size: stripped?.size ?? file.size,
      });
    }
    return { accepted, rejected };
  }

  /** Stores checked files for a conversation (a content is kept once; one record per conversation and content). */
  async save(
    files: readonly CheckedFile[],
    owner: { conversationId: string; uploader: string; ticketNumber: string | null },
  ): Promise<AttachmentRecord[]> {
    const saved: AttachmentRecord[] = [];
    for (const checked of files) {
      await this.deps.blobs.put(checked.sha256, checked.path);
      const record = await this.deps.records.save({
        sha256: checked.sha256,
        name: nameForType(checked.file.name, checked.accepted.extensions),
        type: checked.accepted.type,
        size: checked.size,
        uploader: owner.uploader,
        conversationId: owner.conversationId,
        ticketNumber: owner.ticketNumber,
      });
      if (!saved.some((r) => r.id === record.id)) saved.push(record);
    }
    return saved;
  }

  /** Removes the upload's temporary files (and re-encoded photos). */
  async discard(upload: ReceivedUpload): Promise<void> {
    await upload.discard();
    await Promise.all(upload.files.map((f) => rm(`${f.path}.clean`, { force: true })));
  }

  /** What to tell the sender about files that were not stored; undefined when all were. */
  rejectionNotice(rejected: readonly Rejection[]): string | undefined {
    return rejectionNotice(this.wording, this.limits, rejected);
  }

  get(id: string): Promise<AttachmentRecord | undefined> {
    return this.deps.records.get(id);
  }

  /** The stored bytes of a record, streamed; undefined when they are missing. */
  open(record: AttachmentRecord): Promise<Readable | undefined> {
    return this.deps.blobs.open(record.sha256);
  }

  /**
   * The files a message carries, as far as they really are this conversation's: ids come from
   * the message (channelData.attachmentIds, set by our upload) and are checked against the store.
   */
  async fromActivity(conversationId: string, activity: unknown): Promise<AttachmentRecord[]> {
    const parsed = activityIdsSchema.safeParse(activity);
    if (!parsed.success) return [];
    return this.deps.records.inConversation(conversationId, parsed.data.channelData.attachmentIds);
  }

  /** Puts the customer's files of the conversation that are on no ticket onto this one (a handoff). */
  async collectLooseFiles(ticketNumber: string, conversationId: string): Promise<number> {
    return this.deps.records.linkLoose(conversationId, ticketNumber);
  }

  /**
   * Supplements the conversation's ticket with files as the lifecycle says (待补充 -> 未处理),
   * records it on the ticket and tells every agent console at once. Undefined for a ticket the
   * customer can no longer change (已结单).
   */
  async supplementTicket(
    ticketNumber: string,
    conversationId: string,
    records: readonly AttachmentRecord[],
  ): Promise<{ ticket: Ticket; from: TicketState } | undefined> {
    if (records.length === 0) return undefined;
    const names = records.map((r) => r.name).join('、');
    let result: { ticket: Ticket; from: TicketState };
    try {
      result = await this.deps.tickets.supplementWithAttachments(ticketNumber, {
        conversationId,
        ids: records.map((r) => r.id),
        transcriptText: fillTemplate(this.wording.transcriptLine, { names }),
        note: fillTemplate(this.wording.supplementNote, { names }),
      });
    } catch (error) {
      // 已结单: the lifecycle allows the customer nothing more on this ticket.
      if (error instanceof AppError && error.code === 'conflict') return undefined;
      throw error;
    }
    const signal: TicketSignal = {
      event: 'supplemented',
      ticketNumber: result.ticket.number,
      conversationId,
      from: result.from,
      state: result.ticket.state,
      attachments: records.map((r) => ({ id: r.id, name: r.name, type: r.type, size: r.size })),
    };
    await this.deps.bus.publish(TICKET_TOPIC, signal);
    return result;
  }
}
