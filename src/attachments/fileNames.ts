import { findTextProblem, stripBidiControls } from '../text/inputText.js';

const MAX_NAME = 200;

/**
 * A client's file name made safe to store and show: no directories, no control or bidi
 * characters (they hide a real extension: "photo\u202Egnp.exe"), at most 200 characters with
 * the extension kept. Empty or unusable names become "file".
 */
export function safeFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).at(-1) ?? '';
  let name = stripBidiControls(base.normalize('NFC'))
    .replace(/[\p{Cc}\u200B-\u200F\u2060-\u2064\uFEFF]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (findTextProblem(name)) name = '';
  if (name.length > MAX_NAME) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 12 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME - ext.length) + ext;
  }
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/** The name with an extension that matches its real type: "report.exe" holding a PNG becomes "report.exe.png". */
export function nameForType(name: string, extensions: readonly string[]): string {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  if (ext && extensions.includes(ext)) return name;
  return `${name}.${extensions[0] ?? 'bin'}`;
}
