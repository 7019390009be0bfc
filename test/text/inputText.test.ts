import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findTextProblem, safeText, stripBidiControls } from '../../src/text/inputText.js';

const message = safeText(z.string().trim().min(1).max(20));

describe('safeText (the shared check for outside text)', () => {
  it.each([
    ['a lone high surrogate', '硬盘\uD800坏了', 'lone_surrogate'],
    ['a lone low surrogate', '\uDC00硬盘坏了', 'lone_surrogate'],
    ['a NUL', '硬盘\u0000坏了', 'control_char'],
    ['a terminal escape', '\u001b[31m红字', 'control_char'],
    ['a C1 control', '硬盘\u0085坏了', 'control_char'],
  ])('when a text holds %s, then it is refused with a Chinese reason', (_label, text, problem) => {
    expect(findTextProblem(text)).toBe(problem);
    const result = message.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('when a text holds bidi overrides or isolates, then they are stripped and the rest kept in order', () => {
    expect(message.parse('硬盘\u202E了坏\u202C')).toBe('硬盘了坏');
    expect(stripBidiControls('\u2066a\u2069b\u202Ac')).toBe('abc');
  });

  it('when a text holds emoji with zero-width joiners, tabs, newlines or CJK, then it passes untouched', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(message.parse(`${family} 屏幕\t碎了\n🇨🇳`)).toBe(`${family} 屏幕\t碎了\n🇨🇳`);
  });

  it('when the base schema sets a length limit, then it still applies (too_big, not a custom issue)', () => {
    const result = message.safeParse('长'.repeat(21));
    expect(result.error?.issues[0]?.code).toBe('too_big');
  });
});
