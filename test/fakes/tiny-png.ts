// A small valid PNG (1×1 pixel) standing in for a chart, and a reply carrying it.
import type { Reply } from '../../src/core/types.ts';

export const TINY_PNG: Uint8Array = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);

/** The PNG signature every chart starts with. */
export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A reply like /pipeline's: a line of text and one chart. */
export function chartReply(visibility: Reply['visibility'], png: Uint8Array = TINY_PNG): Reply {
  return {
    visibility,
    lang: 'fr',
    blocks: [
      { type: 'text', text: 'Pipeline — équipe Ouest' },
      { type: 'image', png, fileName: 'pipeline-by-stage.png', title: 'Pipeline par étape', alt: 'Barres : 4 affaires en Lead, 2 en Proposition' },
    ],
  };
}
