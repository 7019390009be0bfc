// Part of `npm run build`: copies the migration documents (src/<capability>/migrations/*.json)
// into dist/src/ beside the compiled code that reads them, so the built server needs no src/.
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const copied = readdirSync('src', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((capability) => {
    const dir = join('src', capability.name, 'migrations');
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return [];
    }
    return names.filter((name) => name.endsWith('.json')).map((name) => join(dir, name));
  });
for (const file of copied) cpSync(file, join('dist', file));
console.log(`migrations: ${copied.length} documents copied to dist/src`);
