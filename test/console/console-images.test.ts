// Charts and export files in the terminal: written in the charts folder (owner-only: folder 0700,
// files 0600), printed as a path with the title (and a chart's alt text), the folder kept to
// the newest files.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { consoleFileName, DEFAULT_FILE_DIR } from '../../adapters/console/attachment-files.ts';
import { createConsoleAdapter, type ConsoleAdapterConfig } from '../../adapters/console/console-adapter.ts';
import { renderText, renderTextWithFiles } from '../../adapters/console/render-text.ts';
import type { Reply } from '../../src/core/types.ts';
import { EXPORT_CSV, EXPORT_JSON, exportBlock, exportReply } from '../fakes/export-file.ts';
import { chartReply, TINY_PNG } from '../fakes/tiny-png.ts';

const dirs: string[] = [];
const cleanup: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'relance-charts-test-'));
  dirs.push(dir);
  return path.join(dir, 'data', 'charts');
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const file of cleanup) rmSync(file, { force: true });
});

/** Runs the console on `lines`, each answered with `reply`; returns what it printed. */
async function runConsole(lines: string[], reply: Reply, options: Partial<ConsoleAdapterConfig> = {}): Promise<{ output: string; errors: string }> {
  const input = new PassThrough();
  const sink = new PassThrough();
  const errorSink = new PassThrough();
  let output = '';
  let errors = '';
  sink.on('data', (chunk: Buffer) => (output += chunk.toString()));
  errorSink.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const adapter = createConsoleAdapter({
    input,
    output: sink,
    errors: errorSink,
    json: false,
    actor: { id: 'alice', displayName: 'alice', locale: 'fr' },
    workspaceId: 'charts',
    interactive: false,
    ...options,
  });
  await adapter.start(async (_event, respond) => respond(reply));
  input.end(lines.map((line) => `${line}\n`).join(''));
  await adapter.finished;
  return { output, errors };
}

const printedPaths = (output: string): string[] => [...output.matchAll(/^🖼 .*?: (\/.*\.png)$/gmu)].map((m) => m[1]!);

describe('console charts', () => {
  it('writes the PNG under the charts folder and prints its path with the title and alt text', async () => {
    const chartDir = freshDir();
    const { output, errors } = await runConsole(['/pipeline'], chartReply('private'), { chartDir });
    expect(errors).toBe('');
    const [file] = printedPaths(output);
    expect(output).toContain('🖼 Pipeline par étape\u00a0: ');
    expect(output).toContain('   Barres : 4 affaires en Lead, 2 en Proposition');
    expect(path.dirname(file!)).toBe(path.resolve(chartDir));
    expect(path.basename(file!)).toMatch(/^\d{8}-\d{6}-\d{3}-pipeline-by-stage\.png$/);
    expect(readFileSync(file!).equals(Buffer.from(TINY_PNG))).toBe(true);
  });

  it('gives every chart its own file and keeps only the newest ones, leaving other files alone', async () => {
    const chartDir = freshDir();
    const first = await runConsole(['/pipeline'], chartReply('private'), { chartDir, keepCharts: 3 });
    const [oldest] = printedPaths(first.output);
    writeFileSync(path.join(chartDir, 'notes.txt'), 'mine');
    const { output } = await runConsole(['/a', '/b', '/c', '/d'], chartReply('private'), { chartDir, keepCharts: 3 });
    const paths = printedPaths(output);
    expect(new Set(paths).size).toBe(4);
    const left = readdirSync(chartDir).sort();
    expect(left).toHaveLength(4);
    expect(left).toContain('notes.txt');
    expect(existsSync(oldest!)).toBe(false);
    for (const file of paths.slice(-3)) expect(existsSync(file)).toBe(true);
  });

  it('keeps file names inside the folder whatever the chart is called', async () => {
    const chart = (fileName: string) => ({ type: 'image' as const, png: TINY_PNG, fileName, alt: '' });
    expect(consoleFileName(chart('../../etc/passwd'))).toBe('passwd.png');
    expect(consoleFileName(chart('Prévision T4 (équipe).PNG'))).toBe('Prevision-T4-equipe.png');
    expect(consoleFileName(chart(''))).toBe('chart.png');
    expect(consoleFileName(chart('kpi.png'), 2)).toBe('kpi-2.png');
    const chartDir = freshDir();
    const reply: Reply = { visibility: 'private', lang: 'en', blocks: [{ type: 'image', png: TINY_PNG, fileName: '../../escape.png', alt: 'Escape' }] };
    const { output } = await runConsole(['/x'], reply, { chartDir });
    const [file] = printedPaths(output);
    expect(path.dirname(file!)).toBe(path.resolve(chartDir));
    expect(output).toContain('🖼 Escape: ');
  });

  it('uses the system temp folder when given none', async () => {
    const { output } = await runConsole(['/pipeline'], chartReply('private'));
    const [file] = printedPaths(output);
    cleanup.push(file!);
    expect(path.dirname(file!)).toBe(path.resolve(DEFAULT_FILE_DIR));
    expect(readFileSync(file!).equals(Buffer.from(TINY_PNG))).toBe(true);
  });

  it('prints the path instead of the bytes with --json', async () => {
    const chartDir = freshDir();
    const { output } = await runConsole(['/pipeline'], chartReply('channel'), { chartDir, json: true });
    const printed = JSON.parse(output.trim()) as { visibility: string; blocks: Array<Record<string, unknown>> };
    const image = printed.blocks.find((block) => block['type'] === 'image')!;
    expect(image).toMatchObject({ fileName: 'pipeline-by-stage.png', title: 'Pipeline par étape', bytes: TINY_PNG.byteLength });
    expect(image['png']).toBeUndefined();
    expect(readFileSync(String(image['path'])).equals(Buffer.from(TINY_PNG))).toBe(true);
  });

  it('still prints the reply when the chart cannot be written', async () => {
    // The folder's parent is a file: nothing can be created there.
    const root = path.dirname(path.dirname(freshDir()));
    writeFileSync(path.join(root, 'a-file'), 'x');
    const { output, errors } = await runConsole(['/pipeline'], chartReply('private'), { chartDir: path.join(root, 'a-file', 'charts') });
    expect(output).toContain('Pipeline — équipe Ouest');
    expect(output).toContain('🖼 Pipeline par étape');
    expect(printedPaths(output)).toEqual([]);
    expect(errors).toContain('could not save the chart pipeline-by-stage.png');
  });
});

const IS_POSIX = process.platform !== 'win32';
const printedFiles = (output: string): string[] => [...output.matchAll(/^📄 .*?: (\/\S+)$/gmu)].map((m) => m[1]!);
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('console export files', () => {
  it('writes the file under its own name in the charts folder and prints 📄 title: path', async () => {
    const chartDir = freshDir();
    const { output, errors } = await runConsole(['/export'], exportReply('private'), { chartDir });
    expect(errors).toBe('');
    expect(output).toContain('Export prêt');
    const [file] = printedFiles(output);
    expect(output).toContain(`📄 Données de Camille Martin\u00a0: ${file}`);
    expect(path.dirname(file!)).toBe(path.resolve(chartDir));
    expect(path.basename(file!)).toMatch(/^\d{8}-\d{6}-\d{3}-export-Camille-Martin\.json$/);
    expect(readFileSync(file!).equals(Buffer.from(EXPORT_JSON))).toBe(true);
  });

  it.runIf(IS_POSIX)('creates the folder 0700 and every file 0600 (exports hold personal data)', async () => {
    const chartDir = freshDir();
    const { output } = await runConsole(['/export', '/pipeline'], { visibility: 'private', lang: 'en', blocks: [exportBlock(), ...chartReply('private').blocks] }, { chartDir });
    expect(modeOf(chartDir)).toBe(0o700);
    const files = [...printedFiles(output), ...printedPaths(output)];
    expect(files).toHaveLength(4);
    for (const file of files) expect(modeOf(file)).toBe(0o600);
  });

  it.runIf(IS_POSIX)('closes an existing folder to others before writing into it', async () => {
    const chartDir = freshDir();
    mkdirSync(chartDir, { recursive: true });
    chmodSync(chartDir, 0o755);
    const { output, errors } = await runConsole(['/export'], exportReply('private'), { chartDir });
    expect(errors).toBe('');
    expect(modeOf(chartDir)).toBe(0o700);
    expect(modeOf(printedFiles(output)[0]!)).toBe(0o600);
  });

  it('names files by their MIME type and keeps them inside the folder, numbering same-named ones', async () => {
    const file = (fileName: string, mimeType: string) => ({ type: 'file' as const, bytes: EXPORT_CSV, fileName, mimeType, title: fileName });
    expect(consoleFileName(file('../../etc/deals', 'text/csv'))).toBe('deals.csv');
    expect(consoleFileName(file('Données (T4).CSV', 'text/csv'))).toBe('Donnees-T4.csv');
    expect(consoleFileName(file('x.html', 'text/csv'))).toBe('x-html.csv');
    expect(consoleFileName(file('', 'application/json'))).toBe('file.json');
    expect(consoleFileName(file('blob.dat', 'application/x-unknown'))).toBe('blob.dat');
    const chartDir = freshDir();
    const reply: Reply = { visibility: 'private', lang: 'en', blocks: [file('../../deals', 'text/csv'), file('deals.csv', 'text/csv')] };
    const { output } = await runConsole(['/x'], reply, { chartDir });
    const paths = printedFiles(output);
    expect(paths.map((p) => path.dirname(p))).toEqual([path.resolve(chartDir), path.resolve(chartDir)]);
    expect(new Set(paths).size).toBe(2);
    for (const p of paths) expect(readFileSync(p).equals(Buffer.from(EXPORT_CSV))).toBe(true);
  });

  it('keeps the newest files across charts and exports together', async () => {
    const chartDir = freshDir();
    const { output } = await runConsole(['/export'], exportReply('private'), { chartDir, keepCharts: 2 });
    const [exported] = printedFiles(output);
    writeFileSync(path.join(chartDir, 'notes.txt'), 'mine');
    await runConsole(['/a', '/b'], chartReply('private'), { chartDir, keepCharts: 2 });
    expect(existsSync(exported!)).toBe(false);
    expect(readdirSync(chartDir).sort()).toHaveLength(3);
    expect(readdirSync(chartDir)).toContain('notes.txt');
  });

  it('prints the path and size instead of the bytes with --json', async () => {
    const chartDir = freshDir();
    const { output } = await runConsole(['/export'], exportReply('private'), { chartDir, json: true });
    const printed = JSON.parse(output.trim()) as { visibility: string; blocks: Array<Record<string, unknown>> };
    const block = printed.blocks.find((b) => b['type'] === 'file')!;
    expect(block).toEqual({ type: 'file', fileName: 'export Camille Martin.json', mimeType: 'application/json', title: 'Données de Camille Martin', bytes: EXPORT_JSON.byteLength, path: expect.any(String) });
    expect(readFileSync(String(block['path'])).equals(Buffer.from(EXPORT_JSON))).toBe(true);
  });

  it('still prints the reply, naming the file, when it cannot be written', async () => {
    const root = path.dirname(path.dirname(freshDir()));
    writeFileSync(path.join(root, 'a-file'), 'x');
    const { output, errors } = await runConsole(['/export'], exportReply('private'), { chartDir: path.join(root, 'a-file', 'charts') });
    expect(output).toContain('Export prêt');
    expect(output).toContain('📄 Données de Camille Martin');
    expect(printedFiles(output)).toEqual([]);
    expect(errors).toContain('could not save the file export Camille Martin.json');
  });
});

describe('console text rendering of files', () => {
  it('names a file with 📄 and its title, with its path once saved', () => {
    const block = exportBlock();
    const reply: Reply = { visibility: 'private', lang: 'en', blocks: [block, { type: 'file', bytes: EXPORT_CSV, fileName: 'a/deals.csv', mimeType: 'text/csv', title: '' }] };
    expect(renderText(reply).text).toBe('📄 Données de Camille Martin\n📄 deals.csv');
    expect(renderTextWithFiles(reply, new Map([[block, '/tmp/x/export.json']])).text).toBe('📄 Données de Camille Martin: /tmp/x/export.json\n📄 deals.csv');
  });
});
