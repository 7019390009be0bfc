import { describe, expect, it } from 'vitest';
import { parseRating } from '../../src/handoff/parseRating.js';

describe('parseRating', () => {
  it.each([
    ['5', 5],
    ['３', 3],
    ['4分', 4],
    ['给2分', 2],
    ['五星', 5],
    [' 1 ', 1],
  ])('when the customer types %j, then the rating is %i', (text, rating) => {
    expect(parseRating(text)).toEqual({ ok: true, value: rating });
  });

  it.each(['0', '6', '10', '3到4', '我想问一下保修', '', '非常满意'])(
    'when the customer types %j, then it is not a rating',
    (text) => {
      expect(parseRating(text).ok).toBe(false);
    },
  );
});
