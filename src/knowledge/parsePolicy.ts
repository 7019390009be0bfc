import { AppError } from '../errors.js';
import { parseFrontMatter } from './parseFrontMatter.js';
import { clauseSchema, type Clause, type Policy } from './types.js';

interface Draft {
  kind: Clause['kind'];
  section: string[];
  text: string;
  context: string;
  line: number;
}

const headingRe = /^(#{2,3})\s+(.+?)\s*$/;
const listRe = /^(?:[-*]|\d+[.)])\s+(.+)$/;
const tableRowRe = /^\|(.+)\|\s*$/;
const tableRuleRe = /^\|[\s:|-]+\|\s*$/;
const labelRe = /^【[^】]+】$/;

/** Splits a paragraph into sentences, each a verbatim substring ending with its stop. */
export function splitSentences(paragraph: string): string[] {
  return (paragraph.match(/[^。！？!?]+[。！？!?]?/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

function cells(row: string): string[] {
  return (tableRowRe.exec(row)?.[1] ?? '').split('|').map((c) => c.trim());
}

/**
 * Parses one policy Markdown file into verbatim clauses with stable section paths.
 * Throws AppError('bad_document') naming the file and line when the layout is broken.
 */
export function parsePolicy(file: string, source: string): Policy {
  const lines = source.split(/\r?\n/);
  const { meta, bodyStart } = parseFrontMatter(file, lines);
  const fail = (i: number, why: string): never => {
    throw new AppError('bad_document', `${file}:${i + 1}: ${why}`, { file, line: i + 1 });
  };
  const drafts: Draft[] = [];
  let h2: string | undefined;
  let h3: string | undefined;
  let leadIn = '';
  const section = () => [h2, h3].filter((s): s is string => Boolean(s));

  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.trim();
    if (!line) continue;
    const heading = headingRe.exec(line);
    if (heading) {
      const [, hashes = '', title = ''] = heading;
      if (hashes.length === 2) [h2, h3] = [title, undefined];
      else if (!h2) fail(i, 'a ### heading needs a ## heading above it');
      else h3 = title;
      leadIn = '';
      continue;
    }
    if (line.startsWith('#')) fail(i, 'only ## and ### headings are allowed in a policy body');
    if (!h2) fail(i, 'text before the first ## heading');
    if (tableRowRe.test(line)) {
      i = parseTable(lines, i, section(), drafts, fail);
      continue;
    }
    const item = listRe.exec(line);
    if (item?.[1]) {
      drafts.push({ kind: 'item', section: section(), text: item[1].trim(), context: leadIn, line: i + 1 });
      continue;
    }
    const quoted = line.startsWith('>') ? line.replace(/^>\s*/, '') : line;
    if (labelRe.test(quoted)) {
      leadIn = quoted;
      continue;
    }
    for (const sentence of splitSentences(quoted)) drafts.push({ kind: 'sentence', section: section(), text: sentence, context: '', line: i + 1 });
    // A paragraph ending in a colon introduces the list that follows it.
    leadIn = /[:：]$/.test(quoted) ? quoted : '';
  }
  return { meta, file, clauses: toClauses(meta.id, drafts, file) };
}

function parseTable(lines: string[], start: number, section: string[], out: Draft[], fail: (i: number, why: string) => never): number {
  const header = cells(lines[start] ?? '');
  if (!tableRuleRe.test((lines[start + 1] ?? '').trim())) fail(start + 1, 'a table header must be followed by a |---| rule');
  const labels = new Map<string, number>();
  const rows: { cells: string[]; line: number }[] = [];
  let i = start + 2;
  for (; i < lines.length && tableRowRe.test((lines[i] ?? '').trim()); i++) {
    const row = cells((lines[i] ?? '').trim());
    if (row.length !== header.length) fail(i, `table row has ${row.length} cells, the header has ${header.length}`);
    rows.push({ cells: row, line: i + 1 });
    labels.set(row[0] ?? '', (labels.get(row[0] ?? '') ?? 0) + 1);
  }
  for (const row of rows) {
    const [first = '', ...rest] = row.cells;
    // A label shared by several rows (【配件】 twice) is made unique with the row's next cell.
    const label = (labels.get(first) ?? 0) > 1 ? `${first}${(rest[0] ?? '').split('<br>')[0]}` : first;
    for (const [c, cell] of rest.entries()) {
      for (const part of cell.split('<br>').map((p) => p.trim()).filter(Boolean)) {
        out.push({ kind: 'cell', section: [...section, label], text: part, context: `${header[c + 1] ?? ''} ${first}`, line: row.line });
      }
    }
  }
  return i - 1;
}

function toClauses(policy: Policy['meta']['id'], drafts: Draft[], file: string): Clause[] {
  const seen = new Map<string, number>();
  return drafts.map((d) => {
    const key = d.section.join('›');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const parsed = clauseSchema.safeParse({ id: `${policy}:${key}:${n}`, policy, ...d });
    if (!parsed.success) {
      throw new AppError('bad_document', `${file}:${d.line}: ${parsed.error.issues[0]?.message}`, { file, line: d.line });
    }
    return parsed.data;
  });
}
