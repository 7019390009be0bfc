import type { RejectionReason } from './attachmentWording.js';
import { removeLocation, type PhotoFormat } from './images.js';
import type { ReceivedFile } from './receiveMultipart.js';
import { classifyText } from './textContent.js';
import { readEntryStart, readZipEntries } from './zipEntries.js';

/** A file type we keep, with the extensions its name may have (the first is added when it has none of them). */
export interface AcceptedType {
  type: string;
  extensions: readonly string[];
  /** Set for photos: they pass through the location check. */
  photo?: PhotoFormat;
}

const TEXT: AcceptedType = { type: 'text/plain', extensions: ['txt', 'log'] };
const ZIP: AcceptedType = { type: 'application/zip', extensions: ['zip'] };

/** The types customers and agents may send: photos, PDF, plain text and logs, ZIP of logs. */
export const acceptedTypes: Readonly<Record<string, AcceptedType>> = {
  'image/jpeg': { type: 'image/jpeg', extensions: ['jpg', 'jpeg', 'jfif'], photo: 'jpeg' },
  'image/png': { type: 'image/png', extensions: ['png'], photo: 'png' },
  'image/webp': { type: 'image/webp', extensions: ['webp'], photo: 'webp' },
  'image/gif': { type: 'image/gif', extensions: ['gif'], photo: 'gif' },
  'application/pdf': { type: 'application/pdf', extensions: ['pdf'] },
  [TEXT.type]: TEXT,
  [ZIP.type]: ZIP,
};

/** Signatures of programs (file-type's names): refused whatever the file is called. */
const EXECUTABLE_TYPES = new Set([
  'application/x-msdownload',
  'application/vnd.microsoft.portable-executable',
  'application/x-elf',
  'application/x-mach-binary',
  'application/x-sharedlib',
  'application/x-executable',
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-msi',
  'application/x-ms-installer',
  'application/wasm',
  'application/x-dex',
  'application/x-apple-diskimage',
  'application/vnd.debian.binary-package',
  'application/x-rpm',
]);

/** Signatures that are still plain text underneath; the text checks decide. */
const TEXT_SIGNATURES = new Set(['application/xml', 'text/xml']);

export type Inspection =
  | {
      ok: true;
      accepted: AcceptedType;
      /** The photo re-encoded without metadata, when it had any. */ strippedPath?: string;
    }
  | { ok: false; reason: RejectionReason; /** e.g. the ZIP entry that is not a log. */ entry?: string };

const refuse = (reason: RejectionReason, entry?: string): Inspection => ({
  ok: false,
  reason,
  ...(entry ? { entry } : {}),
});

/** Looks into a ZIP: every file in it must be text by its bytes. */
async function inspectZip(path: string): Promise<Inspection> {
  const entries = await readZipEntries(path);
  if (!entries.ok) return refuse('zip_unreadable');
  const files = entries.value.filter((e) => !e.directory);
  if (files.length === 0) return refuse('empty');
  for (const entry of files) {
    const start = await readEntryStart(path, entry);
    if (!start) return refuse('zip_unreadable');
    if (start.length > 0 && classifyText(start) !== 'text') return refuse('zip_contents', entry.name);
  }
  return { ok: true, accepted: ZIP };
}

/**
 * Decides from its bytes whether a received file may be stored, and as what. Photos are checked
 * to decode and lose their metadata (`strippedPath` is written next to the upload).
 */
export async function inspectFile(file: ReceivedFile): Promise<Inspection> {
  if (file.truncated) return refuse('too_large');
  if (file.size === 0) return refuse('empty');
  // UTF-16 text (Windows logs) starts with a byte-order mark that signature sniffing reads as audio.
  const utf16Text =
    (file.head[0] === 0xff && file.head[1] === 0xfe) || (file.head[0] === 0xfe && file.head[1] === 0xff)
      ? classifyText(file.head) === 'text'
      : false;
  // Loaded on the first upload, like sharp: start-up does not need it (~40 ms of module loading).
  const detected = utf16Text ? undefined : await (await import('file-type')).fileTypeFromFile(file.path);
  // XML is text to us: a log in XML is kept, an SVG drawing or web page is not.
  if (detected && !TEXT_SIGNATURES.has(detected.mime)) {
    if (EXECUTABLE_TYPES.has(detected.mime)) return refuse('executable');
    if (detected.mime === 'application/zip') return inspectZip(file.path);
    const accepted = acceptedTypes[detected.mime];
    if (!accepted) return refuse('unsupported');
    if (!accepted.photo) return { ok: true, accepted };
    const strippedPath = `${file.path}.clean`;
    const photo = await removeLocation(file.path, accepted.photo, strippedPath);
    if (photo === 'damaged') return refuse('damaged');
    return photo === 'stripped' ? { ok: true, accepted, strippedPath } : { ok: true, accepted };
  }
  // No binary signature: plain text (a log), or something we do not take.
  const verdict = classifyText(file.head, file.nulBytes);
  if (verdict === 'script') return refuse('executable');
  if (verdict === 'markup') return refuse('markup');
  if (verdict === 'binary') return refuse('unsupported');
  return { ok: true, accepted: TEXT };
}
