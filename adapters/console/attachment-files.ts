// The terminal cannot show a picture or hand over a download: each chart and export file of a
// reply is written into one folder (`charts/` under the data directory, or the system temp
// folder), under a unique name (UTC time + the attachment's own name), and only the newest
// files are kept. Exports hold personal data: the folder is the user's own and closed to
// others (0700), and every file is readable by its owner only (0600).
import { chmod, mkdir, readdir, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { attachmentBytes, joinName, nameParts, type AttachmentBlock } from '../shared/attachments.ts';

/** Where charts and files go when the console is given no folder. */
export const DEFAULT_FILE_DIR = path.join(tmpdir(), 'relance-charts');

/** How many files the folder keeps, charts and exports together (older ones are deleted after each write). */
export const KEEP_FILES = 50;

/** Permissions of the folder and of each file: the owner only. */
export const FOLDER_MODE = 0o700;
export const FILE_MODE = 0o600;

/** Names this module writes: `20261124-090000-123-pipeline.png`; nothing else in the folder is touched. */
const OWN_FILE = /^\d{8}-\d{6}-\d{3}-[A-Za-z0-9_-]+(?:\.[a-z0-9]{1,8})?$/;

/**
 * A file name safe on every system: no folders, only `A-Z a-z 0-9 _ -`, ending in its extension
 * (`.png` for charts). `copy` > 1 numbers another file of the same name (`pipeline-2.png`).
 */
export function consoleFileName(block: AttachmentBlock, copy = 1): string {
  const { base, extension, fallback } = nameParts(block);
  const clean = base
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return joinName(`${clean || fallback}${copy > 1 ? `-${copy}` : ''}`, extension);
}

// Names sort by creation only if no two share a millisecond: several files of one reply are written
// within the same one. The stamp is made strictly increasing within the process (a file written in
// the same or an earlier millisecond than the previous one takes the previous stamp + 1 ms).
let lastStamp = 0;
function monotonic(at: Date): Date {
  lastStamp = Math.max(at.getTime(), lastStamp + 1);
  return new Date(lastStamp);
}

const stamp = (at: Date): string => {
  const iso = at.toISOString(); // 2026-11-24T09:00:00.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}-${iso.slice(20, 23)}`;
};

/**
 * Creates the folder closed to others, or checks an existing one: it must be a folder of this
 * user (not one someone else made in a shared temp folder), and loses any access for others.
 */
async function prepareFolder(folder: string): Promise<void> {
  await mkdir(folder, { recursive: true, mode: FOLDER_MODE });
  const info = await stat(folder);
  if (!info.isDirectory()) throw new Error(`${folder} is not a folder`);
  const uid = process.getuid?.();
  if (uid !== undefined && info.uid !== uid) throw new Error(`${folder} belongs to another user`);
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) await chmod(folder, FOLDER_MODE);
}

export interface SaveAttachmentsOptions {
  /** Files to keep in the folder; default 50. */
  keep?: number;
  /** Time used in the names (the real clock by default, so names sort by creation). */
  now?: () => Date;
  /** Called when one chart or file cannot be written; the others are still saved. */
  onError?: (error: unknown, block: AttachmentBlock) => void;
}

/** Writes each chart and file to `dir` and returns the absolute path of each one written. */
export async function saveAttachments(attachments: AttachmentBlock[], dir: string, options: SaveAttachmentsOptions = {}): Promise<Map<AttachmentBlock, string>> {
  const paths = new Map<AttachmentBlock, string>();
  if (attachments.length === 0) return paths;
  const folder = path.resolve(dir);
  try {
    await prepareFolder(folder);
  } catch (error) {
    for (const block of attachments) options.onError?.(error, block);
    return paths;
  }
  for (const block of attachments) {
    const prefix = stamp(monotonic((options.now ?? (() => new Date()))()));
    // `wx` never overwrites (nor follows a planted link): two files in the same millisecond get -2, -3… appended.
    for (let copy = 1; ; copy++) {
      const file = path.join(folder, `${prefix}-${consoleFileName(block, copy)}`);
      try {
        await writeFile(file, attachmentBytes(block), { flag: 'wx', mode: FILE_MODE });
        paths.set(block, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST' && copy < 100) continue;
        options.onError?.(error, block);
        break;
      }
    }
  }
  await pruneFiles(folder, options.keep ?? KEEP_FILES);
  return paths;
}

/** Deletes all but the newest `keep` files this module wrote in the folder (names sort by time). */
export async function pruneFiles(dir: string, keep: number = KEEP_FILES): Promise<void> {
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
