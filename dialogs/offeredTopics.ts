import type { OfferedTopic } from '../src/knowledge/types.js';
import { compact, compactCue } from './zhYesNo.js';

const ordinals: Record<string, number> = {
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
  '5': 5,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  '①': 1,
  '②': 2,
  '③': 3,
  '④': 4,
  '⑤': 5,
};

/**
 * The offered topic a reply picks: its number ("1", "第一个", "选2"), its label (a clicked
 * button), or words found in exactly one label ("保修期"). Undefined when it picks none.
 */
export function pickOfferedTopic(text: string, topics: readonly OfferedTopic[] | undefined): OfferedTopic | undefined {
  if (!topics?.length) return undefined;
  const t = compact(text);
  const numbered = /^(?:选|选择|要|就)?第?([1-5一二两三四五①-⑤])(?:个|项|条|种|号)?(?:吧|吧)?$/.exec(t);
  const index = numbered?.[1] ? ordinals[numbered[1]] : undefined;
  if (index !== undefined) return topics[index - 1];
  const byLabel = topics.find((topic) => compactCue(topic.label) === t);
  if (byLabel) return byLabel;
  if ([...t].length < 2) return undefined;
  const containing = topics.filter((topic) => compactCue(topic.label).includes(t));
  return containing.length === 1 ? containing[0] : undefined;
}
