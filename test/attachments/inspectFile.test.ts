import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectFile, type Inspection } from '../../src/attachments/inspectFile.js';
import type { ReceivedFile } from '../../src/attachments/receiveMultipart.js';
import {
  exifHasGps,
  jpegWithGps,
  linuxExecutable,
  logText,
  pdf,
  png,
  windowsExecutable,
  zip,
} from './support/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** The file as the multipart receiver hands it over. */
function received(name: string, bytes: Buffer, truncated = false): ReceivedFile {
  const path = join(dir, `f${(n += 1)}.part`);
  writeFileSync(path, bytes);
  let nulBytes = 0;
  for (const b of bytes) if (b === 0) nulBytes += 1;
  return {
    name,
    declaredType: 'application/octet-stream',
    path,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    head: bytes.subarray(0, 65536),
    nulBytes,
    truncated,
  };
}

const typeOf = (inspection: Inspection) => (inspection.ok ? inspection.accepted.type : `refused:${inspection.reason}`);

describe('deciding a file by its bytes', () => {
  it('when photos, a PDF, a log and a ZIP of logs arrive under any name, then each is taken as what its bytes are', async () => {
    expect(typeOf(await inspectFile(received('面板.png', await png())))).toBe('image/png');
    expect(
      typeOf(
        await inspectFile(
          received(
            'photo.dat',
            await sharp(await png())
              .webp()
              .toBuffer(),
          ),
        ),
      ),
    ).toBe('image/webp');
    expect(
      typeOf(
        await inspectFile(
          received(
            'anim.gif',
            await sharp(await png())
              .gif()
              .toBuffer(),
          ),
        ),
      ),
    ).toBe('image/gif');
    expect(typeOf(await inspectFile(received('说明.pdf', pdf())))).toBe('application/pdf');
    expect(typeOf(await inspectFile(received('bmc.log', logText())))).toBe('text/plain');
    expect(
      typeOf(
        await inspectFile(
          received(
            'windows-events.txt',
            Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('事件 4625\r\n登录失败\r\n', 'utf16le')]),
          ),
        ),
      ),
    ).toBe('text/plain');
    expect(
      typeOf(await inspectFile(received('gbk.log', Buffer.from([0xb7, 0xfe, 0xce, 0xf1, 0xc6, 0xf7, 0x0a])))),
    ).toBe('text/plain');
    const bundle = zip([
      { name: 'var/log/messages', data: logText(200) },
      { name: 'sel.log', data: logText(5), store: true },
      { name: 'empty.log', data: Buffer.alloc(0) },
      { name: 'var/', data: Buffer.alloc(0), store: true },
    ]);
    expect(typeOf(await inspectFile(received('logs.zip', bundle)))).toBe('application/zip');
  });

  it('when a program is renamed to look like a photo or a log, then it is refused as an executable', async () => {
    expect(typeOf(await inspectFile(received('panel.png', windowsExecutable())))).toBe('refused:executable');
    expect(typeOf(await inspectFile(received('messages.log', linuxExecutable())))).toBe('refused:executable');
    expect(typeOf(await inspectFile(received('run.log', Buffer.from('#!/bin/sh\nrm -rf /tmp/x\n'))))).toBe(
      'refused:executable',
    );
  });

  it('when a ZIP carries a program or a file that is not text, then it is refused naming that entry', async () => {
    const withProgram = await inspectFile(
      received(
        'logs.zip',
        zip([
          { name: 'a.log', data: logText() },
          { name: 'tools/update.log', data: windowsExecutable() },
        ]),
      ),
    );
    expect(withProgram).toEqual({ ok: false, reason: 'zip_contents', entry: 'tools/update.log' });
    const withPhoto = await inspectFile(received('logs.zip', zip([{ name: 'shot.png', data: await png() }])));
    expect(withPhoto).toMatchObject({ ok: false, reason: 'zip_contents', entry: 'shot.png' });
    expect(
      typeOf(await inspectFile(received('secret.zip', zip([{ name: 'a.log', data: logText(), encrypted: true }])))),
    ).toBe('refused:zip_unreadable');
    expect(
      typeOf(await inspectFile(received('broken.zip', zip([{ name: 'a.log', data: logText() }]).subarray(0, 60)))),
    ).toBe('refused:zip_unreadable');
  });

  it('when a file is a web page, an SVG, empty, over the limit, damaged or of another type, then it is refused with that reason', async () => {
    expect(
      typeOf(
        await inspectFile(received('page.log', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'))),
      ),
    ).toBe('refused:markup');
    expect(
      typeOf(
        await inspectFile(
          received(
            'pic.txt',
            Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          ),
        ),
      ),
    ).toBe('refused:markup');
    expect(typeOf(await inspectFile(received('empty.log', Buffer.alloc(0))))).toBe('refused:empty');
    expect(typeOf(await inspectFile(received('big.log', logText(), true)))).toBe('refused:too_large');
    const pngBytes = await png(200, 200);
    expect(typeOf(await inspectFile(received('cut.png', pngBytes.subarray(0, 60))))).toBe('refused:damaged');
    expect(
      typeOf(
        await inspectFile(
          received(
            'song.mp3',
            Buffer.concat([Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(500, 0xaa)]),
          ),
        ),
      ),
    ).toBe('refused:unsupported');
    expect(
      typeOf(
        await inspectFile(received('noise.log', Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)))),
      ),
    ).toBe('refused:unsupported');
  });

  it('when a photo carries GPS coordinates in its EXIF, then the file to store has no EXIF at all and still decodes', async () => {
    const photo = await jpegWithGps();
    expect(exifHasGps((await sharp(photo).metadata()).exif)).toBe(true);
    const inspection = await inspectFile(received('site.jpg', photo));
    if (!inspection.ok || !inspection.strippedPath)
      throw new Error(`expected a stripped photo, got ${JSON.stringify(inspection)}`);
    const clean = await sharp(inspection.strippedPath).metadata();
    expect(clean.exif).toBeUndefined();
    expect(clean.xmp).toBeUndefined();
    expect([clean.format, clean.width, clean.height]).toEqual(['jpeg', 64, 48]);
  });

  it('when a photo has no metadata, then it is stored byte for byte', async () => {
    const inspection = await inspectFile(received('plain.png', await png()));
    expect(inspection).toEqual({ ok: true, accepted: expect.objectContaining({ type: 'image/png' }) });
  });
});
