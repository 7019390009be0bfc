import type { ActivityWithFiles, AttachmentDesk } from '../../dialogs/dependencies.js';
import type { TicketService } from '../tickets/TicketService.js';
import { describeCount } from './attachmentWording.js';
import type { AttachmentService } from './AttachmentService.js';
import { fillTemplate } from '../text/template.js';

/**
 * The dialogs' view of attachments: files sent during the repair form join the report; outside
 * it they supplement the conversation's open ticket, or the customer learns what files are for.
 */
export function createAttachmentDesk(
  attachments: AttachmentService,
  tickets: Pick<TicketService, 'findByConversation'>,
): AttachmentDesk {
  const { wording } = attachments;
  const received = async (activity: ActivityWithFiles) => {
    const conversationId = activity.conversation?.id;
    return conversationId
      ? { conversationId, records: await attachments.fromActivity(conversationId, activity) }
      : undefined;
  };
  return {
    async forReport(activity) {
      const files = await received(activity);
      if (!files?.records.length) return undefined;
      const what = describeCount(
        wording,
        files.records.map((r) => r.type),
      );
      return { ids: files.records.map((r) => r.id), confirmation: fillTemplate(wording.addedToReport, { what }) };
    },
    async outsideReport(activity) {
      const files = await received(activity);
      if (!files?.records.length) return undefined;
      const what = describeCount(
        wording,
        files.records.map((r) => r.type),
      );
      const ticket = await tickets.findByConversation(files.conversationId);
      const supplemented =
        ticket && ticket.state !== '已结单'
          ? await attachments.supplementTicket(ticket.number, files.conversationId, files.records)
          : undefined;
      if (!supplemented) return fillTemplate(wording.whatFor, { what });
      const { ticket: after, from } = supplemented;
      const template = from === after.state ? wording.addedToTicket : wording.resubmitted;
      return fillTemplate(template, { what, ticket: after.number, from, state: after.state });
    },
  };
}
