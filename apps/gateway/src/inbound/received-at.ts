/** `2022/08/29 21:54:18`: WaMessenger's date format. */
const SLASH_TIME = /^(\d{4})\/(\d{2})\/(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;

function slashTime(value: string): Date | undefined {
  const match = SLASH_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC rolls 2022/13/45 over into another date; a real time reads back the same.
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return same ? date : undefined;
}

/**
 * When the customer sent a message, from the provider's own time when it gives a usable one, else `now`.
 * WaMessenger's `2022/08/29 21:54:18` carries no zone (undocumented); it is read as UTC, as the simulator writes it.
 * ISO 8601 values are taken as they are.
 */
export function receivedAtOf(value: string | undefined, now: Date = new Date()): Date {
  if (!value) return now;
  const text = value.trim();
  const parsed = /^\d{4}-\d{2}-\d{2}T/.test(text) ? new Date(text) : slashTime(text);
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : now;
}
