import { describe, expect, it } from 'vitest';
import { REDACTED, redactText, redactValue } from '../../src/observability/redact.js';

describe('redacting personal data in free text', () => {
  it.each([
    ['电话13812345678', '电话[phone]'],
    ['手机 138-1234-5678 谢谢', '手机 [phone] 谢谢'],
    ['打+86 138 1234 5678找我', '打[phone]找我'],
    ['全角１３８１２３４５６７８也算', '全角[phone]也算'],
    ['座机010-62345678', '座机[phone]'],
    ['身份证号11010519491231002X', '身份证号[id-number]'],
    ['邮箱 wang.gong@example.com.cn', '邮箱 [email]'],
    ['我叫王小明，电话13812345678', '我叫[name]，电话[phone]'],
    ['联系人：马工 手机13700002222', '联系人：[name] 手机[phone]'],
    ['联系人马工电话13700002222', '联系人[name]电话[phone]'],
    ['麻烦王先生回个电话', '麻烦[name]回个电话'],
    ['地址：天津市红桥区光荣道9号，尽快上门', '地址：[address]，尽快上门'],
    ['寄到上海市浦东新区张江路88弄3号楼502室', '寄到[address]'],
    // Words run together in Chinese: the ones just before an address may go with it.
    ['我在北京市海淀区中关村大街27号上班', '[address]上班'],
  ])('when the text is %s, then it is logged as %s', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    ['服务器保修几年', '服务器保修几年'],
    ['型号R5300 序列号SN2024A00123', '型号R5300 序列号SN2024A00123'],
    ['工单T20241201-0001 到哪了', '工单T20241201-0001 到哪了'],
    ['2024年5月在成都买的', '2024年5月在成都买的'],
  ])('when the text %s holds no personal data, then it is kept', (text, expected) => {
    expect(redactText(text)).toBe(expected);
  });
});

describe('redacting log objects', () => {
  it('when a field is named after personal or secret data, then its whole value is replaced, at any depth', () => {
    const logged = redactValue({
      conversationId: 'c1',
      activity: { text: '我是老张', from: { id: 'u1' } },
      headers: { authorization: 'Bearer abc' },
      report: { phone: '13812345678' },
    });
    expect(logged).toEqual({
      conversationId: 'c1',
      activity: { text: REDACTED, from: { id: 'u1' } },
      headers: { authorization: REDACTED },
      report: REDACTED,
    });
  });

  it('when an error quotes a phone number, then its message and stack are redacted', () => {
    const logged = redactValue({ err: new Error('duplicate key phone=13812345678') });
    expect(JSON.stringify(logged)).not.toContain('13812345678');
    expect(logged).toMatchObject({ err: { type: 'Error', message: 'duplicate key phone=[phone]' } });
  });
});
