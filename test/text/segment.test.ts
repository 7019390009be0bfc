import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/text/normalize.js';
import { createSegmenter } from '../../src/text/segment.js';

const segmenter = createSegmenter('knowledge');

describe('normalising customer text', () => {
  it('when text is full-width or traditional, then it becomes half-width simplified lower case', () => {
    expect(normalizeText('ＲＡＩＤ卡壞了？')).toBe('raid卡坏了?');
  });

  it('when text hides zero-width characters, then they are removed', () => {
    expect(normalizeText('硬\u200B盘')).toBe('硬盘');
  });
});

describe('segmenting with the domain dictionary and synonyms', () => {
  it('when a customer writes a variant spelling, then it maps to the policy word', () => {
    expect(segmenter.tokens('热插拔的硬碟')).toContain('热拔插');
    expect(segmenter.tokens('机房被雷劈了')).toContain('雷击');
    expect(segmenter.tokens('遭遇黑客攻击')).toContain('黑客袭击');
  });

  it('when the longer variant contains a shorter one, then the longer wins', () => {
    const tokens = segmenter.tokens('非热插拔电源');
    expect(tokens.join(' ')).toContain('非热拔插');
    expect(tokens.join(' ')).not.toMatch(/(^| )热拔插/);
  });

  it('when a homophone of a domain word is mistyped, then it is mended', () => {
    expect(segmenter.readable('还在保秀期内吧 法票丢了')).toBe('还在保修期内吧 发票丢了');
  });

  it('when two real words only sound like a domain word across their edge, then they are left alone', () => {
    // 直报 sounds like 质保 and 线城 like 县城, but 一直/报警 and 三线/城市 are words.
    expect(segmenter.readable('一直报警')).toBe('一直报警');
    expect(segmenter.readable('三线城市上门多久')).toBe('三线城市上门多久');
  });

  it('when a domain word is written, then jieba keeps it whole', () => {
    expect(segmenter.tokens('SAS背板和RAID卡')).toEqual(expect.arrayContaining(['sas背板', 'raid卡']));
  });

  it('when a Latin synonym is part of a longer word, then it is left alone', () => {
    expect(segmenter.tokens('snapshot')).toEqual(['snapshot']);
  });

  it('when only function words and punctuation are given, then no tokens remain', () => {
    expect(segmenter.tokens('的了吗？！')).toEqual([]);
  });

  it('when terms are built for retrieval, then single characters of Chinese words are added', () => {
    expect(segmenter.terms('主板')).toEqual(['主板', '#主', '#板']);
  });
});
