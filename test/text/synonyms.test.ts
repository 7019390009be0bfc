import { describe, expect, it } from 'vitest';
import { SynonymMap } from '../../src/text/synonyms.js';

// Made-up groups: the policy's word first, then what customers write.
const map = new SynonymMap([
  ['电源模块', '电源', 'psu', 'power supply'],
  ['非热拔插', '非热插拔'],
  ['热拔插', '热插拔'],
  ['序列号', 'sn'],
]);

describe('rewriting variants to the policy word', () => {
  it('when several variants appear, then each is rewritten and the text between them is kept', () => {
    expect(map.canonicalize('psu和电源都坏了')).toBe('电源模块和电源模块都坏了');
  });

  it('when a longer variant starts where a shorter one does, then the longer one wins', () => {
    expect(map.canonicalize('非热插拔的盘')).toBe('非热拔插的盘');
    expect(map.canonicalize('热插拔的盘')).toBe('热拔插的盘');
  });

  it('when a Latin variant is inside a longer Latin word, then it is left alone on either side', () => {
    expect(map.canonicalize('isnt')).toBe('isnt');
    expect(map.canonicalize('snapshot')).toBe('snapshot');
    expect(map.canonicalize('my sn是多少')).toBe('my 序列号是多少');
    expect(map.canonicalize('power supply坏了')).toBe('电源模块坏了');
  });

  it('when nothing matches, then the same text comes back', () => {
    expect(map.canonicalize('主板坏了')).toBe('主板坏了');
    expect(map.canonicalize('')).toBe('');
  });
});
