import { randomInt } from 'node:crypto';

/**
 * The local calendar day (YYYYMMDD) of an instant, for a fixed UTC offset: ticket numbers
 * follow the service desk's day, not the server's time zone.
 */
export function localDayKey(at: Date, tzOffsetMinutes: number): string {
  const local = new Date(at.getTime() + tzOffsetMinutes * 60_000);
  return local.toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * A new ticket number, T20261123-482913: the local day plus six random digits, so numbers
 * cannot be guessed from one another (a customer still needs the phone's last four digits).
 * The store retries on the rare collision.
 */
export function newTicketNumber(dayKey: string, random: (min: number, max: number) => number = randomInt): string {
  return `T${dayKey}-${random(100_000, 1_000_000)}`;
}

/** The last four digits of a phone number, or null when it has fewer than four digits. */
export function phoneLast4(phone: string | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
