import { describe, expect, it } from 'vitest';
import { fieldValueSchema, parseRepairFields, repairFields } from '../../src/tickets/repairFields.js';

const field = (key: string) => {
  const found = repairFields.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
};

describe('the repair fields, defined once', () => {
  it('when the form document is broken, then loading fails naming the file and the field', () => {
    const broken = { fields: [{ key: 'model', title: '产品型号', required: true, kind: 'barcode', maxLength: 10 }] };
    expect(() => parseRepairFields(broken, 'knowledge/dialogs/broken.json')).toThrow(/broken\.json: fields\.0\.kind/);
  });

  it('when two fields share a key, then loading fails', () => {
    const twice = {
      fields: [1, 2].map(() => ({ key: 'phone', title: '联系方式', required: true, kind: 'phone', maxLength: 30 })),
    };
    expect(() => parseRepairFields(twice)).toThrow(/unique/);
  });

  it.each([
    ['phone', '138 1234 5678', '13812345678'],
    ['phone', '+86 139 0000 1111', '13900001111'],
    ['model', 'r5300g2', 'R5300G2'],
    ['address', '  天津市南开区卫津路92号 ', '天津市南开区卫津路92号'],
  ])('when the %s is “%s”, then it is stored as “%s”', (key, raw, stored) => {
    expect(fieldValueSchema(field(key)).parse(raw)).toBe(stored);
  });

  it.each([
    ['address', '就在楼下'],
    ['contactName', '张三138'],
    ['serial', 'ABCDEFG'],
  ])('when the %s is “%s”, then it is refused', (key, raw) => {
    expect(fieldValueSchema(field(key)).safeParse(raw).success).toBe(false);
  });
});
