// The two context-menu commands Relance adds on Discord (right click › Apps): on a message, log it
// as an activity; on a member, list their deals. Discord sends the base (English) name whatever
// the member's language, so the name is what an interaction is recognised by; the French name is
// its localisation. Context-menu names, unlike slash commands, may hold spaces and capitals
// (1–32 characters) and have no description.
import { ApplicationCommandType } from 'discord.js';

export interface ContextMenu {
  type: ApplicationCommandType.User | ApplicationCommandType.Message;
  name: string;
  fr: string;
}

/** A message › Apps › « Journaliser dans Relance »: the message becomes a capture (a prefilled form). */
export const LOG_MESSAGE: ContextMenu = { type: ApplicationCommandType.Message, name: 'Log in Relance', fr: 'Journaliser dans Relance' };

/** A member › Apps › « Affaires de ce membre »: `/deal list @member` (the core refuses it to reps). */
export const MEMBER_DEALS: ContextMenu = { type: ApplicationCommandType.User, name: 'Deals of this member', fr: 'Affaires de ce membre' };

export const CONTEXT_MENUS: readonly ContextMenu[] = [LOG_MESSAGE, MEMBER_DEALS];

/** The registration payload of the context menus (after the slash commands in commands.json). */
export function contextMenuCommands(): Array<Record<string, unknown>> {
  return CONTEXT_MENUS.map((menu) => ({ type: menu.type, name: menu.name, name_localizations: { fr: menu.fr } }));
}
