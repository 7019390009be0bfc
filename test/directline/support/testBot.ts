import { ActivityHandler, CardFactory, MessageFactory } from 'botbuilder';

/**
 * A small real bot for exercising the channel: welcomes new members, echoes text with
 * suggested actions, and fails on demand so onTurnError paths can be seen.
 */
export class ChannelTestBot extends ActivityHandler {
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== context.activity.recipient.id) await context.sendActivity('您好，我是测试机器人。');
      }
      await next();
    });
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text === '卡片') {
        await context.sendActivity({ attachments: [CardFactory.heroCard('卡片标题', '卡片内容')] });
      } else {
        await context.sendActivity(MessageFactory.suggestedActions(['选项一', '选项二'], `收到：${text}`));
      }
      await next();
    });
  }
}
