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
    [
      '型号R6200 序列号SN2027X11 电话13511112222',
      undefined,
      { model: 'R6200', serial: 'SN2027X11', phone: '13511112222' },
    ],
    [
      '机器是R3100，SN号：ZX9900112，联系人陈工，手机 158 1111 2222',
      undefined,
      { model: 'R3100', serial: 'ZX9900112', contactName: '陈工', phone: '15811112222' },
    ],
    ['座机写错了，应该是010-87654321', undefined, { phone: '010-87654321' }],
    ['前面板告警灯闪红光，无法开机', 'description', { description: '前面板告警灯闪红光，无法开机' }],
    ['IP地址冲突导致管理口连不上', 'description', { description: 'IP地址冲突导致管理口连不上' }],
    ['是Ｒ５３００', 'model', { model: 'R5300' }],
    [
      '故障：风扇不转 电话13700005555 配置无 单位无',
      undefined,
      { description: '风扇不转', phone: '13700005555', config: '无', organization: '无' },
    ],
    ['内存报错无法开机', 'description', { description: '内存报错无法开机' }],
    ['风扇告警3次后关机', 'description', { description: '风扇告警3次后关机' }],
    ['報修：型號R5300，序列號SN2024A00999', undefined, { model: 'R5300', serial: 'SN2024A00999' }],
    ['改成R7100', 'description', { model: 'R7100' }],
    ['杭州某某科技有限公司', 'contactName', { organization: '杭州某某科技有限公司' }],
    ['王局', 'contactName', { contactName: '王局' }],
    [
      '王先生 13812345678 杭州市西湖区文三路100号',
      'contactName',
      { contactName: '王先生', phone: '13812345678', address: '杭州市西湖区文三路100号' },
    ],
    [
      '机房在北京市海淀区中关村路的那台一直重启',
      'description',
      { description: '机房在北京市海淀区中关村路的那台一直重启' },
    ],
    ['上海市的机房通道温度过高导致宕机', undefined, {}],
    ['机房在上海市徐汇区宜山路700号', undefined, { address: '上海市徐汇区宜山路700号' }],
    [
      'R5300 SN2024A00321 深圳市南山区科技园1号',
      undefined,
      { model: 'R5300', serial: 'SN2024A00321', address: '深圳市南山区科技园1号' },
    ],
  ];
  it.each(table)(
    'when the customer writes “%s”, then the values found are the ones stated',
    (text, expected, values) => {
      expect(extractSlots(text, expected).values).toEqual(values);
    },
  );
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

  it.each(['我要报修', '您好，申请维修，型号R5300', '我们的服务器坏了'])(
    'when the first message “%s” only asks to report, then there is no description',
    (text) => {
      expect(describeFirst(text)).toBeUndefined();
    },
  );
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

describe('readFields on run-on messages', () => {
  it('when one message labels every item, then each item keeps its whole text', () => {
    const { values } = extractSlots(
      '型号R7100 序列号SN2026B00011 故障现象 机器每隔两小时自动重启 日志里没有异常 报错 Kernel panic 配置：1颗CPU 64G内存 单位 滨江物流有限公司 联系人周先生 手机13566667777 地址杭州市滨江区江南大道3850号',
    );
    expect(values).toEqual({
      model: 'R7100',
      serial: 'SN2026B00011',
      description: '机器每隔两小时自动重启 日志里没有异常',
      errorMessage: 'Kernel panic',
      config: '1颗CPU 64G内存',
      organization: '滨江物流有限公司',
      contactName: '周先生',
      phone: '13566667777',
      address: '杭州市滨江区江南大道3850号',
    });
  });

  it('when the configuration follows the error text without a label, then the error keeps only its own words', () => {
    const { values } = extractSlots('错误信息 RAID degraded 4块SSD CentOS 8 其他正常');
    expect(values.errorMessage).toBe('RAID degraded');
    expect(values.config).toBe('4块SSD CentOS 8 其他正常');
  });

  it('when a symptom follows the address, then the address ends at its house number and the symptom stays out of it', () => {
    const reading = extractSlots('地址成都市武侯区天府大道100号2栋 机器一通电就冒烟');
    expect(reading.values.address).toBe('成都市武侯区天府大道100号2栋');
    expect(reading.rest).toContain('一通电就冒烟');
  });

  it('when the address goes on after a space (building, room), then it is all the address', () => {
    expect(extractSlots('地址 西安市雁塔区科技路10号 5号楼302室').values.address).toBe(
      '西安市雁塔区科技路10号 5号楼302室',
    );
  });

  it('when a weak label sits inside a description, then it does not cut the description', () => {
    expect(extractSlots('电源告警 灯一直闪', 'description').values).toEqual({ description: '电源告警 灯一直闪' });
  });

  it('when unlabelled items come in a row, then each is read by its shape', () => {
    expect(extractSlots('R5300 SN2024C00099 吴女士 13712345678 重庆市渝北区金开大道88号').values).toEqual({
      model: 'R5300',
      serial: 'SN2024C00099',
      contactName: '吴女士',
      phone: '13712345678',
      address: '重庆市渝北区金开大道88号',
    });
  });
});

describe('readFields on corrections', () => {
  const current = { model: 'R5300', contactName: '王先生', phone: '13811112222', address: '天津市南开区卫津路92号' };
  it.each([
    ['嗯 电话也打错了啦 应该是13833334444', 'phone', '13833334444'],
    ['哎 型号写错了两位，其实是R5500', 'model', 'R5500'],
    ['联系人应该是黄女士', 'contactName', '黄女士'],
    ['改一下地址，天津市河北区中山路5号', 'address', '天津市河北区中山路5号'],
    ['把手机改成13855556666吧', 'phone', '13855556666'],
    ['不是王先生，是汪先生', 'contactName', '汪先生'],
    ['不是R5300是R5300G2', 'model', 'R5300G2'],
    ['电话不是13811112222 是13811112233', 'phone', '13811112233'],
    ['还有 联系人的名字也不对 应该是汪先生', 'contactName', '汪先生'],
  ])('when the customer writes “%s”, then %s is corrected to %s', (text, key, value) => {
    const reading = readFields(text, repairForm, { current });
    expect(reading.values).toEqual({ [key]: value });
    expect(reading.corrected).toEqual([key]);
  });

  it('when the customer says an item is wrong without the right value, then it is marked for asking', () => {
    const reading = readFields('然后那个 地址也写错了哈', repairForm, { current });
    expect(reading.values).toEqual({});
    expect(reading.corrected).toEqual(['address']);
  });
});

describe('readFields on names', () => {
  it.each([
    ['姓刘', 'contactName', { surname: '刘' }],
    ['免贵姓马 马经理', 'contactName', { name: '马经理' }],
    ['我姓孟 是位女士', 'contactName', { name: '孟女士' }],
    ['叫我老郭就行', 'contactName', { name: '老郭' }],
    ['我姓许', 'organization', { surname: '许' }],
  ])('when the customer writes “%s” asked for %s, then the contact is %j', (text, asking, expected) => {
    const reading = readFields(text, repairForm, { asking });
    if ('name' in expected) expect(reading.values.contactName).toBe(expected.name);
    else expect(reading.surname).toBe(expected.surname);
  });

  it('when a phone number answers the address question, then it is the phone and the address stays unanswered', () => {
    expect(readFields('13566668888', repairForm, { asking: 'address' }).values).toEqual({ phone: '13566668888' });
  });
});

describe('readFields on answers that only sound like corrections', () => {
  it('when a configuration answer starts with 不是很清楚, then it is the answer, whole', () => {
    expect(extractSlots('不是很清楚 好像是两颗CPU', 'config').values).toEqual({ config: '不是很清楚 好像是两颗CPU' });
  });

  it('when 错误 stands as a label with 无, then the description stops before it', () => {
    expect(extractSlots('描述 机器无法开机 电源灯不亮 错误 无 配置 无').values).toEqual({
      description: '机器无法开机 电源灯不亮',
      errorMessage: '无',
      config: '无',
    });
  });

  it('when 男 answers the name question, then it is no surname', () => {
    const reading = readFields('男', repairForm, { asking: 'contactName' });
    expect(reading.values).toEqual({});
    expect(reading.surname).toBeUndefined();
  });
});

describe('readFields with the organisation', () => {
  it('when 单位 runs straight into a company name, then it is the organisation', () => {
    const reading = readFields('单位温州瓯江阀门制造有限公司 联系人潘工', repairForm, { asking: 'organization' });
    expect(reading.values).toMatchObject({ organization: '温州瓯江阀门制造有限公司', contactName: '潘工' });
  });

  it('when the organisation asked comes unlabelled before labelled items, then it is the organisation', () => {
    const reading = readFields('成都锦江数智科技有限公司 联系人黄经理 电话18080627315', repairForm, {
      asking: 'organization',
    });
    expect(reading.values).toMatchObject({ organization: '成都锦江数智科技有限公司', phone: '18080627315' });
  });
});
