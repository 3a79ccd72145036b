// Each benchmark script owns one section of docs/benchmarks.md, between markers, so running
// one script updates its figures without erasing the others'. A section is replaced where it
// stands and kept once: further copies of the same markers are removed, a begin marker whose
// end marker was lost is closed at the next section, and a copy of the section's heading left
// outside any markers (as an old full-file rewrite left one) is reported.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const HEADER = '# Benchmarks\n\nFigures written by `npm run bench`; each script replaces its own section, between its `<!-- bench:… -->` markers.\n';

/** The text with the section `id` set to `markdown`, once; pure, for tests. */
export function replaceReportSection(current: string, id: string, markdown: string): { text: string; warnings: string[] } {
  const begin = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const warnings: string[] = [];
  // Every copy of the section: [start, stop) offsets in the current text.
  const copies: Array<[number, number]> = [];
  for (let from = 0; ; ) {
    const start = current.indexOf(begin, from);
    if (start < 0) break;
    const closing = current.indexOf(end, start);
    const next = current.indexOf('<!-- bench:', start + begin.length);
    // Without its end marker (or with it past another section), a copy ends where the next section begins.
    const stop = closing >= 0 && (next < 0 || closing < next) ? closing + end.length : next >= 0 ? next : current.length;
    copies.push([start, stop]);
    from = stop;
  }
  let text: string;
  if (copies.length === 0) {
    text = `${current.trimEnd()}\n\n${block}\n`;
  } else {
    // The first copy is replaced where it stands; later ones go, with the blank lines after them.
    const parts: string[] = [current.slice(0, copies[0]![0]), block];
    copies.forEach(([, stop], k) => {
      const following = copies[k + 1];
      let between = current.slice(stop, following ? following[0] : current.length);
      if (k === 0 && between !== '' && !between.startsWith('\n')) between = `\n\n${between}`;
      if (following) between = between.replace(/\n{3,}$/, '\n\n');
      parts.push(between);
    });
    text = parts.join('');
  }
  // A copy of the heading outside every marked section is a stale leftover: say so, do not guess its end.
  const heading = markdown.trim().split('\n')[0] ?? '';
  if (heading.startsWith('#')) {
    const outside = text.replace(/<!-- bench:([\w-]+) -->[\s\S]*?<!-- \/bench:\1 -->/g, '');
    if (outside.split('\n').some((line) => line.trim() === heading.trim())) warnings.push(`"${heading}" also appears outside the marked section ${id}: remove the stale copy`);
  }
  return { text, warnings };
}

export async function writeReportSection(file: string, id: string, markdown: string): Promise<void> {
  let current = '';
  try {
    current = await readFile(file, 'utf8');
  } catch {
    current = HEADER;
  }
  const { text, warnings } = replaceReportSection(current, id, markdown);
  for (const warning of warnings) console.warn(`${path.basename(file)}: ${warning}`);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}
