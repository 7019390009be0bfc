import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { notParsed, parsed, type ParseResult } from '../errors.js';

/**
 * Reads a ZIP file's table of contents (the central directory at its end) and the first bytes of
 * each entry, without unpacking the archive: enough to decide whether it holds only logs. No
 * package for this is installed; the format is small and fixed (PKWARE APPNOTE 4.3).
 */
export interface ZipEntry {
  name: string;
  directory: boolean;
  encrypted: boolean;
  /** 0 stored, 8 deflated; anything else we cannot look into. */
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
/** More entries than a log bundle needs; larger directories are refused rather than read. */
export const MAX_ZIP_ENTRIES = 1000;
const MAX_DIRECTORY_BYTES = 1024 * 1024;

async function readAt(file: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function entryName(raw: Buffer, utf8Flag: boolean): string {
  if (utf8Flag) return raw.toString('utf8');
  // Without the UTF-8 flag, Chinese Windows tools write GBK names.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return new TextDecoder('gbk').decode(raw);
  }
}

/** The archive's entries, or why they cannot be read (not a ZIP, ZIP64, spanned, too many entries). */
export async function readZipEntries(path: string): Promise<ParseResult<ZipEntry[]>> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, EOCD_MIN + MAX_COMMENT);
    const tail = await readAt(file, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - EOCD_MIN; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return notParsed('no end of central directory');
    const disk = tail.readUInt16LE(eocd + 4);
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (disk !== 0) return notParsed('spanned archive');
    if (count === 0xffff || directoryOffset === 0xffffffff) return notParsed('zip64');
    if (count > MAX_ZIP_ENTRIES || directorySize > MAX_DIRECTORY_BYTES) return notParsed('too many entries');
    if (directoryOffset + directorySize > size) return notParsed('directory outside the file');
    const directory = await readAt(file, directoryOffset, directorySize);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let n = 0; n < count; n += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE)
        return notParsed('broken central directory');
      const flags = directory.readUInt16LE(at + 8);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const name = entryName(directory.subarray(at + 46, at + 46 + nameLength), (flags & 0x0800) !== 0);
      entries.push({
        name,
        directory: name.endsWith('/') || name.endsWith('\\'),
        encrypted: (flags & 0x0001) !== 0,
        method: directory.readUInt16LE(at + 10),
        compressedSize: directory.readUInt32LE(at + 20),
        localHeaderOffset: directory.readUInt32LE(at + 42),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
    return parsed(entries);
  } finally {
    await file.close();
  }
}

/** Inflates at most `want` bytes from the start of a deflate stream (the sample may be cut short). */
function inflateHead(raw: Buffer, want: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw();
    const out: Buffer[] = [];
    let got = 0;
    const done = () => resolve(Buffer.concat(out).subarray(0, want));
    inflater.on('data', (chunk: Buffer) => {
      out.push(chunk);
      got += chunk.length;
      if (got >= want) {
        inflater.destroy();
        done();
      }
    });
    inflater.on('end', done);
    // A sample cut in the middle of the stream ends with "unexpected end": keep what came out.
    inflater.on('error', (error) => (got > 0 ? done() : reject(error)));
    inflater.end(raw);
  });
}

/** The first `want` bytes of an entry's content, unpacked; undefined for entries we cannot read. */
export async function readEntryStart(path: string, entry: ZipEntry, want = 4096): Promise<Buffer | undefined> {
  if (entry.encrypted || (entry.method !== 0 && entry.method !== 8)) return undefined;
  const file = await open(path, 'r');
  try {
    const header = await readAt(file, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIGNATURE) return undefined;
    const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    // Deflate rarely shrinks text more than 10:1 at the start; 16 KB in gives the sample we want.
    const raw = await readAt(file, dataStart, Math.min(entry.compressedSize, entry.method === 0 ? want : 16 * 1024));
    if (entry.method === 0) return raw;
    return await inflateHead(raw, want).catch(() => undefined);
  } finally {
    await file.close();
  }
}
