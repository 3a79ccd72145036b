// A small JSON export standing in for a person's data, and a reply carrying it (as the export
// commands will send it): a line of text and one `file` block.
import type { Reply } from '../../src/core/types.ts';

export const EXPORT_JSON: Uint8Array = new Uint8Array(
  Buffer.from(JSON.stringify({ person: { name: 'Camille Martin', email: 'camille.martin@example.fr' }, activities: [{ type: 'call', at: '2026-11-20T10:00:00Z' }] }, null, 2)),
);

/** A CSV export, for replies with several files. */
export const EXPORT_CSV: Uint8Array = new Uint8Array(Buffer.from('deal,stage,amount\nAcme renewal,proposal,5000\n'));

/** The file block of the JSON export (the name carries accents and spaces, as a person's name would). */
export const exportBlock = (bytes: Uint8Array = EXPORT_JSON) =>
  ({ type: 'file', bytes, fileName: 'export Camille Martin.json', mimeType: 'application/json', title: 'Données de Camille Martin' }) as const;

/** A reply like an export's: a line of text and one file. */
export function exportReply(visibility: Reply['visibility'], bytes: Uint8Array = EXPORT_JSON): Reply {
  return { visibility, lang: 'fr', blocks: [{ type: 'text', text: 'Export prêt' }, exportBlock(bytes)] };
}
