import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATION_FILES } from '../../src/storage/migrations/index.js';

const projectRoot = resolve(import.meta.dirname, '..', '..');

describe('the build step that copies migration documents', () => {
  it('when it runs, then every listed migration is in dist/src beside the compiled code, unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copy-migrations-'));
    try {
      symlinkSync(join(projectRoot, 'src'), join(dir, 'src'));
      const run = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'copy-migrations.mjs')], {
        cwd: dir,
        encoding: 'utf8',
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`${MIGRATION_FILES.length} documents copied`);
      for (const file of MIGRATION_FILES) {
        const copy = join(dir, 'dist', 'src', file);
        expect(existsSync(copy), file).toBe(true);
        expect(readFileSync(copy, 'utf8')).toBe(readFileSync(join(projectRoot, 'src', file), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
