// Every five minutes: plan the reminders whose local morning has come and the digests whose
// slot has come, then send what the outbox holds. Each step is safe to run on every replica.
import { deliverOutbox } from '../nudges/delivery.service.ts';
import { planDigests } from '../nudges/digest.service.ts';
import { planNudges } from '../nudges/nudge-planner.service.ts';
import type { Job } from './job.ts';

export const nudgesJob: Job = {
  name: 'nudges',
  cron: '0 */5 * * * *',
  distributed: true,
  run: async (ctx) => {
    const planned = await planNudges(ctx.db, ctx.now);
    const digests = await planDigests(ctx.db, ctx.now);
    const delivered = await deliverOutbox(ctx.db, { now: ctx.now, worker: ctx.worker, send: ctx.send, logger: ctx.logger });
    if (planned.messages + digests + delivered.sent + delivered.failed > 0) ctx.logger.info({ planned, digests, delivered }, 'nudges run');
  },
};
