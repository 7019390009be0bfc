import { join } from 'node:path';
import { z } from 'zod';
import { readJsonFile } from '../knowledge/readJsonFile.js';

export const handoffWordingSchema = z.object({
  queued: z.string(),
  queueMoved: z.string(),
  alreadyWithAgent: z.string(),
  noAgentOnline: z.string(),
  outOfHours: z.string(),
  agentJoined: z.string(),
  /** The sender name a human agent's messages carry in the customer's chat ({agent}: who). */
  agentName: z.string().includes('{agent}'),
  resolved: z.string(),
  /** Said in the chat when a customer gone too long leaves the queue. */
  leftQueue: z.string(),
  /** The ticket's internal note then ({minutes}: how long they had been gone). */
  leftQueueNote: z.string(),
  askRating: z.string(),
  ratingThanks: z.string(),
  ratingChoices: z.array(z.string()).length(5),
});
export type HandoffWording = z.infer<typeof handoffWordingSchema>;

/** Loads the customer-facing handoff sentences from knowledge/handoff/wording.json. */
export function loadHandoffWording(knowledgeDir: string): HandoffWording {
  return readJsonFile(join(knowledgeDir, 'handoff', 'wording.json'), handoffWordingSchema);
}
