// Weekly on Monday morning: per workspace, the contacts past the retention period are erased
// (when the workspace turned that on) or listed to the admins; every run is audited.
import { and, eq } from 'drizzle-orm';
import { pickLang, t } from '../core/i18n/i18n.ts';
import { members, workspaces } from '../db/schema.ts';
import { directRef } from '../nudges/nudge-planner.service.ts';
import { recordAudit } from '../services/audit.service.ts';
import { eraseContact } from '../services/erasure.service.ts';
import { expiredContacts, retentionSettings } from '../services/retention.service.ts';
import type { Job, JobContext } from './job.ts';

const SHOWN = 20;

export async function applyRetention(ctx: JobContext, only?: { workspaceId: number }): Promise<number> {
  const list = await ctx.db.select().from(workspaces).where(only ? eq(workspaces.id, only.workspaceId) : undefined);
  let handled = 0;
  for (const ws of list) {
    const settings = retentionSettings(ws.settings);
    const expired = await expiredContacts(ctx.db, ws.id, settings.years, ctx.now);
    if (expired.length === 0) continue;
    handled += expired.length;
    if (settings.erase) {
      for (const person of expired) {
        await ctx.db.transaction(async (tx) => {
          await eraseContact(tx, ws.id, person.id, ctx.now);
          await recordAudit(tx, { workspaceId: ws.id, memberId: null, actor: 'system:retention', action: 'retention.erase', targetType: 'contact', targetId: person.id, outcome: 'ok', details: { years: settings.years }, at: ctx.now });
        });
      }
    } else {
      await recordAudit(ctx.db, { workspaceId: ws.id, memberId: null, actor: 'system:retention', action: 'retention.list', outcome: 'ok', details: { contacts: expired.length, years: settings.years }, at: ctx.now });
    }
    const admins = await ctx.db.select().from(members).where(and(eq(members.workspaceId, ws.id), eq(members.role, 'admin')));
    for (const admin of admins) {
      const lang = pickLang(admin.language, admin.locale ?? undefined, ws.defaultLanguage);
      const names = expired.slice(0, SHOWN).map((p) => `#${p.id} ${settings.erase ? '' : p.name}`.trim());
      const more = expired.length > SHOWN ? [t(lang, 'retention.more', { count: expired.length - SHOWN })] : [];
      try {
        await ctx.send(directRef(ws.platform, ws.externalId, admin.platformUserId), {
          visibility: 'private',
          lang,
          blocks: [
            { type: 'section', title: t(lang, settings.erase ? 'retention.erased_title' : 'retention.listed_title', { count: expired.length, years: settings.years }) },
            { type: 'list', items: [...names, ...more] },
            { type: 'text', text: t(lang, settings.erase ? 'retention.erased_footer' : 'retention.listed_footer') },
          ],
        });
      } catch (error) {
        ctx.logger.warn({ err: error, workspace: ws.id }, 'retention notice could not be sent');
      }
    }
  }
  return handled;
}

export const retentionJob: Job = {
  name: 'retention',
  cron: '0 30 6 * * 1',
  distributed: true,
  run: async (ctx) => {
    await applyRetention(ctx);
  },
};
