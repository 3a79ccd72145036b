// A test's workspace as the database has it, found the way the bot finds it: by platform and the
// platform's own id. A chat-harness session is its `ref` (console, `session.workspace`); a Slack
// team or a Discord guild is `{ platform: 'slack', workspaceId: team }`.
import { and, eq } from 'drizzle-orm';
import type { WorkspaceRow } from '../../src/core/context.ts';
import type { ConversationRef } from '../../src/core/types.ts';
import type { DatabaseHandle } from '../../src/db/client.ts';
import { workspaces } from '../../src/db/schema.ts';

/** Where a workspace lives: a platform and that platform's id for it (team, guild, console name). */
export type WorkspacePlace = Pick<ConversationRef, 'platform' | 'workspaceId'>;

/** The workspace row of a session (anything with a `ref`, such as a chat-harness session) or of a place. */
export async function workspaceOf(database: DatabaseHandle, of: { ref: WorkspacePlace } | WorkspacePlace): Promise<WorkspaceRow> {
  const { platform, workspaceId } = 'ref' in of ? of.ref : of;
  const [row] = await database.db.select().from(workspaces).where(and(eq(workspaces.platform, platform), eq(workspaces.externalId, workspaceId)));
  if (!row) throw new Error(`no ${platform} workspace "${workspaceId}" in the database`);
  return row;
}

/** The database id of that workspace. */
export async function workspaceIdOf(database: DatabaseHandle, of: { ref: WorkspacePlace } | WorkspacePlace): Promise<number> {
  return (await workspaceOf(database, of)).id;
}
