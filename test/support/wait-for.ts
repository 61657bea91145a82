/**
 * Polls `probe` every `intervalMs` until `done` accepts its value, and answers that value; after `ms`, fails with
 * the last value seen, so a timeout says what the test was still waiting for.
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await probe();
  }
  return last;
}
