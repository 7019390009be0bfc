import type { z } from 'zod';
import { AppError } from '../errors.js';

/**
 * Parses request input with zod. A bad value is AppError('bad_request') naming the field
 * (e.g. `to`, `text`, `number`); an overlong text is AppError('payload_too_large').
 */
export function validateRequest<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : where;
  if (issue?.code === 'too_big' && issue.origin === 'string') {
    throw new AppError(
      'payload_too_large',
      `字段 ${field} 太长（最多 ${String(issue.maximum)} 字）。(${field} too long)`,
      {
        field,
        max: Number(issue.maximum),
      },
    );
  }
  throw new AppError('bad_request', `字段 ${field} 无效：${issue?.message ?? ''} (invalid ${field})`, {
    field,
    issues: result.error.issues.map((i) => ({ field: i.path.join('.') || where, message: i.message })),
  });
}
