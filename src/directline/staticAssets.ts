import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { projectRoot } from '../projectRoot.js';

/** The project's public/ folder (static pages for /chat and /agent). */
export const PUBLIC_DIR = resolve(projectRoot(), 'public');

/**
 * The prebuilt Web Chat bundle inside node_modules. The package's "exports" hide dist/, so we
 * resolve its entry point and walk up to the package root.
 */
export function webChatBundlePath(): string {
  const require = createRequire(import.meta.url);
  let dir = dirname(require.resolve('botframework-webchat'));
  for (let i = 0; i < 5; i += 1) {
    const candidate = join(dir, 'dist', 'webchat.js');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('botframework-webchat/dist/webchat.js not found; run npm install');
}
