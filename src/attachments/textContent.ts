/**
 * Is a file's start plain text? Decided from the bytes: no NUL bytes (except in UTF-16 with a
 * byte-order mark) and almost no control characters. Text that is really a script (#!) or a web
 * page or SVG drawing is told apart, so it is not taken as a log.
 */
export type TextVerdict = 'text' | 'script' | 'markup' | 'binary';

/** Share of control characters above which a "text" is binary (logs may carry a few ANSI codes). */
const MAX_CONTROL_SHARE = 0.01;
const MARKUP = /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|svg|script|iframe)\b/i;

function isControl(code: number): boolean {
  // C0 controls except tab, newline, vertical tab, form feed, carriage return and escape; DEL.
  return (
    (code < 0x20 &&
      code !== 0x09 &&
      code !== 0x0a &&
      code !== 0x0b &&
      code !== 0x0c &&
      code !== 0x0d &&
      code !== 0x1b) ||
    code === 0x7f
  );
}

function utf16Bom(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * Classifies the first bytes of a file. `nulBytes` counts NUL bytes in the whole file when the
 * caller saw all of it (a NUL past the sample still makes it binary).
 */
export function classifyText(head: Buffer, nulBytes = 0): TextVerdict {
  if (head.length === 0) return 'binary';
  const utf16 = utf16Bom(head);
  let sample: string;
  let controls = 0;
  let measured = head.length;
  if (utf16) {
    sample = new TextDecoder(utf16).decode(head.subarray(0, head.length - (head.length % 2)));
    for (let i = 0; i < sample.length; i += 1) if (isControl(sample.charCodeAt(i))) controls += 1;
    measured = sample.length;
    if (sample.includes('\u0000')) return 'binary';
  } else {
    if (nulBytes > 0 || head.includes(0)) return 'binary';
    for (const byte of head) if (isControl(byte)) controls += 1;
    sample = new TextDecoder('utf-8').decode(head.subarray(0, 2048));
  }
  if (controls > Math.max(1, measured * MAX_CONTROL_SHARE)) return 'binary';
  const start = sample.replace(/^[\uFEFF\s]+/, '');
  if (start.startsWith('#!')) return 'script';
  if (MARKUP.test(start.slice(0, 2048))) return 'markup';
  return 'text';
}
