import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { realEngine } from './engineFixture.js';

const valid = { policy: 'rongke-server', part: '主板', purchaseDate: '2025-01-01', today: '2025-06-01' };

function errorOf(input: unknown): AppError {
  try {
    realEngine().decide(input);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a bad_request');
}

describe('input validation', () => {
  it.each([
    [{ ...valid, policy: 'lenovo' }, 'policy'],
    [{ ...valid, part: '' }, 'part'],
    [{ ...valid, purchaseDate: '2025/01/01' }, 'purchaseDate'],
    [{ ...valid, factoryDate: '2025-02-30' }, 'factoryDate'],
    [{ ...valid, today: undefined }, 'today'],
    [{ ...valid, repairsInLastYear: -1 }, 'repairsInLastYear'],
    [{ ...valid, purchaseDate: '2025-07-01' }, 'purchaseDate'],
    [{ ...valid, partHistory: { kind: 'stolen', date: '2025-01-01' } }, 'partHistory.kind'],
  ])('when the input is bad (%o), then the error names the field %s', (input, field) => {
    const e = errorOf(input);
    expect(e.code).toBe('bad_request');
    expect(e.details.field).toBe(field);
    expect(e.message).toContain(field);
  });

  it('when the input is not an object, then it is a bad request', () => {
    expect(errorOf('硬盘坏了').code).toBe('bad_request');
  });

  it('when the input is valid, then a decision is returned', () => {
    expect(realEngine().decide(valid).covered).toBe(true);
  });
});
