import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Temporary files older than this are leftovers of a crash, removed at start-up. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The sha256 and size of a file, read as a stream. */
export async function digestOf(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Removes uploads a crashed process left behind (other instances' live ones are younger). */
export function sweepStaleTempFiles(dir: string): void {
  const cutoff = Date.now() - STALE_TEMP_MS;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    try {
      if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
    } catch {
      // Gone already (another instance swept it).
    }
  }
}
