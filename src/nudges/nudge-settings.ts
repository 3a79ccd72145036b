// Workspace rules for reminders and the manager digest, stored in `workspaces.settings.nudges`
// and read through zod so a half-written or old settings object falls back to defaults.
import { z } from 'zod';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

const refSchema = z.object({
  platform: z.enum(['slack', 'discord', 'console']),
  workspaceId: z.string(),
  channelId: z.string(),
  threadId: z.string().optional(),
  userId: z.string(),
  isDM: z.boolean(),
});

export const nudgeSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  /** Days without activity after which an open deal is stale; per-stage overrides below. */
  staleDays: z.number().int().min(1).max(365).default(14),
  staleDaysByStage: z.record(z.string(), z.number().int().min(1).max(365)).default({}),
  /** ISO weekdays (1 = Monday) the team works. */
  workDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
  workStart: hhmm.default('09:00'),
  workEnd: hhmm.default('18:00'),
  /** Local time of the morning reminder (inside working hours). */
  sendAt: hhmm.default('09:00'),
  digest: z
    .object({
      ref: refSchema.nullable().default(null),
      every: z.enum(['week', 'day']).default('week'),
      weekday: z.number().int().min(1).max(7).default(1),
      at: hhmm.default('09:00'),
    })
    .default({ ref: null, every: 'week', weekday: 1, at: '09:00' }),
});

export type NudgeSettings = z.infer<typeof nudgeSettingsSchema>;

export const DEFAULT_NUDGE_SETTINGS: NudgeSettings = nudgeSettingsSchema.parse({});

export function nudgeSettings(settings: Record<string, unknown>): NudgeSettings {
  const parsed = nudgeSettingsSchema.safeParse(settings['nudges'] ?? {});
  return parsed.success ? parsed.data : DEFAULT_NUDGE_SETTINGS;
}

export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
