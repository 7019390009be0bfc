const DAY_MS = 86_400_000;

/** Calendar days in the service desk's zone (TZ_OFFSET_MINUTES), as the lead reads them. */
export class LocalDays {
  private readonly offsetMs: number;

  constructor(offsetMinutes: number) {
    this.offsetMs = offsetMinutes * 60_000;
  }

  /** The local date (YYYY-MM-DD) of an ISO timestamp. */
  dayOf(iso: string): string {
    return new Date(Date.parse(iso) + this.offsetMs).toISOString().slice(0, 10);
  }

  /** The last `count` local days up to and including today's (the console's default period). */
  lastDays(count: number, now: Date = new Date()): { from: string; to: string } {
    const to = this.dayOf(now.toISOString());
    const from = new Date(Date.parse(`${to}T00:00:00Z`) - (count - 1) * DAY_MS).toISOString().slice(0, 10);
    return { from, to };
  }

  /** The UTC instants [start, end) covering local days from..to inclusive. */
  bounds(from: string, to: string): { start: string; end: string } {
    const start = Date.parse(`${from}T00:00:00Z`) - this.offsetMs;
    const end = Date.parse(`${to}T00:00:00Z`) + DAY_MS - this.offsetMs;
    return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
  }

  /** Every date from..to inclusive. */
  static list(from: string, to: string): string[] {
    const days: string[] = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS)
      days.push(new Date(t).toISOString().slice(0, 10));
    return days;
  }
}

/** The values most often seen, with their counts, most frequent first (ties by value). */
export function topCounts(values: Iterable<string>, limit: number): Array<{ value: string; count: number }> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, limit);
}

/** The median of the numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
