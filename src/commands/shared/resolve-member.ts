// Finds a workspace member from a mention (`<@U123>`, `<@!123>`), `@name`, a display name or `me`/`moi`.
import { and, eq } from 'drizzle-orm';
import type { CommandContext, MemberRow } from '../../core/context.ts';
import { UserError } from '../../core/errors.ts';
import { normalizeKey } from '../../core/parse/tokenize.parser.ts';
import { members } from '../../db/schema.ts';

const SELF = new Set(['me', 'moi', 'mine', 'mes', 'miennes']);

export async function resolveMember(ctx: CommandContext<unknown>, raw: string): Promise<MemberRow> {
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
  if (byName.length === 1) return byName[0]!;
  throw new UserError('member_unknown', { name: text });
}

export async function getMember(ctx: CommandContext<unknown>, id: number): Promise<MemberRow | undefined> {
  const [row] = await ctx.tx.select().from(members).where(and(eq(members.workspaceId, ctx.workspace.id), eq(members.id, id)));
  return row;
}
