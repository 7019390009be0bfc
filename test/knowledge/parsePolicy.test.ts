import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { loadPolicies } from '../../src/knowledge/loadPolicies.js';
import { parsePolicy, splitSentences } from '../../src/knowledge/parsePolicy.js';

const front = ['---', 'id: rongke-server', 'title: T', 'issuer: I', 'hotline: 1', 'appliesTo: A', '---'];

function parseError(lines: string[]): AppError {
  try {
    parsePolicy('bad.md', lines.join('\n'));
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the document to be refused');
}

describe('loading the policy documents', () => {
  const policies = loadPolicies('knowledge');

  it('when both documents load, then each has its front matter and clauses', () => {
    expect(policies.map((p) => p.meta.id).sort()).toEqual(['rongke-server', 'standard-service']);
    const rongke = policies.find((p) => p.meta.id === 'rongke-server');
    expect(rongke?.meta.hotline).toBe('400-018-8995');
    expect(rongke?.clauses.length).toBeGreaterThan(50);
  });

  it('when a clause is loaded, then its text is a verbatim substring of its file at its line', () => {
    for (const p of policies) {
      const lines = readFileSync(p.file, 'utf8').split('\n');
      for (const c of p.clauses) expect(lines[c.line - 1]).toContain(c.text);
    }
  });

  it('when a table row is loaded, then its label closes the section path', () => {
    const rongke = policies.find((p) => p.meta.id === 'rongke-server');
    const row = rongke?.clauses.find((c) => c.text === '8小时内上门');
    expect(row?.section).toEqual(['上门服务响应时间', '北京·上海·深圳']);
  });

  it('when two rows share a label, then each gets a distinct path', () => {
    const rongke = policies.find((p) => p.meta.id === 'rongke-server');
    const labels = new Set(rongke?.clauses.filter((c) => c.section[0] === '保修部件与保修期限' && c.section.length === 2).map((c) => c.section[1]));
    expect(labels.size).toBe(3);
  });

  it('when the source has typos, then they are kept as written', () => {
    const all = policies.flatMap((p) => p.clauses.map((c) => c.text)).join('\n');
    expect(all).toContain('安图维修');
    expect(all).toContain('非热拨插硬盘');
  });

  it('when a paragraph has several sentences, then each becomes its own clause', () => {
    expect(splitSentences('甲。乙！丙')).toEqual(['甲。', '乙！', '丙']);
  });
});

describe('refusing malformed documents', () => {
  it('when front matter is missing, then the error names the file and line 1', () => {
    const e = parseError(['## 标题', '正文。']);
    expect(e.message).toMatch(/^bad\.md:1:/);
  });

  it('when a front matter field is invalid, then the error names its line', () => {
    const lines = [...front];
    lines[1] = 'id: Not A Policy Id';
    expect(parseError(lines).message).toMatch(/^bad\.md:2: .*id/);
  });

  it('when a table row has the wrong number of cells, then the error names that row', () => {
    const e = parseError([...front, '## 表', '| a | b |', '| --- | --- |', '| 1 | 2 |', '| 3 |']);
    expect(e.message).toMatch(/^bad\.md:12: table row has 1 cells/);
  });

  it('when text comes before any heading, then the error names its line', () => {
    expect(parseError([...front, '孤立的段落。']).message).toMatch(/^bad\.md:8:/);
  });

  it('when a ### heading has no ## above it, then it is refused', () => {
    expect(parseError([...front, '### 小节']).details).toEqual({ file: 'bad.md', line: 8 });
  });
});
