// Whose figures, which period and which stage a read is about — shared by the KPI, pipeline
// and list rules, and by the follow-up (« et pour Léa ? ») that changes only the member.
import * as lexicon from './intent-lexicon.ts';
import { resolveNamed } from './record-resolver.ts';
import { findPeriod, findScopeWord } from './slot-readers.ts';
import type { Slot } from './understanding.types.ts';
import type { Reading } from './reading.types.ts';

export function periodSlot(reading: Reading): Record<string, Slot> {
  const period = findPeriod(reading.folded);
  return period ? { period: { type: 'period', value: period.value } } : {};
}

/** A member named in the sentence (not the speaker), or « équipe »/"everyone". */
export function memberSlot(reading: Reading, _kind: 'member'): Slot | undefined {
  const member = resolveNamed(reading.input.vocabulary, reading.mentions.filter((mention) => !(mention.kind === 'member' && mention.id === reading.input.speakerId)), 'member');
  if (member.kind === 'one') return { type: 'name', name: member.record.name };
  const scope = findScopeWord(reading.folded);
  return scope ? { type: 'scope', value: scope } : undefined;
}

export function scopeSlot(reading: Reading, arg: string): Record<string, Slot> {
  const slot = memberSlot(reading, 'member');
  if (slot) return { [arg]: slot };
  // "our win rate", « notre taux de gain »: the team's figure, not the speaker's.
  if (arg === 'scope' && /\b(?:notre|nos|our|we|we've|ours)\b/.test(reading.folded.text)) return { [arg]: { type: 'scope', value: 'team' } };
  return {};
}

/** « en négo », "in proposal": a stage a list or the pipeline is narrowed to. */
export function stageFilter(reading: Reading): Record<string, Slot> {
  for (const [pattern, key] of lexicon.STAGES) {
    const match = pattern.exec(reading.folded.text);
    if (match && /\b(?:en|in|at|au stade|a l'etape|stage|etape)\s+(?:la |le |l')?$/.test(reading.folded.text.slice(Math.max(0, match.index - 16), match.index))) return { stage: { type: 'stage', key } };
  }
  return {};
}
