import { z } from 'zod';

/**
 * The one check for text arriving from outside (customers, agents, CLI lines). It refuses what
 * cannot be stored or shown safely and strips what only serves to spoof a display; everything
 * else (emoji and their zero-width joiners, CJK, tabs, newlines) passes untouched.
 */

/** Why a text was refused. */
export type TextProblem = 'lone_surrogate' | 'control_char';

// Lone surrogates come from broken encoders: UTF-8 (and PostgreSQL) cannot hold them.
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// C0/C1 controls other than tab, newline and carriage return: NUL breaks PostgreSQL text, ESC
// rewrites terminals and logs, none of them belongs in a chat message.
const controlChar = /(?![\t\n\r])\p{Cc}/u;
// Bidi embeddings, overrides and isolates: invisible, and they make an agent read a text backwards.
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/g;
// Whitespace and invisible marks only: nothing a person could read.
const invisibleOnly = /^[\s\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]*$/;

/** What is wrong with a text, or undefined when it is acceptable. */
export function findTextProblem(text: string): TextProblem | undefined {
  if (loneSurrogate.test(text)) return 'lone_surrogate';
  if (controlChar.test(text)) return 'control_char';
  return undefined;
}

/** True when the text has nothing visible in it. */
export function isInvisibleText(text: string): boolean {
  return invisibleOnly.test(text);
}

/** Removes bidi override and isolate controls (they carry no content). */
export function stripBidiControls(text: string): string {
  return text.replace(bidiControls, '');
}

/** Chinese wording of each problem, for customers and the API's error messages. */
export const textProblemMessages: Record<TextProblem, string> = {
  lone_surrogate: '包含无法识别的字符（不完整的 Unicode 编码）',
  control_char: '包含不可见的控制字符',
};

/**
 * A zod string schema for outside text: `base` sets trimming and length limits; the result
 * refuses malformed Unicode and control characters (naming the problem in Chinese) and comes
 * out without bidi controls.
 */
export function safeText(base: z.ZodString = z.string()) {
  return base
    .superRefine((text, ctx) => {
      const problem = findTextProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessages[problem], params: { problem } });
    })
    .transform(stripBidiControls);
}
