import { z } from 'zod';
import { policyIdSchema } from '../src/knowledge/types.js';

// Child dialogs hand back plain objects through the persisted dialog stack; zod reads them back typed.
const reportSchema = z.record(z.string(), z.string());

export const repairResultSchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('created'), ticketNumber: z.string(), policy: policyIdSchema }),
  /** followUp: what the customer asked while calling the report off, to be routed afresh. */
  z.object({ outcome: z.literal('cancelled'), followUp: z.string().optional() }),
  z.object({
    outcome: z.literal('handoff'),
    report: reportSchema,
    policy: policyIdSchema.optional(),
    coverage: z.record(z.string(), z.unknown()).optional(),
  }),
]);

export const coverageResultSchema = z.object({
  startRepair: z.boolean(),
  policy: policyIdSchema.optional(),
  prefill: reportSchema,
  coverage: z.record(z.string(), z.unknown()).optional(),
  followUp: z.string().optional(),
});

export const ticketStatusResultSchema = z.object({ found: z.boolean(), offerHuman: z.boolean() });
export const handoffResultSchema = z.object({ ticketNumber: z.string() });
