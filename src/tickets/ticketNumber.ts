/**
 * The local calendar day (YYYYMMDD) of an instant, for a fixed UTC offset: ticket numbers
 * follow the service desk's day, not the server's time zone.
 */
export function localDayKey(at: Date, tzOffsetMinutes: number): string {
  const local = new Date(at.getTime() + tzOffsetMinutes * 60_000);
  return local.toISOString().slice(0, 10).replaceAll('-', '');
}

/** T20261123-0007: day key plus the per-day sequence, at least four digits. */
export function formatTicketNumber(dayKey: string, sequence: number): string {
  return `T${dayKey}-${String(sequence).padStart(4, '0')}`;
}

/** The last four digits of a phone number, or null when it has fewer than four digits. */
export function phoneLast4(phone: string | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
