export interface ParsedDate {
  /** `YYYY-MM-DD` when the text names a real calendar date, else null. */
  value: string | null;
  /** Written exactly as `YYYY-MM-DD`. */
  wellFormed: boolean;
  /** Year, month and day could be read (even if the day does not exist). */
  readable: boolean;
}

/** Read `2023-01-05`, `2023-1-5`, `2023/01/05`, `2023.01.05`. */
export function parseDate(raw: string): ParsedDate {
  const wellFormed = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(raw.trim());
  if (!m) return { value: null, wellFormed: false, readable: false };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
  return { value: valid ? formatDate(y, mo, d) : null, wellFormed, readable: true };
}

export function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Today as `YYYY-MM-DD` in UTC. */
export function today(now: Date = new Date()): string {
  return formatDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}
