import { describe, expect, it } from 'vitest';
import { loadDialogKnowledge } from '../../../dialogs/dialogKnowledge.js';
import type { RepairReport } from '../../../dialogs/form/formDefinition.js';
import { validateField } from '../../../dialogs/form/formState.js';
import { leftoverDescription } from '../../../dialogs/form/leftoverDescription.js';
import { readFields } from '../../../dialogs/form/readFields.js';

const { form, vocab, repairForm } = loadDialogKnowledge('knowledge');
type RepairFieldKey = string;
const extractSlots = (text: string, expected?: string) => readFields(text, repairForm, { asking: expected });
function spec(key: RepairFieldKey) {
  const found = form.find((f) => f.key === key);
  if (!found) throw new Error(`no field ${key}`);
  return found;
}

describe('readFields', () => {
  const table: Array<[text: string, expected?: RepairFieldKey, values?: RepairReport]> = [
    ['型号R6200 序列号SN2027X11 电话13511112222', undefined, { model: 'R6200', serial: 'SN2027X11', phone: '13511112222' }],
    ['机器是R3100，SN号：ZX9900112，联系人陈工，手机 158 1111 2222', undefined, { model: 'R3100', serial: 'ZX9900112', contactName: '陈工', phone: '15811112222' }],
    ['座机写错了，应该是010-87654321', undefined, { phone: '010-87654321' }],
    ['前面板告警灯闪红光，无法开机', 'description', { description: '前面板告警灯闪红光，无法开机' }],
    ['IP地址冲突导致管理口连不上', 'description', { description: 'IP地址冲突导致管理口连不上' }],
    ['是Ｒ５３００', 'model', { model: 'R5300' }],
    ['故障：风扇不转 电话13700005555 配置无 单位无', undefined, { description: '风扇不转', phone: '13700005555', config: '无', organization: '无' }],
    ['内存报错无法开机', 'description', { description: '内存报错无法开机' }],
    ['风扇告警3次后关机', 'description', { description: '风扇告警3次后关机' }],
    ['報修：型號R5300，序列號SN2024A00999', undefined, { model: 'R5300', serial: 'SN2024A00999' }],
    ['改成R7100', 'description', { model: 'R7100' }],
    ['杭州某某科技有限公司', 'contactName', { organization: '杭州某某科技有限公司' }],
    ['王局', 'contactName', { contactName: '王局' }],
    ['王先生 13812345678 杭州市西湖区文三路100号', 'contactName', { contactName: '王先生', phone: '13812345678', address: '杭州市西湖区文三路100号' }],
    ['机房在北京市海淀区中关村路的那台一直重启', 'description', { description: '机房在北京市海淀区中关村路的那台一直重启' }],
    ['上海市的机房通道温度过高导致宕机', undefined, {}],
    ['机房在上海市徐汇区宜山路700号', undefined, { address: '上海市徐汇区宜山路700号' }],
    ['R5300 SN2024A00321 深圳市南山区科技园1号', undefined, { model: 'R5300', serial: 'SN2024A00321', address: '深圳市南山区科技园1号' }],
  ];
  it.each(table)('when the customer writes “%s”, then the values found are the ones stated', (text, expected, values) => {
    expect(extractSlots(text, expected).values).toEqual(values);
  });
});

describe('leftoverDescription', () => {
  const describeFirst = (text: string) => leftoverDescription(extractSlots(text).rest, form, vocab);
  it.each([
    ['我要报修，RAID卡告警灯一直闪，序列号SN2023B00456', 'RAID卡告警灯一直闪'],
    ['电源模块冒烟了 电话13811112222', '电源模块冒烟了'],
    ['我要报修，机房在上海市徐汇区宜山路700号，R5300硬盘亮红灯', '硬盘亮红灯'],
  ])('when the first message is “%s”, then the unlabelled fault text is the description', (text, expected) => {
    expect(describeFirst(text)).toBe(expected);
  });

  it.each(['我要报修', '您好，申请维修，型号R5300', '我们的服务器坏了'])('when the first message “%s” only asks to report, then there is no description', (text) => {
    expect(describeFirst(text)).toBeUndefined();
  });
});

describe('validateField', () => {
  it.each([
    ['phone', '13812345678', true],
    ['phone', '+8613812345678', true],
    ['phone', '022-23456789', true],
    ['phone', '0755 8888 1234', true],
    ['phone', '138 1234 567', false],
    ['phone', '12345', false],
    ['phone', '23456789', false],
    ['serial', 'SN2024A00123', true],
    ['serial', 'ABCDEFG', false],
    ['model', 'R5300', true],
    ['model', '坏了', false],
    ['model', 'unknown', false],
    ['contactName', '张先生', true],
    ['contactName', '张三138', false],
    ['address', '北京', false],
  ] as const)('when the %s is “%s”, then valid is %s', (key, value, ok) => {
    expect(validateField(spec(key), value).ok).toBe(ok);
  });
});
