// Raw interaction payloads (the Interactions Endpoint URL, a replayed inbox row) → the facts the
// shared mapping reads (discord-interaction-events.ts), and from them core events: the same
// events the gateway builds from discord.js objects. The payload has been checked with
// interactionSchema (discord-payloads.ts) first.
import type { AutocompleteEvent, IncomingEvent } from '../../src/core/types.ts';
import { autocompleteOfFacts, eventOfFacts, targetMessageOfRaw, type InteractionFacts, type OptionData } from './discord-interaction-events.ts';
import type { CheckedInteractionPayload } from './discord-payloads.ts';

type Raw = Record<string, any>;

/** What the shared mapping reads of a checked interaction payload. */
export function factsOfPayload(payload: CheckedInteractionPayload): InteractionFacts {
  const p = payload as Raw;
  // In a server the person is `member.user`; in a DM, `user`.
  const user = (p['member']?.user ?? p['user']) as Raw;
  const channel = p['channel'] as Raw | undefined;
  const data = (p['data'] ?? {}) as Raw;
  const facts: InteractionFacts = {
    id: p['id'],
    type: p['type'],
    guildId: p['guild_id'] ?? undefined,
    channelId: p['channel_id'] ?? channel?.['id'] ?? undefined,
    channelType: typeof channel?.['type'] === 'number' ? channel['type'] : undefined,
    channelName: typeof channel?.['name'] === 'string' && channel['name'] ? channel['name'] : undefined,
    context: p['context'],
    user: { id: user['id'], username: user['username'], globalName: user['global_name'] },
    memberName: p['member'] ? (p['member'].nick ?? undefined) : undefined,
    locale: p['locale'] ?? undefined,
  };
  if (p['type'] === 2 || p['type'] === 4) {
    const targetId = typeof data['target_id'] === 'string' ? data['target_id'] : undefined;
    facts.command = {
      name: data['name'],
      kind: data['type'],
      options: (data['options'] ?? []) as OptionData[],
      ...(targetId ? { targetId } : {}),
      ...(data['type'] === 3 && targetId ? { targetMessage: targetMessageOfRaw(data['resolved']?.messages?.[targetId]) } : {}),
    };
  }
  if (p['type'] === 3) facts.component = { customId: data['custom_id'], componentType: data['component_type'], values: data['values'] ?? [] };
  if (p['type'] === 5) facts.modal = { customId: data['custom_id'], values: modalValues(data['components'] ?? []) };
  return facts;
}

/** Non-empty text input values by custom_id, from action rows (type 1) or labels (type 18). */
function modalValues(components: Raw[]): Record<string, string> {
  const values: Record<string, string> = {};
  const inputs = components.flatMap((row) => (row['type'] === 18 ? [row['component']] : (row['components'] ?? [])) as Raw[]);
  for (const input of inputs) {
    if (typeof input?.['value'] === 'string' && input['value'].trim()) values[input['custom_id']] = input['value'];
  }
  return values;
}

/** The core event of a checked payload, or undefined for kinds Relance does not use. */
export const eventOfPayload = (payload: CheckedInteractionPayload): IncomingEvent | undefined => eventOfFacts(factsOfPayload(payload));

/** The autocomplete event of a checked payload of type 4. */
export const autocompleteOfPayload = (payload: CheckedInteractionPayload): AutocompleteEvent => autocompleteOfFacts(factsOfPayload(payload));
