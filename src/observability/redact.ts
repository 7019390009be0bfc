/**
 * Personal data out of log lines. Two passes: by key (a field named phone, address, text… is
 * replaced whole, whatever it holds) and in free text (phone numbers, Chinese ID numbers,
 * e-mail addresses, and names and addresses the way customers write them). The free-text pass
 * is a safety net for text that reaches a log by accident (an error message quoting input);
 * the code never logs what a customer typed.
 */

/** Fields whose value is personal or secret wherever they appear (compared in lower case). */
const SENSITIVE_KEYS = new Set([
  'text',
  'transcript',
  'report',
  'phone',
  'mobile',
  'tel',
  'telephone',
  'contactname',
  'customername',
  'address',
  'email',
  'idnumber',
  'idcard',
  'password',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
]);

export const REDACTED = '[redacted]';

const D = '[0-9０-９]';
const HAN = '\\p{Script=Han}';
/** Words that start the next field in a form-like message ("联系人王工电话138…"). */
const NEXT_FIELD = '(?:电话|手机|联系|地址|住址|单位|公司|型号|序列号|邮箱|身份证)';

const patterns: Array<[RegExp, string]> = [
  // E-mail addresses.
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[email]'],
  // Resident ID numbers: 18 characters, 6-digit area, birth date, 3 digits, check digit.
  [
    new RegExp(
      `(?<!${D})[1-9１-９]${D}{5}(?:19|20|１９|２０)${D}{2}${D}{2}${D}{2}${D}{3}[0-9０-９XxＸｘ](?!${D})`,
      'gu',
    ),
    '[id-number]',
  ],
  // Mobile numbers, with or without +86 and separators (138-1234-5678, 138 1234 5678).
  [
    new RegExp(`(?<!${D})(?:(?:\\+|＋)?(?:86|８６)[-\\s]?)?[1１][3-9３-９]${D}(?:[-\\s]?${D}{4}){2}(?!${D})`, 'gu'),
    '[phone]',
  ],
  // Landlines with an area code (010-12345678, 0755 1234567) and 400/800 numbers.
  [new RegExp(`(?<!${D})(?:[0０]${D}{2,3}|[48４８][0０]{2})[-\\s]?${D}{3,4}[-\\s]?${D}{3,4}(?!${D})`, 'gu'), '[phone]'],
  // An address after a cue word, up to the end of the clause or the next field.
  [
    new RegExp(
      `(地址|住址|住在|寄到|寄回|送到|收货地址|上门地址)([:：\\s是为]*)[^，,。;；!！?？\\n]+?(?=${NEXT_FIELD}|[，,。;；!！?？\\n]|$)`,
      'gu',
    ),
    '$1$2[address]',
  ],
  // A street address without a cue: a road, lane, estate or building, then a number (the words
  // run together in Chinese, so a few before the address may go with it).
  [
    new RegExp(
      `[${HAN}A-Za-z0-9０-９-]{0,24}?(?:路|街|大道|巷|弄|胡同|小区|大厦|花园|公寓|村)[${HAN}A-Za-z0-9０-９-]{0,16}?${D}+(?:号|栋|幢|室|楼|层|单元)(?:[${HAN}0-9０-９-]{0,12}?(?:号|室|楼|层|单元))*`,
      'gu',
    ),
    '[address]',
  ],
  // A name after a cue word: the shortest run of Han characters before a boundary or the next field.
  [
    new RegExp(
      `(我叫|我姓|姓名|名字叫|名字是|联系人|收件人|报修人|称呼)([:：\\s是为]*)(?:[${HAN}·]{1,4}?(?=${NEXT_FIELD}|[^${HAN}·]|$)|[${HAN}]{2,3})`,
      'gu',
    ),
    '$1$2[name]',
  ],
  // Surname plus a form of address (王先生, 李女士).
  [new RegExp(`[${HAN}](?:先生|女士|小姐)`, 'gu'), '[name]'],
];

/** Replaces personal data in free text with placeholders such as [phone] or [address]. */
export function redactText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A copy of a log object with sensitive keys replaced and every string redacted. Errors become
 * plain {type, message, stack, code} objects with redacted text (pino's err serializer keeps them).
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    const code =
      'code' in value && (typeof value.code === 'string' || typeof value.code === 'number') ? value.code : undefined;
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack === undefined ? undefined : redactText(value.stack),
      ...(code === undefined ? {} : { code }),
    };
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value))
    out[key] =
      SENSITIVE_KEYS.has(key.toLowerCase()) && v !== undefined && v !== null ? REDACTED : redactValue(v, depth + 1);
  return out;
}
