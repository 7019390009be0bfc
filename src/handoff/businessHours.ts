import { z } from 'zod';
import { notParsed, parsed, type ParseResult } from '../errors.js';

export interface BusinessHours {
  /** Minutes after local midnight. */
  open: number;
  close: number;
  tzOffsetMinutes: number;
  /** The configured text, e.g. "09:00-18:00", for customers. */
  label: string;
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** Parses AGENT_HOURS ("HH:MM-HH:MM", local time). */
export function parseBusinessHours(text: string, tzOffsetMinutes: number): ParseResult<BusinessHours> {
  const [from, to] = text.split('-');
  if (!hhmm.safeParse(from).success || !hhmm.safeParse(to).success || !from || !to)
    return notParsed(`AGENT_HOURS should look like 09:00-18:00, got ${text}`);
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return parsed({ open: minutes(from), close: minutes(to), tzOffsetMinutes, label: `${from}–${to}` });
}

function localMinutes(hours: BusinessHours, now: Date): number {
  const local = new Date(now.getTime() + hours.tzOffsetMinutes * 60_000);
  return local.getUTCHours() * 60 + local.getUTCMinutes();
}

/** Whether agents work at this moment (a window past midnight, e.g. 22:00-06:00, works too). */
export function isWithinHours(hours: BusinessHours, now: Date): boolean {
  const m = localMinutes(hours, now);
  return hours.open <= hours.close ? m >= hours.open && m < hours.close : m >= hours.open || m < hours.close;
}

/** The next opening time as local "MM-DD HH:MM" (now, if already open). */
export function nextOpening(hours: BusinessHours, now: Date): string {
  const m = localMinutes(hours, now);
  const wait = isWithinHours(hours, now) ? 0 : (hours.open - m + 24 * 60) % (24 * 60);
  const at = new Date(now.getTime() + (wait + hours.tzOffsetMinutes) * 60_000);
  at.setUTCSeconds(0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getUTCMonth() + 1)}月${pad(at.getUTCDate())}日 ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}
