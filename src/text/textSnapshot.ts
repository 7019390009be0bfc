import { createHash } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The segmenter's results a snapshot keeps: what reading, cutting and retrieval terms gave for each text. */
export type SnapshotKind = 'readable' | 'tokens' | 'terms';

// Lists are saved joined by a control character that jieba never keeps inside a word; a list
// holding one anyway, or an empty word, is not saved (and is computed at start-up), so joining
// and splitting give the list back exactly.
const WORD_SEPARATOR = '\u0001';

const FINGERPRINT_KEY = '{"fingerprint":';

const snapshotFileSchema = z.object({
  fingerprint: z.string(),
  readable: z.record(z.string(), z.string()),
  tokens: z.record(z.string(), z.string()),
  terms: z.record(z.string(), z.string()),
});

type Entries = Record<SnapshotKind, Map<string, string>>;

const emptyEntries = (): Entries => ({ readable: new Map(), tokens: new Map(), terms: new Map() });

/**
 * What the segmenter computed for knowledge/'s own texts, written at build time (`npm run build`)
 * so that start-up need not read and cut the same few thousand texts again. It is used only when
 * its fingerprint matches everything the results depend on (see textFingerprint), and only while
 * the domain is built: `release()` lets it go, and a customer's message is never added.
 */
export class TextSnapshot {
  private constructor(
    private entries: Entries | undefined,
    private readonly recording: boolean,
  ) {}

  /** A snapshot that learns every result (the build step's). */
  static recording(): TextSnapshot {
    return new TextSnapshot(emptyEntries(), true);
  }

  /** The saved result for the text, if the snapshot has one. */
  known(kind: 'readable', text: string): string | undefined;
  known(kind: 'tokens' | 'terms', text: string): string[] | undefined;
  known(kind: SnapshotKind, text: string): string | string[] | undefined {
    const saved = this.entries?.[kind].get(text);
    if (saved === undefined || kind === 'readable') return saved;
    return saved === '' ? [] : saved.split(WORD_SEPARATOR);
  }

  /** Keeps a computed result (only while recording). */
  learn(kind: SnapshotKind, text: string, result: string | readonly string[]): void {
    if (!this.recording || !this.entries) return;
    if (typeof result === 'string') this.entries[kind].set(text, result);
    else if (!result.some((word) => word === '' || word.includes(WORD_SEPARATOR)))
      this.entries[kind].set(text, result.join(WORD_SEPARATOR));
  }

  /** Forgets every result: the domain is built, and the memory is better spent elsewhere. */
  release(): void {
    this.entries = undefined;
  }

  /** Writes the recorded results with the fingerprint they are valid for. */
  write(file: string, fingerprint: string): number {
    const entries = this.entries ?? emptyEntries();
    const document = {
      fingerprint,
      readable: Object.fromEntries(entries.readable),
      tokens: Object.fromEntries(entries.tokens),
      terms: Object.fromEntries(entries.terms),
    };
    writeFileSync(file, JSON.stringify(document));
    return entries.readable.size + entries.tokens.size + entries.terms.size;
  }

  /** A snapshot of results read back from a file (see readTextSnapshot). */
  static fromEntries(document: z.infer<typeof snapshotFileSchema>): TextSnapshot {
    const map = (record: Record<string, string>) => new Map(Object.entries(record));
    return new TextSnapshot(
      { readable: map(document.readable), tokens: map(document.tokens), terms: map(document.terms) },
      false,
    );
  }
}

/** A snapshot read from disk, or why none is used (start-up then computes everything). */
export type SnapshotRead = { ok: true; snapshot: TextSnapshot } | { ok: false; reason: string };

/** Reads the build step's snapshot, accepting it only when its fingerprint is `fingerprint`. */
export function readTextSnapshot(file: string, fingerprint: string): SnapshotRead {
  // write() puts the fingerprint first: a stale snapshot (the test suite runs the TypeScript,
  // whose fingerprint differs from the build's) is refused from its first bytes, unread and unparsed.
  const expected = `${FINGERPRINT_KEY}"${fingerprint}"`;
  let head: string;
  try {
    head = readHead(file, Buffer.byteLength(expected));
  } catch {
    return { ok: false, reason: `no snapshot at ${file}` };
  }
  if (head.startsWith(FINGERPRINT_KEY) && head !== expected)
    return { ok: false, reason: `${file} was made from other knowledge or code` };
  const text = readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${file} is not JSON` };
  }
  const parsed = snapshotFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `${file} is not a text snapshot` };
  if (parsed.data.fingerprint !== fingerprint)
    return { ok: false, reason: `${file} was made from other knowledge or code` };
  return { ok: true, snapshot: TextSnapshot.fromEntries(parsed.data) };
}

/** The first `bytes` bytes of a file, as text. */
function readHead(file: string, bytes: number): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** The file a package specifier loads (for OpenCC, its dictionaries are inside it). */
function moduleFile(specifier: string): Buffer {
  return readFileSync(createRequire(import.meta.url).resolve(specifier));
}

/**
 * Everything the segmenter's results depend on: every file of the knowledge directory (synonyms,
 * dictionary, pinyin data, and the texts pinyin is read against), the reviewed synonym groups,
 * the code of this folder as it runs (src/text, or dist/src/text once built), the versions of
 * jieba (its manifest) and OpenCC (its converter with the dictionaries), and Node's Unicode data (normalisation).
 */
export function textFingerprint(knowledgeDir: string, extraSynonyms: readonly string[][]): string {
  const hash = createHash('sha256');
  const add = (label: string, content: string | Buffer) => hash.update(`${label}\0`).update(content).update('\0');
  for (const file of filesUnder(knowledgeDir)) add(relative(knowledgeDir, file), readFileSync(file));
  const codeDir = dirname(fileURLToPath(import.meta.url));
  for (const file of filesUnder(codeDir).filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')))
    add(relative(codeDir, file), readFileSync(file));
  add('synonyms', JSON.stringify(extraSynonyms));
  add('jieba', moduleFile('@node-rs/jieba/package.json'));
  add('opencc', moduleFile('opencc-js/t2cn'));
  add('unicode', `${process.versions.unicode ?? ''} ${process.versions.icu ?? ''}`);
  return hash.digest('hex');
}
