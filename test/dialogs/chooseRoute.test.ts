import { describe, expect, it } from 'vitest';
import { chooseRoute } from '../../dialogs/chooseRoute.js';
import { newMemory } from '../../dialogs/conversationMemory.js';
import { fakeDependencies, fakeMatcher } from './fakes.js';

// A matcher that takes every message naming 报修 for a question about reporting, as the real one
// may when the message is mostly numbers: the route must still see a report.
const deps = fakeDependencies({ matcher: fakeMatcher([['报修', 'policy_question', 0.9]]) });

describe('a report word with the report’s own items', () => {
  it.each([
    '报修 融科的 型号R4300G2',
    '我是杭州一家公司的运维 手机138-5711-6042 机房那台融科的出问题了 要报修',
    '报修 序列号SN9M4017Z62',
  ])('when "%s" gives a model, serial or phone with a report word, then it starts the report', (text) => {
    expect(chooseRoute(text, newMemory(), deps).kind).toBe('repair');
  });

  it.each(['报修需要提供型号和序列号吗', '报修电话是多少'])(
    'when "%s" only names the items or asks about reporting, then it is answered as a question',
    (text) => {
      expect(chooseRoute(text, newMemory(), deps).kind).toBe('answer');
    },
  );
});
