import { describe, expect, it } from 'vitest';
import { isWithinHours, nextOpening, parseBusinessHours } from '../../src/handoff/businessHours.js';

const beijing = (iso: string) => new Date(`${iso}+08:00`);

describe('business hours', () => {
  const hours = parseBusinessHours('09:00-18:00', 480);
  if (!hours.ok) throw new Error(hours.reason);

  it.each([
    ['2026-11-25T08:59:00', false],
    ['2026-11-25T09:00:00', true],
    ['2026-11-25T17:59:00', true],
    ['2026-11-25T18:00:00', false],
    ['2026-11-25T23:30:00', false],
  ])('when it is %s in Beijing, then open is %s', (local, open) => {
    expect(isWithinHours(hours.value, beijing(local))).toBe(open);
  });

  it('when closed in the evening, then the next opening is tomorrow morning, local time', () => {
    expect(nextOpening(hours.value, beijing('2026-11-25T20:15:00'))).toBe('11月26日 09:00');
  });

  it('when closed early in the morning, then the next opening is the same day', () => {
    expect(nextOpening(hours.value, beijing('2026-11-25T06:40:00'))).toBe('11月25日 09:00');
  });

  it('when the window crosses midnight, then late night counts as open', () => {
    const night = parseBusinessHours('22:00-06:00', 480);
    if (!night.ok) throw new Error(night.reason);
    expect(isWithinHours(night.value, beijing('2026-11-25T23:00:00'))).toBe(true);
    expect(isWithinHours(night.value, beijing('2026-11-25T12:00:00'))).toBe(false);
  });

  it('when AGENT_HOURS is malformed, then parsing says why', () => {
    expect(parseBusinessHours('9-18', 480).ok).toBe(false);
  });
});
