// Charts in the terminal: written as PNG files in the charts folder, printed as a path with the
// title and alt text, the folder kept to the newest files.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHART_DIR, safeChartName } from '../../adapters/console/chart-files.ts';
import { createConsoleAdapter, type ConsoleAdapterConfig } from '../../adapters/console/console-adapter.ts';
import type { Reply } from '../../src/core/types.ts';
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
    expect(output).toContain('🖼 Pipeline par étape: ');
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
    expect(safeChartName('../../etc/passwd')).toBe('passwd.png');
    expect(safeChartName('Prévision T4 (équipe).PNG')).toBe('Prevision-T4-equipe.png');
    expect(safeChartName('')).toBe('chart.png');
    const chartDir = freshDir();
    const reply: Reply = { visibility: 'private', blocks: [{ type: 'image', png: TINY_PNG, fileName: '../../escape.png', alt: 'Escape' }] };
    const { output } = await runConsole(['/x'], reply, { chartDir });
    const [file] = printedPaths(output);
    expect(path.dirname(file!)).toBe(path.resolve(chartDir));
    expect(output).toContain('🖼 Escape: ');
  });

  it('uses the system temp folder when given none', async () => {
    const { output } = await runConsole(['/pipeline'], chartReply('private'));
    const [file] = printedPaths(output);
    cleanup.push(file!);
    expect(path.dirname(file!)).toBe(path.resolve(DEFAULT_CHART_DIR));
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
