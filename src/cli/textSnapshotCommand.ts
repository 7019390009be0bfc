import { loadDomain } from '../loadDomain.js';
import { TextSnapshot, textFingerprint } from '../text/textSnapshot.js';
import { EXIT_OK, type CommandIo } from './io.js';

/**
 * The build step's `text-snapshot`: builds the domain once while recording what the segmenter
 * computes for knowledge/'s texts, and writes it where the server looks for it at start-up.
 */
export function textSnapshotCommand(io: CommandIo, paths: { knowledgeDir: string; file: string }): number {
  const snapshot = TextSnapshot.recording();
  loadDomain(paths.knowledgeDir, undefined, snapshot);
  const results = snapshot.write(paths.file, textFingerprint(paths.knowledgeDir, []));
  io.stdout.write(`text snapshot: ${results} readings of ${paths.knowledgeDir} written to ${paths.file}\n`);
  return EXIT_OK;
}
