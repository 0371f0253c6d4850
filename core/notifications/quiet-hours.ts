import { DateTime } from "luxon";

/** No SMS from 21:00 until 08:00, desk-local time: a text at night wakes people. */
export const SMS_QUIET_HOURS = { from: 21, until: 8 } as const;

/**
 * When a message that would go out at `now` may be sent: null when now is fine, else 08:00
 * desk-local of the coming morning (the outbox row is held until then, not dropped).
 */
export function quietHoursEnd(now: Date, timeZone: string, quiet: { from: number; until: number } = SMS_QUIET_HOURS): Date | null {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  const inQuiet = quiet.from > quiet.until ? local.hour >= quiet.from || local.hour < quiet.until : local.hour >= quiet.from && local.hour < quiet.until;
  if (!inQuiet) return null;
  const morning = local.hour >= quiet.until && quiet.from > quiet.until ? local.plus({ days: 1 }) : local;
  return morning.set({ hour: quiet.until, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}
