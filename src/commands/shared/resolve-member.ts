// Finds a workspace member from a mention (`<@U123>`, `<@!123>`), `@name`, a display name or `me`/`moi`.
import { and, eq } from 'drizzle-orm';
import type { CommandContext, MemberRow } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { members } from '../../db/schema.ts';

const SELF = new Set(['me', 'moi', 'mine', 'mes', 'miennes']);

export async function resolveMember(ctx: CommandContext<unknown>, raw: string): Promise<MemberRow> {
  const found = await findMember(ctx, raw);
  if (!found) throw new UserError('member_unknown', { name: raw.trim() });
  return found;
}

/** The member `raw` names, or undefined (for callers that read an unknown word another way). */
export async function findMember(ctx: CommandContext<unknown>, raw: string): Promise<MemberRow | undefined> {
  const text = raw.trim();
  if (SELF.has(normalizeKey(text))) return ctx.member;
  const mention = /^<@!?([\w.-]+)(?:\|[^>]*)?>$/.exec(text);
  const all = await ctx.tx.select().from(members).where(eq(members.workspaceId, ctx.workspace.id));
  if (mention) {
    const found = all.find((m) => m.platformUserId === mention[1]);
    if (found) return found;
  }
  const key = normalizeKey(text.replace(/^@/, ''));
  const byName = all.filter((m) => normalizeKey(m.displayName) === key || normalizeKey(m.platformUserId) === key);
  return byName.length === 1 ? byName[0] : undefined;
}

/** True for a mention or an `@name`: the member means a person, whatever else the word could be. */
export const isMemberReference = (raw: string): boolean => /^(?:<@|@)/.test(raw.trim());

export async function getMember(ctx: CommandContext<unknown>, id: number): Promise<MemberRow | undefined> {
  const [row] = await ctx.tx.select().from(members).where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.id, id)));
  return row;
}
