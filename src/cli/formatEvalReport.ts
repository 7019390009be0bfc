import type { EvalReport } from './evalMetrics.js';

const pct = (x: number): string => x.toFixed(3);
const pad = (s: string | number, n: number): string => String(s).padStart(n);

/** Short column names so the confusion matrix fits a terminal. */
const shortName: Record<string, string> = {
  greeting: 'greet',
  goodbye: 'bye',
  report_fault: 'report',
  policy_question: 'policy',
  ticket_status: 'ticket',
  human_agent: 'human',
  cancel: 'cancel',
  out_of_scope: 'oos',
};

/** The eval report as text for a terminal or a CI log. */
export function formatEvalReport(r: EvalReport): string {
  const { labels } = r;
  const lines: string[] = [];
  lines.push(`intent accuracy ${r.intentCorrect}/${r.total} = ${pct(r.intentAccuracy)}`);
  lines.push(`kb hit rate ${r.kbHits}/${r.kbTotal} = ${pct(r.kbHitRate)}`);
  lines.push(
    `kb answered right ${r.kbHits} / wrong ${r.kbWrong} / abstained ${r.kbAbstained}; off-topic messages quoted ${r.offTopicQuoted}; wrong-answer rate ${pct(r.wrongAnswerRate)} of quoted replies`,
  );
  if (r.errors.length) lines.push(`unusable lines: ${r.errors.length}`);
  lines.push(
    '',
    'per intent:',
    `${'intent'.padEnd(16)}${pad('precision', 10)}${pad('recall', 8)}${pad('support', 9)}${pad('predicted', 10)}`,
  );
  for (const intent of labels) {
    const s = r.perIntent.get(intent);
    if (!s) continue;
    lines.push(
      `${intent.padEnd(16)}${pad(pct(s.precision), 10)}${pad(pct(s.recall), 8)}${pad(s.support, 9)}${pad(s.predicted, 10)}`,
    );
  }
  lines.push('', 'confusion matrix (rows: expected, columns: predicted):');
  lines.push(`${''.padEnd(8)}${labels.map((l) => pad(shortName[l] ?? l, 7)).join('')}`);
  for (const gold of labels)
    lines.push(`${(shortName[gold] ?? gold).padEnd(8)}${labels.map((p) => pad(r.confusion.get(gold, p), 7)).join('')}`);
  lines.push('', `misses (${r.misses.length}):`);
  for (const m of r.misses)
    lines.push(
      `  ${m.kind.padEnd(6)} ${m.id} ${JSON.stringify(m.text)}: want ${JSON.stringify(m.want)} got ${JSON.stringify(m.got)}`,
    );
  for (const e of r.errors) lines.push(`  error  ${e}`);
  return `${lines.join('\n')}\n`;
}

/** The report as plain JSON (Maps and the matrix spelled out). */
export function reportAsJson(r: EvalReport): Record<string, unknown> {
  const { labels } = r;
  return {
    total: r.total,
    intentCorrect: r.intentCorrect,
    intentAccuracy: r.intentAccuracy,
    kbTotal: r.kbTotal,
    kbHits: r.kbHits,
    kbHitRate: r.kbHitRate,
    kbWrong: r.kbWrong,
    kbAbstained: r.kbAbstained,
    offTopicQuoted: r.offTopicQuoted,
    wrongAnswerRate: r.wrongAnswerRate,
    perIntent: Object.fromEntries(r.perIntent),
    confusion: Object.fromEntries(
      labels.map((g) => [g, Object.fromEntries(labels.map((p) => [p, r.confusion.get(g, p)]))]),
    ),
    misses: r.misses,
    errors: r.errors,
  };
}
