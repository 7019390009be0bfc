import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';

/** Test files made in code (no binaries in the repository). */

/** A small PNG of one colour. */
export function png(width = 40, height = 30, colour = '#2a7'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** Beijing, as a camera writes it into EXIF (GPS IFD, rationals). */
export const GPS_EXIF = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '39/1 54/1 27/1',
  GPSLongitudeRef: 'E',
  GPSLongitude: '116/1 23/1 17/1',
};

/** A JPEG with the camera's make, an orientation and GPS coordinates in its EXIF. */
export function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c33' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'TestCam', Model: 'GPS-1' }, IFD3: GPS_EXIF })
    .toBuffer();
}

/** True when EXIF data holds a pointer to a GPS IFD (tag 0x8825), in either byte order. */
export function exifHasGps(exif: Buffer | undefined): boolean {
  if (!exif) return false;
  const littleEndian = exif.includes(Buffer.from('II*\0', 'latin1'));
  return exif.includes(Buffer.from(littleEndian ? [0x25, 0x88] : [0x88, 0x25]));
}

/** The start of a Windows program (DOS stub + PE signature), as a renamed setup.exe would be. */
export function windowsExecutable(size = 2048): Buffer {
  const bytes = Buffer.alloc(size);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x8664, 0x84); // machine: x86-64
  return bytes;
}

/** A Linux program's ELF header. */
export function linuxExecutable(): Buffer {
  return Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0, 1, 0, 0, 0]),
    Buffer.alloc(200),
  ]);
}

/** BMC-style log lines. */
export function logText(lines = 50): Buffer {
  const out: string[] = [];
  for (let i = 0; i < lines; i += 1)
    out.push(
      `2026-03-0${(i % 9) + 1} 12:00:${String(i % 60).padStart(2, '0')} BMC SEL: Fan ${i % 6} speed low, 风扇转速告警 #${i}`,
    );
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

/** A minimal PDF document. */
export function pdf(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );
}

export interface ZipMember {
  name: string;
  data: Buffer;
  /** Stored instead of deflated. */
  store?: boolean;
  /** Sets the "encrypted" flag (the data is not really encrypted; readers must not look in). */
  encrypted?: boolean;
}

/** Builds a ZIP archive (local headers, data, central directory, end record) as zip tools write it. */
export function zip(members: ZipMember[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const member of members) {
    const name = Buffer.from(member.name, 'utf8');
    const body = member.store ? member.data : deflateRawSync(member.data);
    const method = member.store ? 0 : 8;
    const flags = 0x0800 | (member.encrypted ? 1 : 0);
    const crc = crc32(member.data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(member.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(member.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
