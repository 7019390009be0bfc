import { describe, expect, it } from 'vitest';
import { MemoryStorage, type Storage } from 'botbuilder';
import { AppError } from '../../src/errors.js';
import { botHarness, botLogs } from './botHarness.js';
import { fakeDependencies, fakeMatcher } from '../dialogs/fakes.js';

describe('onTurnError', () => {
  it('when a dialog step throws, then the customer gets a Chinese apology and the next message starts cleanly', async () => {
    const deps = fakeDependencies({
      matcher: fakeMatcher([
        ['报修', 'report_fault', 0.95],
        ['你好', 'greeting', 0.9],
      ]),
    });
    deps.tickets.create = async () => {
      throw new Error('数据库不可用');
    };
    const bot = botHarness(deps);
    const w = deps.texts.wording;
    expect(
      await bot.say(
        '报修 型号R5300 序列号SN2024A00123 描述：硬盘灯不亮 错误信息：无 配置：无 单位：无 联系人：马工 电话13700002222 地址天津市红桥区光荣道9号',
      ),
    ).toContain('请核对报修信息');
    expect(await bot.say('确认')).toContain(w.turnError);
    expect(botLogs.lines().at(-1)).toMatchObject({
      level: 'error',
      msg: 'turn failed; apologising',
      err: { message: expect.stringContaining('数据库不可用') },
    });
    // The broken form is gone: a greeting is routed, not taken as a form answer.
    expect(await bot.say('你好')).toContain(w.greetingReply);
  });
});

describe('onTurnError on a concurrent write', () => {
  it('when saving state hits a stale eTag, then the customer is asked to resend and the form survives', async () => {
    const deps = fakeDependencies({ matcher: fakeMatcher([['报修', 'report_fault', 0.95]]) });
    const memory = new MemoryStorage();
    let failNextWrite = false;
    const storage: Storage = {
      read: (keys) => memory.read(keys),
      delete: (keys) => memory.delete(keys),
      async write(changes) {
        if (failNextWrite) {
          failNextWrite = false;
          throw new AppError('conflict', 'stale eTag');
        }
        return memory.write(changes);
      },
    };
    const bot = botHarness(deps, storage);
    const w = deps.texts.wording;
    expect(await bot.say('报修，型号R5300')).toContain('产品型号 R5300');
    failNextWrite = true;
    expect(await bot.say('SN2024A00321')).toContain(w.turnConflict);
    // The form saved before the clash is intact: the serial is asked again, not the model.
    const question = (key: string) => deps.texts.form.find((f) => f.key === key)?.question ?? '';
    expect(await bot.say('SN2024A00321')).toContain(question('description'));
  });
});
