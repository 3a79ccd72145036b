// The raw bytes of a request, as the signature covers them, up to a limit: a body past it is not
// read any further (nothing Discord sends comes near it).
import type { IncomingMessage } from 'node:http';

/** Interaction payloads are a few kilobytes; a message command's resolved message a few more. */
export const MAX_INTERACTION_BYTES = 1024 * 1024;

export type RawBody = { ok: true; bytes: Buffer } | { ok: false; reason: 'too large' | 'aborted' };

export async function readRawBody(request: IncomingMessage, limit = MAX_INTERACTION_BYTES): Promise<RawBody> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: 'too large' };
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > limit) return { ok: false, reason: 'too large' };
      chunks.push(chunk as Buffer);
    }
  } catch {
    return { ok: false, reason: 'aborted' };
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
