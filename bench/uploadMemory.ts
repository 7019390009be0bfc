import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import express from 'express';
import sharp from 'sharp';
import { z } from 'zod';
import { portOf, startFullApp } from './directlineServers.js';

/**
 * Memory while one 10 MB file uploads through our Direct Line (POST …/upload, busboy streaming
 * to disk, type check, storage), against an endpoint that buffers the same body (express.raw)
 * for scale. Client and server share a process, so the client streams from a file too.
 * RSS and heap are sampled every 5 ms; bounded: four uploads on loopback.
 */
export interface UploadMemoryResult {
  name: string;
  bytes: number;
  seconds: number;
  rssBeforeMb: number;
  rssPeakDeltaMb: number;
  heapPeakDeltaMb: number;
}

const MB = 1024 * 1024;
const FILE_BYTES = 10 * MB;
const tokenSchema = z.object({ conversationId: z.string(), token: z.string() });
const resultSchema = z.object({
  name: z.string(),
  bytes: z.number(),
  seconds: z.number(),
  rssBeforeMb: z.number(),
  rssPeakDeltaMb: z.number(),
  heapPeakDeltaMb: z.number(),
});
const activitiesSchema = z.object({
  activities: z.array(z.object({ id: z.string(), attachments: z.array(z.unknown()).optional() }).loose()),
});

v8.setFlagsFromString('--expose_gc');
const collectGarbage: unknown = vm.runInNewContext('gc');
function settle(): void {
  if (typeof collectGarbage === 'function') {
    collectGarbage();
    collectGarbage();
  }
}

/** A BMC-style log of exactly `bytes`, written line by line (never whole in memory). */
async function writeLog(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  let written = 0;
  for (let i = 0; written < bytes; i += 1) {
    const line = Buffer.from(
      `2026-03-01 12:${String(i % 60).padStart(2, '0')}:00 BMC SEL #${i}: Fan ${i % 6} speed low, 风扇转速告警\n`,
    );
    const chunk = line.subarray(0, Math.min(line.length, bytes - written));
    written += chunk.length;
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** Posts a multipart body whose file part streams from disk; resolves with status and body. */
async function postMultipart(
  url: string,
  headers: Record<string, string>,
  activity: string | undefined,
  file: { path: string; name: string; type: string },
): Promise<{ status: number; body: string }> {
  const boundary = `----bench${Date.now()}`;
  const activityPart =
    activity === undefined
      ? ''
      : `--${boundary}\r\nContent-Disposition: form-data; name="activity"; filename="blob"\r\nContent-Type: application/vnd.microsoft.activity\r\n\r\n${activity}\r\n`;
  const head = Buffer.from(
    `${activityPart}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(file.path).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(length),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.write(head);
    const content = createReadStream(file.path, { highWaterMark: 64 * 1024 });
    content.on('error', reject);
    content.on('end', () => req.end(tail));
    content.pipe(req, { end: false });
  });
}

/** Runs `upload` while sampling memory; the baseline is taken after a full collection. */
async function measure(name: string, bytes: number, upload: () => Promise<void>): Promise<UploadMemoryResult> {
  settle();
  const before = process.memoryUsage();
  const peak = { ...before };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  }, 5);
  const started = performance.now();
  try {
    await upload();
  } finally {
    clearInterval(sampler);
  }
  return {
    name,
    bytes,
    seconds: (performance.now() - started) / 1000,
    rssBeforeMb: before.rss / MB,
    rssPeakDeltaMb: (peak.rss - before.rss) / MB,
    heapPeakDeltaMb: (peak.heapUsed - before.heapUsed) / MB,
  };
}

type Scenario = 'log' | 'photo' | 'buffered';
const SCENARIOS: Scenario[] = ['log', 'photo', 'buffered'];

/** One scenario in this process: files on disk, a warm server, then the measured upload(s). */
async function runScenario(scenario: Scenario): Promise<UploadMemoryResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-upload-'));
  const results: UploadMemoryResult[] = [];
  try {
    const log = join(dir, 'bmc.log');
    await writeLog(log, FILE_BYTES);
    await writeLog(join(dir, 'warm.log'), 64 * 1024);
    if (scenario === 'buffered') {
      // For scale: the same log into an endpoint that buffers the body in memory.
      const app = express();
      app.post('/raw', express.raw({ type: () => true, limit: '20mb' }), (req, res) =>
        res.json({ bytes: Buffer.isBuffer(req.body) ? req.body.length : 0 }),
      );
      const plain = createServer(app);
      await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${portOf(plain)}/raw`;
      try {
        await postMultipart(url, {}, undefined, { path: join(dir, 'warm.log'), name: 'warm.log', type: 'text/plain' });
        results.push(
          await measure('10 MB log into express.raw(), which buffers the body (for scale)', FILE_BYTES, async () => {
            await postMultipart(url, {}, undefined, { path: log, name: 'bmc.log', type: 'text/plain' });
          }),
        );
      } finally {
        plain.closeAllConnections();
        await new Promise<void>((resolve) => plain.close(() => resolve()));
      }
      return results;
    }
    const photo = join(dir, 'site.jpg');
    if (scenario === 'photo') {
      // A noisy 11-megapixel camera photo with GPS in its EXIF, just under 10 MB.
      await sharp({
        create: {
          width: 3840,
          height: 2800,
          channels: 3,
          background: '#888',
          noise: { type: 'gaussian', mean: 128, sigma: 50 },
        },
      })
        .jpeg({ quality: 95 })
        .withExif({
          IFD3: {
            GPSLatitudeRef: 'N',
            GPSLatitude: '39/1 54/1 27/1',
            GPSLongitudeRef: 'E',
            GPSLongitude: '116/1 23/1 17/1',
          },
        })
        .toFile(photo);
    }
    const server = await startFullApp(1);
    try {
      const minted = tokenSchema.parse(
        await (
          await fetch(`${server.baseUrl}/api/chat/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          })
        ).json(),
      );
      const auth = { authorization: `Bearer ${minted.token}` };
      const uploadUrl = `${server.baseUrl}/v3/directline/conversations/${minted.conversationId}/upload?userId=bench`;
      const activity = JSON.stringify({
        type: 'message',
        from: { id: 'bench' },
        channelData: { clientActivityID: 'bench' },
      });
      const uploadOne = async (path: string, name: string, type: string) => {
        const res = await postMultipart(uploadUrl, auth, activity, { path, name, type });
        const { id } = z.object({ id: z.string() }).parse(JSON.parse(res.body));
        // Make sure it was stored, not refused: the logged message carries the file.
        const set = activitiesSchema.parse(
          await (
            await fetch(`${server.baseUrl}/v3/directline/conversations/${minted.conversationId}/activities`, {
              headers: auth,
            })
          ).json(),
        );
        if ((set.activities.find((a) => a.id === id)?.attachments ?? []).length !== 1)
          throw new Error(`${name} was not stored`);
      };
      // Warm-up (JIT, busboy, file-type, sharp) with a small file, then the measured uploads.
      await uploadOne(join(dir, 'warm.log'), 'warm.log', 'text/plain');
      if (scenario === 'log') {
        results.push(await measure('10 MB log', FILE_BYTES, () => uploadOne(log, 'bmc.log', 'text/plain')));
        await writeLog(log, FILE_BYTES - 1); // different bytes, so it is stored again, not found
        results.push(
          await measure('10 MB log, again', FILE_BYTES - 1, () => uploadOne(log, 'bmc-2.log', 'text/plain')),
        );
      } else {
        const size = statSync(photo).size;
        results.push(
          await measure(`${(size / MB).toFixed(1)} MB photo with GPS EXIF (decoded, re-encoded without it)`, size, () =>
            uploadOne(photo, 'site.jpg', 'image/jpeg'),
          ),
        );
      }
    } finally {
      await server.stop();
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each scenario in a fresh child process (RSS never shrinks, so one scenario would hide the
 * next): 10 MB logs and a 10 MB photo through our Direct Line, and a buffering endpoint for scale.
 */
export async function runUploadMemoryBench(): Promise<UploadMemoryResult[]> {
  const results: UploadMemoryResult[] = [];
  for (const scenario of SCENARIOS) {
    const child = spawn(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), '--scenario', scenario],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    const [code] = await once(child, 'exit');
    if (code !== 0) throw new Error(`upload memory scenario ${scenario} failed (${String(code)})`);
    results.push(...resultSchema.array().parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
  }
  return results;
}

/** Human-readable lines for the bench report. */
export function formatUploadMemoryBench(results: UploadMemoryResult[]): string {
  const line = (r: UploadMemoryResult) =>
    `  ${r.name}: ${r.seconds.toFixed(2)} s; RSS ${r.rssBeforeMb.toFixed(1)} MB before, peak +${r.rssPeakDeltaMb.toFixed(1)} MB; JS heap peak +${r.heapPeakDeltaMb.toFixed(1)} MB`;
  return [
    '上传内存（POST …/upload，一个 10 MB 文件，客户端从磁盘流式发送，回环，嵌入式存储；每种情形一个新进程）',
    ...results.map(line),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { scenario: { type: 'string' } } });
  const scenario = z.enum(['log', 'photo', 'buffered']).optional().parse(values.scenario);
  (scenario
    ? runScenario(scenario).then((results) => JSON.stringify(results))
    : runUploadMemoryBench().then(formatUploadMemoryBench)
  )
    .then((output) => {
      process.stdout.write(`${output}\n`);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
