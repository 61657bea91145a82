/** RFC 7240 `Prefer` request header and its `Preference-Applied` answer. */
export const PREFER_HEADER = 'Prefer';
export const PREFERENCE_APPLIED_HEADER = 'Preference-Applied';
export const RESPOND_ASYNC = 'respond-async';

/**
 * Whether the request asked for `respond-async` (RFC 7240 §4.1). The header is a comma-separated list of
 * preferences, each `token [= value] *(; parameter)`, possibly repeated; names are case-insensitive. Anything else
 * in it is ignored, as the RFC asks of preferences a server does not support.
 */
export function prefersRespondAsync(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  if (header === RESPOND_ASYNC) return true; // what clients send: no parsing on the hot path
  return [header]
    .flat()
    .flatMap((value) => value.split(','))
    .some((preference) => {
      const name = preference.split(/[;=]/, 1)[0]!.trim().toLowerCase();
      return name === RESPOND_ASYNC;
    });
}
