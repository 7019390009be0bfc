import type { CoverageAssessment } from './types.js';

const coveredText = (c: boolean | null) => (c === true ? '在保修范围内' : c === false ? '不在免费保修范围内' : '暂时无法确定');
const remedyText: Record<string, string> = { replace: '免费更换', repair: '免费维修', paid: '收费维修', not_covered: '不予保修', ask: '需要进一步确认' };
const serviceText: Record<string, string> = { onsite: '上门服务', send_in: '送修', ship_replacement: '发货更换', remote: '远程/电话支持' };
const fieldText: Record<string, string> = {
  policy: '适用政策',
  part: '部件',
  cause: '原因',
  purchaseDate: '购买（发票）日期',
  factoryDate: '出厂日期',
  deliveryDate: '交付日期',
  city: '所在地',
  repairsInLastYear: '一年内维修次数',
  partHistory: '部件来历',
  invoice: '发票',
  deniedCauses: '已排除的原因',
};

function shown(value: unknown): string {
  if (typeof value === 'boolean') return value ? '有' : '无有效发票';
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value) ?? '';
}

/** Renders an assessment as Chinese text for the CLI: facts, decision, reasons, clauses, questions. */
export function formatAssessment(a: CoverageAssessment): string {
  const lines: string[] = ['【识别到的信息】'];
  for (const [field, value] of Object.entries(a.facts)) {
    if (value === undefined) continue;
    const words = a.extraction.evidence.filter((e) => e.field === field).map((e) => `「${e.text}」`);
    lines.push(`  ${fieldText[field] ?? field}：${shown(value)}${words.length ? `（您说${words.join('')}）` : ''}`);
  }
  for (const span of a.extraction.imprecise) lines.push(`  （「${span.text}」只精确到 ${span.earliest} 至 ${span.latest}，按 ${span.earliest} 计算）`);
  const d = a.decision;
  if (d) {
    lines.push('【结论】', `  ${coveredText(d.covered)}；处理方式：${remedyText[d.remedy] ?? d.remedy}`);
    if (d.service.length) lines.push(`  服务方式：${d.service.map((s) => serviceText[s] ?? s).join('、')}`);
    if (d.onsiteHours !== null) lines.push(`  上门时间：${d.onsiteHours}小时内`);
    if (d.warrantyStart || d.warrantyEnd) lines.push(`  保修期：${d.warrantyStart ?? '未知'} 至 ${d.warrantyEnd ?? '未知'}`);
    lines.push('【依据的事实】', ...d.basis.map((b) => `  - ${fieldText[b.field] ?? b.field}：${b.value}${b.said ? `（您说「${b.said}」）` : ''}`));
    lines.push('【理由】', ...d.reasons.map((r) => `  - ${r}`));
    lines.push('【依据条款】', ...d.citations.map((c) => `  - ${c.policy} › ${c.section}：「${c.quote}」`));
  } else {
    lines.push('【结论】', '  信息不足，暂时无法判断。');
  }
  if (a.missing.length) lines.push('【还需要了解】', ...a.missing.map((m) => `  - ${m.question}${m.blocking ? '' : '（可选，用于核实）'}`));
  return `${lines.join('\n')}\n`;
}
