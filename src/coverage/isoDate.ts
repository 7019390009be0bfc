/**
 * Calendar arithmetic on YYYY-MM-DD strings in UTC, so no time zone can shift a day.
 * Periods follow the PRC Civil Code (arts. 201-203): a period counted in months or years
 * from a day ends on the corresponding day of the final month, or that month's last day
 * when it has no such day; "以内/不超过" include the end.
 */
const DAY_MS = 86_400_000;

function toUtc(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

function fromUtc(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Adds (or with a negative count subtracts) whole days. */
export function addDays(iso: string, days: number): string {
  return fromUtc(new Date(toUtc(iso).getTime() + days * DAY_MS));
}

/** Adds calendar months, clamping to the month's last day (2024-08-31 + 3 → 2024-11-30). */
export function addMonths(iso: string, months: number): string {
  const d = toUtc(iso);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay))));
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/** True when a and b are more than `months` calendar months apart, in either order. */
export function moreThanMonthsApart(a: string, b: string, months: number): boolean {
  const [early, late] = a <= b ? [a, b] : [b, a];
  return late > addMonths(early, months);
}

/** The later of two dates. */
export function maxDate(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Today's date as YYYY-MM-DD for a time-zone offset in minutes (480 = China). */
export function todayIso(offsetMinutes: number, now: Date = new Date()): string {
  return fromUtc(new Date(now.getTime() + offsetMinutes * 60_000));
}
