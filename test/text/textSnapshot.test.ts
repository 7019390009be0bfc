import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDomain } from '../../src/loadDomain.js';
import { createSegmenter } from '../../src/text/segment.js';
import { readTextSnapshot, TextSnapshot, textFingerprint, type SnapshotRead } from '../../src/text/textSnapshot.js';

const savedFileSchema = z.object({
  readable: z.record(z.string(), z.string()),
  tokens: z.record(z.string(), z.string()),
  terms: z.record(z.string(), z.string()),
});

let dir: string;
let file: string;
let fingerprint: string;

/** The snapshot a read returned; fails the test with the reason otherwise. */
function snapshotOf(read: SnapshotRead): TextSnapshot {
  if (!read.ok) throw new Error(read.reason);
  return read.snapshot;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'text-snapshot-'));
  file = join(dir, 'text-snapshot.json');
  fingerprint = textFingerprint('knowledge', []);
  // What the build step does: build the domain once, recording the segmenter's results.
  const recording = TextSnapshot.recording();
  loadDomain('knowledge', undefined, recording);
  recording.write(file, fingerprint);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the build step’s text snapshot', () => {
  it('when the domain is built, then the readings, tokens and terms of its texts are saved', () => {
    const saved = savedFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    expect(Object.keys(saved.readable).length).toBeGreaterThan(1000);
    expect(Object.keys(saved.tokens).length).toBeGreaterThan(1000);
    expect(Object.keys(saved.terms).length).toBeGreaterThan(500);
  });

  it('when a segmenter reads from the snapshot, then every saved text gives what computing it gives', () => {
    const saved = savedFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const fromSnapshot = createSegmenter('knowledge', [], snapshotOf(readTextSnapshot(file, fingerprint)));
    const computed = createSegmenter('knowledge');
    for (const text of Object.keys(saved.readable)) expect(fromSnapshot.readable(text)).toBe(computed.readable(text));
    for (const text of Object.keys(saved.tokens)) expect(fromSnapshot.tokens(text)).toEqual(computed.tokens(text));
    for (const text of Object.keys(saved.terms)) expect(fromSnapshot.terms(text)).toEqual(computed.terms(text));
  });

  it('when a customer message is read with a snapshot, then it is computed and not added to it', () => {
    const snapshot = snapshotOf(readTextSnapshot(file, fingerprint));
    const segmenter = createSegmenter('knowledge', [], snapshot);
    const message = '我的服务器电源坏了能换吗 13800138000';
    expect(segmenter.tokens(message)).toEqual(createSegmenter('knowledge').tokens(message));
    expect(snapshot.known('tokens', message)).toBeUndefined();
  });

  it('when the domain is built and the snapshot released, then it holds nothing more', () => {
    const snapshot = snapshotOf(readTextSnapshot(file, fingerprint));
    const saved = savedFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const someText = Object.keys(saved.tokens)[0] ?? '';
    expect(snapshot.known('tokens', someText)).toBeDefined();
    snapshot.release();
    expect(snapshot.known('tokens', someText)).toBeUndefined();
  });
});

describe('when a snapshot may be used', () => {
  it('when a knowledge file changes, then the fingerprint changes and the snapshot is refused with a reason', () => {
    const knowledge = join(dir, 'knowledge');
    cpSync('knowledge', knowledge, { recursive: true });
    expect(textFingerprint(knowledge, [])).toBe(fingerprint);
    const synonymsFile = join(knowledge, 'text', 'synonyms.json');
    writeFileSync(synonymsFile, `${readFileSync(synonymsFile, 'utf8')}\n`);
    const changed = textFingerprint(knowledge, []);
    expect(changed).not.toBe(fingerprint);
    expect(readTextSnapshot(file, changed)).toEqual({ ok: false, reason: expect.stringContaining('other knowledge') });
  });

  it('when the lead has added synonyms, then the snapshot made without them is refused', () => {
    const withSynonyms = textFingerprint('knowledge', [['电源', 'psu']]);
    expect(withSynonyms).not.toBe(fingerprint);
    expect(readTextSnapshot(file, withSynonyms).ok).toBe(false);
  });

  it('when the file is missing, broken or not a snapshot, then the reason says so', () => {
    expect(readTextSnapshot(join(dir, 'absent.json'), fingerprint)).toEqual({
      ok: false,
      reason: expect.stringContaining('no snapshot'),
    });
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"readable": {');
    expect(readTextSnapshot(broken, fingerprint)).toEqual({ ok: false, reason: expect.stringContaining('not JSON') });
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ fingerprint, readable: { 电源: 1 } }));
    expect(readTextSnapshot(other, fingerprint)).toEqual({
      ok: false,
      reason: expect.stringContaining('not a text snapshot'),
    });
  });
});

describe('saving lists', () => {
  it('when a list holds the separator character or an empty word, then it is not saved and is computed instead', () => {
    const snapshot = TextSnapshot.recording();
    snapshot.learn('tokens', 'odd', ['a\u0001b']);
    snapshot.learn('tokens', 'empty word', ['']);
    expect(snapshot.known('tokens', 'empty word')).toBeUndefined();
    snapshot.learn('tokens', 'plain', ['电源', '坏']);
    snapshot.learn('tokens', 'none', []);
    expect(snapshot.known('tokens', 'odd')).toBeUndefined();
    expect(snapshot.known('tokens', 'plain')).toEqual(['电源', '坏']);
    expect(snapshot.known('tokens', 'none')).toEqual([]);
  });
});
