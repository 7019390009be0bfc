import { loadDomain } from '../loadDomain.js';
import { readTextSnapshot, TextSnapshot, textFingerprint } from '../text/textSnapshot.js';
import { EXIT_OK, type CommandIo } from './io.js';

/**
 * The build step's `text-snapshot`: builds the domain once while recording what the segmenter
 * computes for knowledge/'s texts, and writes it where the server looks for it at start-up.
 * A snapshot already made for the same knowledge and code is left as it is (npm start builds first).
 */
export function textSnapshotCommand(io: CommandIo, paths: { knowledgeDir: string; file: string }): number {
  const fingerprint = textFingerprint(paths.knowledgeDir, []);
  if (readTextSnapshot(paths.file, fingerprint).ok) {
    io.stdout.write(`text snapshot: ${paths.file} is up to date\n`);
    return EXIT_OK;
  }
  const snapshot = TextSnapshot.recording();
  loadDomain(paths.knowledgeDir, undefined, snapshot);
  const results = snapshot.write(paths.file, fingerprint);
  io.stdout.write(`text snapshot: ${results} readings of ${paths.knowledgeDir} written to ${paths.file}\n`);
  return EXIT_OK;
}
