import { z } from 'zod';
import { notParsed, parsed, type ParseResult } from '../src/errors.js';
import type { RepairFieldSpec } from './dialogKnowledge.js';

const maxFreeText = 500;

function phoneSchema(spec: RepairFieldSpec) {
  const mobile = new RegExp(spec.mobilePattern ?? '^1[3-9]\\d{9}$');
  const landline = new RegExp(spec.landlinePattern ?? '^0\\d{2,3}-?\\d{7,8}$');
  return z
    .string()
    .transform((s) => s.replace(/[\s()（）]/g, '').replace(/[－—–]/g, '-'))
    .refine((s) => mobile.test(s) || landline.test(s))
    .transform((s) => (mobile.test(s) ? s.replace(/^\+?86/, '') : s));
}

function schemaFor(spec: RepairFieldSpec): z.ZodType<string, string> {
  switch (spec.kind) {
    case 'phone':
      return phoneSchema(spec);
    case 'code':
      return z
        .string()
        .trim()
        .regex(new RegExp(spec.pattern ?? '^[A-Za-z0-9-]{2,30}$'))
        .transform((s) => s.toUpperCase());
    case 'name':
      return z
        .string()
        .trim()
        .regex(new RegExp(spec.pattern ?? '^\\D{1,20}$', 'u'));
    case 'text':
      return z
        .string()
        .trim()
        .min(spec.minLength ?? 1)
        .max(maxFreeText);
  }
}

const schemas = new Map<RepairFieldSpec, z.ZodType<string, string>>();

/** Checks one repair-report value against its field's shape (zod); the reason is the field's hint. */
export function validateSlot(spec: RepairFieldSpec, raw: string): ParseResult<string> {
  let schema = schemas.get(spec);
  if (!schema) {
    schema = schemaFor(spec);
    schemas.set(spec, schema);
  }
  const result = schema.safeParse(raw);
  return result.success ? parsed(result.data) : notParsed(spec.hint);
}
