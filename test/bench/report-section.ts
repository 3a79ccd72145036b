// Each benchmark script owns one section of docs/benchmarks.md, between markers, so running
// one script updates its figures without erasing the others'.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeReportSection(file: string, id: string, markdown: string): Promise<void> {
  const begin = `<!-- bench:${id} -->`;
  const end = `<!-- /bench:${id} -->`;
  let current = '';
  try {
    current = await readFile(file, 'utf8');
  } catch {
    current = '# Benchmarks\n\nFigures written by `npm run bench`; each section is replaced by its own script.\n';
  }
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  const next = start >= 0 && stop > start ? `${current.slice(0, start)}${block}${current.slice(stop + end.length)}` : `${current.trimEnd()}\n\n${block}\n`;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, next);
}
