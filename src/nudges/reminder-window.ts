// When a member may be reminded: on a working day of the workspace, from the reminder time to
// the end of working hours, in the member's own time zone. Outside that, the reason why not.
import { localClock, localInstant } from '../kpi/period.ts';
import { minutesOf, type NudgeSettings } from './nudge-settings.ts';

export type ReminderWindow =
  | { open: true; window: string; notAfter: Date }
  | { open: false; reason: 'not_a_work_day' | 'too_early' | 'after_hours'; window: string };

export function reminderWindow(settings: NudgeSettings, timeZone: string, now: Date): ReminderWindow {
  const clock = localClock(now, timeZone);
  if (!settings.workDays.includes(clock.weekday)) return { open: false, reason: 'not_a_work_day', window: clock.date };
  const from = Math.max(minutesOf(settings.sendAt), minutesOf(settings.workStart));
  if (clock.minutes < from) return { open: false, reason: 'too_early', window: clock.date };
  if (clock.minutes >= minutesOf(settings.workEnd)) return { open: false, reason: 'after_hours', window: clock.date };
  return { open: true, window: clock.date, notAfter: localInstant(clock.date, settings.workEnd, timeZone) };
}
