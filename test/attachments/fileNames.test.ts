import { describe, expect, it } from 'vitest';
import { nameForType, safeFileName } from '../../src/attachments/fileNames.js';

describe('file names', () => {
  it('when a client sends a path, control or bidi characters, then the name keeps only what a person reads', () => {
    expect(safeFileName('C:\\Users\\王工\\Desktop\\面板.png')).toBe('面板.png');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('report\u202Egnp.exe')).toBe('reportgnp.exe');
    expect(safeFileName('a\r\nX-Injected: 1.log')).toBe('aX-Injected: 1.log');
    expect(safeFileName('  \u200B ')).toBe('file');
    expect(safeFileName(undefined)).toBe('file');
    expect(safeFileName('..')).toBe('file');
  });

  it('when a name is very long, then it is cut to 200 characters and keeps its extension', () => {
    const name = safeFileName(`${'长'.repeat(300)}.log`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.log')).toBe(true);
  });

  it('when the extension does not match the type found in the bytes, then the right one is added', () => {
    expect(nameForType('面板.PNG', ['png'])).toBe('面板.PNG');
    expect(nameForType('photo.exe', ['png'])).toBe('photo.exe.png');
    expect(nameForType('messages', ['txt', 'log'])).toBe('messages.txt');
    expect(nameForType('page.html', ['txt', 'log'])).toBe('page.html.txt');
  });
});
