// Elliptic follow-ups: « et le mois dernier ? », "and for Léa?", "same for the team" take the
// last question asked in the thread or DM and change only what the new words say.
import type { FoldedText } from './folded-text.ts';
import { findPeriod } from './slot-readers.ts';
import type { Frame, Slot } from './understanding.types.ts';

const ELLIPTIC = /^\W*(?:et|and|ou|or|what about|how about|same(?: thing)?|pareil|idem|meme chose|la meme chose|meme question|et pour|and for|et sur|et chez|et si|now for|maintenant pour|puis)\b/;

/** The argument that says whose figures a read is about. */
const WHO_ARG: Record<string, string> = { kpi: 'scope', pipeline: 'scope', 'deal list': 'who' };

export function followUpFrame(folded: FoldedText, previous: Frame, whoSlot: (kind: 'member') => Slot | undefined): Frame | undefined {
  const text = folded.text;
  const short = text.split(' ').length <= 6;
  if (!ELLIPTIC.test(text) && !short) return undefined;
  const slots: Record<string, Slot> = { ...previous.slots };
  let changed = false;
  const period = findPeriod(folded);
  if (period && 'period' in slotsOf(previous)) {
    slots['period'] = { type: 'period', value: period.value };
    changed = true;
  }
  const whoArg = WHO_ARG[previous.path.join(' ')];
  const who = whoSlot('member');
  if (who && whoArg) {
    slots[whoArg] = who;
    changed = true;
  } else if (whoArg && /\b(?:moi|me|mine|myself|mes chiffres|my numbers)\b/.test(text)) {
    delete slots[whoArg];
    changed = true;
  }
  // Without an elliptic word, only a sentence made of nothing but a period or a scope follows up.
  if (!changed) return undefined;
  if (!ELLIPTIC.test(text) && text.replace(/\b(?:le|la|les|l'|the|for|pour|de|du|sur|on|in|en)\b/g, '').split(' ').filter(Boolean).length > 3) return undefined;
  return { path: previous.path, slots };
}

/** The arguments a frame's command takes a period in (kpi, pipeline, objectives). */
function slotsOf(previous: Frame): Record<string, true> {
  const withPeriod = ['kpi', 'pipeline', 'objective list'];
  return withPeriod.includes(previous.path.join(' ')) ? { period: true } : {};
}
