// How a rule answers: a command understood, a refusal, or a command about one deal, which is
// where an unknown or closed deal turns a write into a refusal rather than a guess.
import type { Resolved } from './record-resolver.ts';
import type { Refusal, Slot, Understanding } from './understanding.types.ts';

export const refuse = (refusal: Refusal, closest: string[][]): Understanding => ({ frame: null, confidence: 0, refusal, closest });
export const understood = (path: string[], slots: Record<string, Slot>, confidence: number): Understanding => ({ frame: { path, slots }, confidence, closest: [] });

/** A write or read about one deal: the deal found, asked among equals, or none (then refused). */
export function withDeal(path: string[], deal: Resolved, slots: Record<string, Slot>, confidence: number, write: boolean): Understanding | undefined {
  switch (deal.kind) {
    case 'one':
      return understood(path, { deal: { type: 'deal', id: deal.record.id, name: deal.record.name }, ...slots }, confidence);
    case 'many':
      return { ...understood(path, slots, confidence - 0.1), ambiguous: { arg: 'deal', candidates: deal.candidates } };
    case 'closed':
      return write ? { ...refuse('closed', [['deal', 'show']]), subject: deal.record } : understood(path, { deal: { type: 'deal', id: deal.record.id, name: deal.record.name }, ...slots }, confidence);
    case 'none':
      // « passe le deal en gagné » with no deal: never a write on a guess.
      return write ? refuse('no_record', [path, ['deal', 'list']]) : undefined;
  }
}
