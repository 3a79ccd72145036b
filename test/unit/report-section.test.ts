// docs/benchmarks.md keeps each benchmark's section once, replaced where it stands.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replaceReportSection } from '../bench/report-section.ts';

const doc = ['# Benchmarks', '', '<!-- bench:a -->', '## A', 'old a', '<!-- /bench:a -->', '', '<!-- bench:b -->', '## B', 'b', '<!-- /bench:b -->', ''].join('\n');

describe('replaceReportSection', () => {
  it('replaces a section in place, leaves the others, and gives the same file when run twice', () => {
    const once = replaceReportSection(doc, 'a', '## A\nnew a\n');
    expect(once.text).toBe(doc.replace('old a', 'new a'));
    expect(replaceReportSection(once.text, 'a', '## A\nnew a').text).toBe(once.text);
    expect(once.warnings).toEqual([]);
  });

  it('appends a section not there yet', () => {
    expect(replaceReportSection(doc, 'c', '## C\nc').text).toBe(`${doc.trimEnd()}\n\n<!-- bench:c -->\n## C\nc\n<!-- /bench:c -->\n`);
  });

  it('keeps one copy when the markers appear twice', () => {
    const twice = `${doc}\n<!-- bench:a -->\n## A\nstale a\n<!-- /bench:a -->\n`;
    const { text } = replaceReportSection(twice, 'a', '## A\nnew a');
    expect(text.match(/<!-- bench:a -->/g)).toHaveLength(1);
    expect(text).not.toContain('stale a');
    expect(text).toContain('## B\nb');
  });

  it('closes a section whose end marker was lost at the next section instead of adding a copy', () => {
    const broken = doc.replace('<!-- /bench:a -->\n', '');
    const { text } = replaceReportSection(broken, 'a', '## A\nnew a');
    expect(text.match(/<!-- bench:a -->/g)).toHaveLength(1);
    expect(text).toContain('new a\n<!-- /bench:a -->\n\n<!-- bench:b -->');
  });

  it('reports a copy of the heading left outside the markers (a stale full-file rewrite)', () => {
    const stale = doc.replace('# Benchmarks\n', '# Benchmarks\n\n## A\nvery old a\n');
    expect(replaceReportSection(stale, 'a', '## A\nnew a').warnings).toEqual(['"## A" also appears outside the marked section a: remove the stale copy']);
  });
});

describe('docs/benchmarks.md', () => {
  it('has each section once', () => {
    const text = readFileSync(new URL('../../docs/benchmarks.md', import.meta.url), 'utf8');
    const ids = [...text.matchAll(/<!-- bench:([\w-]+) -->/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const headings = text.split('\n').filter((line) => line.startsWith('## '));
    expect(headings.filter((line, i) => headings.indexOf(line) !== i)).toEqual([]);
    for (const id of ids) expect(text.split(`<!-- /bench:${id} -->`)).toHaveLength(2);
  });
});
