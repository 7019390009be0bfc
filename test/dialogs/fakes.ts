import type { TurnContext } from 'botbuilder';
import type { Clause, KnowledgeAnswer, KnowledgeBase, Policy } from '../../src/knowledge/types.js';
import type { Intent, IntentMatcher, IntentPrediction } from '../../src/nlu/types.js';
import type {
  CoverageAdvisor,
  CoverageFacts,
  CustomerTicketView,
  DialogDependencies,
  FactEvidenceView,
  HandoffRequest,
  HandoffRequester,
  NewTicket,
  TicketDesk,
  TranscriptLine,
} from '../../dialogs/dependencies.js';
import { loadDialogKnowledge } from '../../dialogs/dialogKnowledge.js';
import { understandMessage } from '../../src/understanding/understandMessage.js';
import { createLimiterStore } from '../../src/limits/limiter.js';
import { TicketLookupGuard } from '../../src/limits/ticketLookupGuard.js';

/** A clause quoted verbatim from knowledge/policies/rongke-server/policy.md (电话响应时间). */
export const responseClause: Clause = {
  id: 'rongke-server#电话响应时间#1',
  policy: 'rongke-server',
  kind: 'sentence',
  section: ['电话响应时间'],
  text: '您通过电话向融科联创客户服务中心或各地办事处提出的服务请求,我公司将于一小时内回应,四小时内提出解决方案。',
  context: '',
  line: 1,
};

const policy = (id: Policy['meta']['id'], title: string): Policy => ({
  meta: {
    id,
    title,
    issuer: '测试',
    hotline: '000',
    appliesTo: '测试',
    names: id === 'rongke-server' ? ['融科'] : ['其他产品'],
    fallback: id !== 'rongke-server',
  },
  file: `${id}.md`,
  clauses: id === 'rongke-server' ? [responseClause] : [],
});

/** A knowledge base that answers from a table of question keywords; anything else is "unsure". */
export function fakeKnowledge(
  answers: Record<string, KnowledgeAnswer>,
): KnowledgeBase & { asked: string[]; restrictedTo: Array<string | undefined> } {
  const asked: string[] = [];
  const restrictedTo: Array<string | undefined> = [];
  return {
    asked,
    restrictedTo,
    rank: () => [],
    answer(question, options) {
      asked.push(question);
      restrictedTo.push(options?.policy);
      const key = Object.keys(answers).find((k) => question.includes(k));
      const found = key ? answers[key] : undefined;
      return (
        found ?? {
          kind: 'unsure',
          text: '这个问题我不确定。',
          citations: [],
          confidence: 0.1,
          suggestions: ['保修期', '上门服务'],
        }
      );
    },
    answerTopic: (topic) => ({
      kind: 'answered',
      text: `关于${topic.label}：……`,
      citations: [],
      confidence: 1,
      suggestions: [],
    }),
    alternativeQuestions: () => [],
    attributePolicy: (text) => (text.includes('融科') ? 'rongke-server' : undefined),
    policies: () => [policy('rongke-server', '融科联创服务器保修'), policy('standard-service', '标准售后服务')],
    findClause: (p, prefix) => (p === 'rongke-server' && prefix[0] === '电话响应时间' ? responseClause : undefined),
    cite: (c) => ({ policy: c.policy, section: c.section.join(' › '), quote: c.text }),
  };
}

/** A matcher driven by keyword rules: first rule whose keyword occurs wins with its confidence (and cues). */
export function fakeMatcher(rules: Array<[string, Intent, number, string[]?]>): IntentMatcher {
  return {
    labels: [...new Set(['out_of_scope', ...rules.map(([, intent]) => intent)])],
    match(text): IntentPrediction {
      const hit = rules.find(([keyword]) => text.includes(keyword));
      if (!hit) return { intent: 'out_of_scope', confidence: 0.05, alternatives: [] };
      const [, intent, confidence, cues] = hit;
      const others = rules.filter(([, i]) => i !== intent).slice(0, 2);
      return { intent, confidence, alternatives: others.map(([, i]) => ({ intent: i, confidence: 0.1 })), cues };
    },
  };
}

/** Coverage advisor with simple lookups; records which facts it was asked to extract from. */
export function fakeCoverage(): CoverageAdvisor {
  const parts = ['硬盘', '电源', '主板', '网线'];
  const cities = ['北京', '天津', '拉萨'];
  return {
    assess(text, _today, known = {}) {
      const found: CoverageFacts = {};
      const evidence: FactEvidenceView[] = [];
      const take = (field: keyof CoverageFacts, said: string, value: string) => {
        Object.assign(found, { [field]: value });
        evidence.push({ field, text: said, value });
      };
      const part = parts.find((p) => text.includes(p));
      if (part) take('part', part, part);
      const date = /\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
      if (date) take('purchaseDate', date, date);
      const city = cities.find((c) => text.includes(c));
      if (city) take('city', city, city);
      if (text.includes('正常使用')) take('cause', '正常使用', '正常使用');
      if (text.includes('融科')) take('policy', '融科', 'rongke-server');
      const facts: CoverageFacts = { ...known, ...found };
      const order = ['policy', 'part', 'purchaseDate', 'city', 'cause'] as const;
      const missing = order
        .filter((f) => facts[f] === undefined)
        .map((field) => ({ field, question: `${field}?`, blocking: true }));
      const decision =
        facts.policy && facts.part
          ? {
              covered: true,
              remedy: 'repair',
              warrantyEnd: '2027-01-01',
              onsiteHours: 8,
              reasons: ['部件在三年保修期内。'],
              citations: [{ policy: 'rongke-server' as const, section: '电话响应时间', quote: responseClause.text }],
              basis: [],
            }
          : null;
      return { facts, decision, missing, extraction: { facts: found, evidence } };
    },
  };
}

/** An in-memory ticket desk keeping what the dialogs created; like the real one, one ticket per idempotency key. */
export function fakeTickets(): TicketDesk & {
  created: NewTicket[];
  appended: Array<{ number: string; lines: TranscriptLine[] }>;
  views: CustomerTicketView[];
  phones: Map<string, string>;
  notes: Array<{ number: string; note: string }>;
  closed: Set<string>;
} {
  const created: NewTicket[] = [];
  const views: CustomerTicketView[] = [];
  const phones = new Map<string, string>();
  const appended: Array<{ number: string; lines: TranscriptLine[] }> = [];
  const notes: Array<{ number: string; note: string }> = [];
  const closed = new Set<string>();
  // Sequential four-digit numbers (the format before random numbers, still valid): easy to read in transcripts.
  const numberOf = (index: number) => `T20260101-${String(index + 1).padStart(4, '0')}`;
  return {
    created,
    views,
    phones,
    appended,
    notes,
    closed,
    async create(ticket) {
      const earlier = created.findIndex((t) => t.idempotencyKey === ticket.idempotencyKey);
      if (earlier >= 0) return { number: numberOf(earlier) };
      created.push(ticket);
      return { number: numberOf(created.length - 1) };
    },
    async appendTranscript(number, lines) {
      appended.push({ number, lines });
    },
    async findForCustomer(number, last4) {
      const view = views.find((v) => v.number === number);
      return view && phones.get(number)?.endsWith(last4) ? view : undefined;
    },
    async noteIfExists(number, note) {
      if (views.some((v) => v.number === number)) notes.push({ number, note });
    },
    async isOpen(number) {
      const known = created.some((_t, index) => numberOf(index) === number) || views.some((v) => v.number === number);
      return known && !closed.has(number);
    },
  };
}

export function recordingHandoff(): HandoffRequester & { requests: HandoffRequest[] } {
  const requests: HandoffRequest[] = [];
  return {
    requests,
    async requestHandoff(request) {
      requests.push(request);
      return { notice: `您前面还有 ${requests.length} 位客户。` };
    },
  };
}

type UnansweredEntryDraft = Parameters<DialogDependencies['unanswered']['record']>[0];

export interface FakeDependencies extends DialogDependencies {
  unanswered: DialogDependencies['unanswered'] & { entries: UnansweredEntryDraft[] };
  tickets: ReturnType<typeof fakeTickets>;
  handoff: ReturnType<typeof recordingHandoff>;
}

/** Dialog dependencies with fakes and the real Chinese wording from knowledge/dialogs. */
export function fakeDependencies(overrides: Partial<DialogDependencies> = {}): FakeDependencies {
  const transcript: TranscriptLine[] = [{ from: 'customer', text: '测试记录', at: '2026-01-01T00:00:00.000Z' }];
  const knowledge = overrides.knowledge ?? fakeKnowledge({});
  const matcher = overrides.matcher ?? fakeMatcher([]);
  const unanswered: UnansweredEntryDraft[] = [];
  return {
    knowledge,
    matcher,
    understand: (text, policy) => understandMessage({ knowledge, matcher, relevanceFloor: 0 }, text, policy),
    coverage: fakeCoverage(),
    texts: loadDialogKnowledge('knowledge'),
    transcript: async (_context: TurnContext) => transcript,
    today: () => '2026-01-01',
    localTime: (iso) => iso.slice(0, 16).replace('T', ' '),
    // The real limits, counting in memory as on the embedded store.
    lookupLimits: new TicketLookupGuard(createLimiterStore(undefined)),
    ...overrides,
    unanswered: { record: async (entry) => void unanswered.push(entry), entries: unanswered },
    tickets: fakeTickets(),
    handoff: recordingHandoff(),
  };
}
