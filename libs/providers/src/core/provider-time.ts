/**
 * Reads a provider's timestamp: ISO 8601 (`2025-01-15T10:30:00.000000Z`, Wessaal) or the space/slash forms
 * (`2022-08-29 21:52:05`, `2022/08/29 21:54:18`, WaMessenger). A time without a zone is read as UTC only where the
 * provider docs README settles it so (`zoneless: 'utc'`); otherwise it is ambiguous and reads as undefined, as does
 * anything unreadable: a lookup must then say "cannot tell" rather than guess.
 */
const TIMESTAMP =
  /^(\d{4})[-/](\d{2})[-/](\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export type ZonelessTime = 'utc' | 'ambiguous';

export function parseProviderTime(
  value: string | null | undefined,
  zoneless: ZonelessTime,
): Date | undefined {
  const match = value === null || value === undefined ? null : TIMESTAMP.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone] = match;
  if (!zone && zoneless === 'ambiguous') return undefined;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const at = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}${offset}`);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
