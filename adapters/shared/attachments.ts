// Reply blocks that travel as files rather than as message text: charts (`image`, a PNG) and
// exports (`file`, any bytes with a MIME type). Every adapter delivers both the same way (Slack
// uploads, Discord attachments, console files); this module is what they share: which blocks
// are attachments, their bytes, the line that names them, and the parts of a safe file name.
// Each platform applies its own character rules to those parts.
import type { Block } from '../../src/core/types.ts';

export type ImageBlock = Extract<Block, { type: 'image' }>;
export type FileBlock = Extract<Block, { type: 'file' }>;

/** A block delivered as a file: a chart or an export. */
export type AttachmentBlock = ImageBlock | FileBlock;

export const isAttachment = (block: Block): block is AttachmentBlock => block.type === 'image' || block.type === 'file';

/** The bytes to deliver. */
export const attachmentBytes = (block: AttachmentBlock): Uint8Array => (block.type === 'image' ? block.png : block.bytes);

/** The same bytes as a Buffer (no copy), as the SDKs and `fs` take them. */
export const attachmentBuffer = (block: AttachmentBlock): Buffer => {
  const bytes = attachmentBytes(block);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** What the text calls the attachment: a chart's title (or its alt text), a file's title (or its name without folders). */
export const attachmentTitle = (block: AttachmentBlock): string =>
  block.type === 'image' ? (block.title ?? block.alt) : block.title || (block.fileName.split(/[\\/]/).pop() ?? block.fileName);

/** Extensions of the MIME types exports use; the extension is what platforms type a file by. */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'text/plain': 'txt',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/png': 'png',
};

/** The pieces a platform builds a file name from. */
export interface NameParts {
  /** The name without folders and without the extension below; not yet cleaned of odd characters. */
  base: string;
  /** Lowercase letters and digits without the dot (`png`, `json`, `csv`), or empty for none. */
  extension: string;
  /** Base to use when nothing of `base` survives cleaning. */
  fallback: string;
}

/**
 * Splits an attachment's name for a platform to clean. A chart always ends in `.png`. A file
 * ends in the extension of its MIME type when that type is known (so `x.html` given as CSV
 * stays a CSV: `x.html.csv`), else in its own extension when it has a plain one, else in none.
 */
export function nameParts(block: AttachmentBlock): NameParts {
  const last = block.fileName.split(/[\\/]/).pop() ?? '';
  const own = /\.([A-Za-z0-9]{1,8})$/.exec(last)?.[1]?.toLowerCase();
  const mime = block.type === 'file' ? block.mimeType.split(';')[0]!.trim().toLowerCase() : 'image/png';
  const extension = block.type === 'image' ? 'png' : (EXTENSIONS[mime] ?? own ?? '');
  const base = own && own === extension ? last.slice(0, -(own.length + 1)) : last;
  return { base, extension, fallback: block.type === 'image' ? 'chart' : 'file' };
}

/** `base.extension`, or `base` alone when there is no extension. */
export const joinName = (base: string, extension: string): string => (extension ? `${base}.${extension}` : base);
