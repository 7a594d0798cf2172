export interface ParsedDate {
  /** `YYYY-MM-DD` when the text names a real calendar date, else null. */
  value: string | null;
  /** Written exactly as `YYYY-MM-DD`. */
  wellFormed: boolean;
  /** Year, month and day could be read (even if the day does not exist). */
  readable: boolean;
  /** False for a month and day without a year (`9月9日`). */
  hasYear: boolean;
}

/** How dates may be written in a list (`rules.date-format.style`). */
export const DATE_STYLES = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYY.MM.DD', 'YYYY年MM月DD日', 'YYYY年M月D日'] as const;
export type DateStyle = (typeof DATE_STYLES)[number];
export const DEFAULT_DATE_STYLE: DateStyle = 'YYYY-MM-DD';

/**
 * A date as people write it, year first: `2023-1-5`, `2023/01/05`,
 * `2023.1.5`, `2023年1月5日` (spaces allowed between the parts), or a month
 * and day without a year, `1月5日`. Used unanchored to find a date in a line.
 */
export const DATE_PATTERN = String.raw`(?<!\d)(?:\d{4}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{1,2}\s*月\s*\d{1,2}\s*日)`;

const YEAR_FIRST = /^(\d{4})\s*(?:[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})|年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日)$/;
const MONTH_DAY = /^\d{1,2}\s*月\s*\d{1,2}\s*日$/;

/** Read a date written in any of the ways `DATE_PATTERN` finds. */
export function parseDate(raw: string): ParsedDate {
  const text = raw.trim();
  const wellFormed = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const m = YEAR_FIRST.exec(text);
  if (!m) return { value: null, wellFormed: false, readable: false, hasYear: !MONTH_DAY.test(text) };
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  const valid = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
  return { value: valid ? formatDate(y, mo, d) : null, wellFormed, readable: true, hasYear: true };
}

export function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A `YYYY-MM-DD` value written in `style`. */
export function formatDateAs(value: string, style: DateStyle): string {
  const [y, m, d] = value.split('-');
  switch (style) {
    case 'YYYY-MM-DD':
      return value;
    case 'YYYY/MM/DD':
      return `${y}/${m}/${d}`;
    case 'YYYY.MM.DD':
      return `${y}.${m}.${d}`;
    case 'YYYY年MM月DD日':
      return `${y}年${m}月${d}日`;
    case 'YYYY年M月D日':
      return `${y}年${Number(m)}月${Number(d)}日`;
  }
}

export function isDateStyle(value: unknown): value is DateStyle {
  return (DATE_STYLES as readonly unknown[]).includes(value);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Arithmetic, not a Date per entry; years 0–99 count as 1900–1999, as `Date.UTC` (which this replaced) reads them. */
function daysInMonth(y: number, m: number): number {
  const year = y >= 0 && y <= 99 ? 1900 + y : y;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1];
}

/** Whole days between two `YYYY-MM-DD` values, either order; NaN when one is not a date. */
export function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000;
}

/** Today as `YYYY-MM-DD` in UTC. */
export function today(now: Date = new Date()): string {
  return formatDate(now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate());
}
