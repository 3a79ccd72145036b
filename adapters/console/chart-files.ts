// The terminal cannot show a picture: each chart of a reply is written as a PNG file in one
// folder (`charts/` under the data directory, or the system temp folder), under a unique name
// (UTC time + the chart's own name), and only the newest files are kept.
import { mkdir, readdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Block } from '../../src/core/types.ts';

export type ImageBlock = Extract<Block, { type: 'image' }>;

/** Where charts go when the console is given no folder. */
export const DEFAULT_CHART_DIR = path.join(tmpdir(), 'relance-charts');

/** How many chart files the folder keeps (older ones are deleted after each write). */
export const KEEP_CHARTS = 50;

/** Names this module writes: `20261124-090000-123-pipeline.png`; nothing else in the folder is touched. */
const OWN_FILE = /^\d{8}-\d{6}-\d{3}-[\w.-]+\.png$/;

export const isImage = (block: Block): block is ImageBlock => block.type === 'image';

/** A file name safe on every system: no folders, no odd characters, `.png` at the end. */
export function safeChartName(fileName: string): string {
  const base = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.png$/i, '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'chart'}.png`;
}

const stamp = (at: Date): string => {
  const iso = at.toISOString(); // 2026-11-24T09:00:00.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
};

export interface SaveChartsOptions {
  /** Files to keep in the folder; default 50. */
  keep?: number;
  /** Time used in the names (the real clock by default, so names sort by creation). */
  now?: () => Date;
  /** Called when one chart cannot be written; the others are still saved. */
  onError?: (error: unknown, block: ImageBlock) => void;
}

/** Writes each image block to `dir` and returns the absolute path of each one written. */
export async function saveCharts(images: ImageBlock[], dir: string, options: SaveChartsOptions = {}): Promise<Map<ImageBlock, string>> {
  const paths = new Map<ImageBlock, string>();
  if (images.length === 0) return paths;
  const folder = path.resolve(dir);
  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    for (const image of images) options.onError?.(error, image);
    return paths;
  }
  for (const image of images) {
    const name = safeChartName(image.fileName);
    const prefix = stamp((options.now ?? (() => new Date()))());
    // `wx` never overwrites: two charts in the same millisecond get -2, -3… appended.
    for (let attempt = 1; ; attempt++) {
      const file = path.join(folder, `${prefix}-${attempt === 1 ? name : name.replace(/\.png$/, `-${attempt}.png`)}`);
      try {
        await writeFile(file, image.png, { flag: 'wx' });
        paths.set(image, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' && attempt < 100) continue;
        options.onError?.(error, image);
        break;
      }
    }
  }
  await pruneCharts(folder, options.keep ?? KEEP_CHARTS);
  return paths;
}

/** Deletes all but the newest `keep` chart files of the folder (names sort by time). */
export async function pruneCharts(dir: string, keep: number = KEEP_CHARTS): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => OWN_FILE.test(name)).sort();
  } catch {
    return;
  }
  for (const name of names.slice(0, Math.max(0, names.length - keep))) {
    // Another process may be pruning the same folder: a file already gone is fine.
    await unlink(path.join(dir, name)).catch(() => undefined);
  }
}
