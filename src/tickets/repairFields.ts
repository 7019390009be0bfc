/**
 * The repair report's fields, defined once in knowledge/dialogs/repair-form.json: keys,
 * titles, order and validation. The ticket schema, the repair dialog and the agents' console
 * (GET /api/repair-form) all read them from here; the dialog adds how each item is asked.
 */
import { z } from 'zod';
import formFile from '../../knowledge/dialogs/repair-form.json' with { type: 'json' };
import { AppError } from '../errors.js';

const FORM_FILE = 'knowledge/dialogs/repair-form.json';

/** What a field's value is, which decides how it is validated and read from text. */
const fieldKindSchema = z.enum(['code', 'text', 'name', 'phone']);

/** What the conversation uses a field for, beyond storing it. */
const fieldRoleSchema = z.enum(['productModel', 'faultDescription', 'organization', 'contactName', 'location']);

/** The part of a field definition the ticket schema needs (the dialog reads the rest). */
export const repairFieldSchema = z.object({
  key: z.string().regex(/^[a-z][A-Za-z]*$/, 'a field key is a camelCase word'),
  title: z.string().min(1),
  required: z.boolean(),
  kind: fieldKindSchema,
  maxLength: z.number().int().positive(),
  minLength: z.number().int().positive().optional(),
  /** For codes and names the whole value must match; for free text it must occur somewhere in it. */
  pattern: z.string().optional(),
  mobilePattern: z.string().optional(),
  landlinePattern: z.string().optional(),
  role: fieldRoleSchema.optional(),
  /** Contact details remembered for the customer's next report. */
  remember: z.boolean().default(false),
});
export type RepairField = z.infer<typeof repairFieldSchema>;

const fieldsFileSchema = z.object({
  fields: z
    .array(repairFieldSchema)
    .min(1)
    .refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'field keys must be unique')
    .refine((fields) => fields.filter((f) => f.kind === 'phone').length === 1, 'exactly one field is the phone'),
});

/** Checks a repair-form document; a broken one is AppError('bad_document') naming the file and field. */
export function parseRepairFields(raw: unknown, file = FORM_FILE): RepairField[] {
  const result = fieldsFileSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue?.path.join('.') ?? '';
    throw new AppError('bad_document', `${file}: ${field}: ${issue?.message ?? 'invalid'}`, { file, field });
  }
  return result.data.fields;
}

/** The fields, in the order the policy's 报修信息 lists them. */
export const repairFields: readonly RepairField[] = parseRepairFields(formFile);

/** The key of the phone field (customers prove a ticket is theirs with its last four digits). */
export const phoneFieldKey: string = repairFields.find((f) => f.kind === 'phone')?.key ?? 'phone';

const DEFAULT_MOBILE = '^(?:\\+?86)?1[3-9]\\d{9}$';
const DEFAULT_LANDLINE = '^0\\d{2,3}-?\\d{7,8}(?:-\\d{1,6})?$';

function phoneSchema(field: RepairField): z.ZodType<string, string> {
  const mobile = new RegExp(field.mobilePattern ?? DEFAULT_MOBILE);
  const landline = new RegExp(field.landlinePattern ?? DEFAULT_LANDLINE);
  return z
    .string()
    .transform((s) => s.replace(/[\s()（）]/g, '').replace(/[－—–]/g, '-'))
    .refine((s) => mobile.test(s) || landline.test(s))
    .transform((s) => (mobile.test(s) ? s.replace(/^\+?86/, '') : s));
}

const valueSchemas = new Map<RepairField, z.ZodType<string, string>>();

/**
 * How one field's value is checked and normalised (codes upper-cased, phones without spaces),
 * from its kind, patterns and lengths. The dialog refuses a bad answer with the field's hint;
 * the ticket service refuses a bad report.
 */
export function fieldValueSchema(field: RepairField): z.ZodType<string, string> {
  const known = valueSchemas.get(field);
  if (known) return known;
  const text = z
    .string()
    .trim()
    .min(field.minLength ?? 1)
    .max(field.maxLength);
  let schema: z.ZodType<string, string>;
  switch (field.kind) {
    case 'phone':
      schema = phoneSchema(field);
      break;
    case 'code':
      schema = text.regex(new RegExp(field.pattern ?? '^[A-Za-z0-9-]{2,30}$')).transform((s) => s.toUpperCase());
      break;
    case 'name':
      schema = text.regex(new RegExp(field.pattern ?? '^\\D{1,20}$', 'u'));
      break;
    case 'text':
      // A pattern for free text only needs to occur (an address names a street, a district…).
      schema = field.pattern ? text.regex(new RegExp(field.pattern, 'u')) : text;
      break;
  }
  valueSchemas.set(field, schema);
  return schema;
}

/** A report as it may be written: known keys only, each value valid for its field. */
export function reportWriteSchema(fields: readonly RepairField[]) {
  const shape: Record<string, z.ZodOptional<z.ZodType<string, string>>> = {};
  for (const f of fields) shape[f.key] = fieldValueSchema(f).optional();
  return z.object(shape).strict();
}

/** A report as stored: known keys as text, anything older kept as it was rather than lost. */
export function reportReadSchema(fields: readonly RepairField[]) {
  const shape: Record<string, z.ZodOptional<z.ZodString>> = {};
  for (const f of fields) shape[f.key] = z.string().optional();
  return z.object(shape).catchall(z.string());
}

/** Keys, titles and order for views (the agents' console). */
export function fieldLabels(
  fields: readonly RepairField[] = repairFields,
): { key: string; title: string; required: boolean }[] {
  return fields.map(({ key, title, required }) => ({ key, title, required }));
}
