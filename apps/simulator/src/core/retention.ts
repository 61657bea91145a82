/**
 * Per-account caps (`SIMULATOR_MAX_MESSAGES_PER_ACCOUNT`): a simulator left running for days must not grow without
 * bound. Past the cap, one pass evicts down to the cap less a little headroom (so the pass runs once per that many
 * inserts, not on every one): the oldest final records first, then, if still over, the oldest of any kind. An
 * evicted record is simply gone: the provider answers for its id as for an id it never issued.
 */

/** Records freed below the cap by one pass: a sixteenth of it, at most 1,024. */
export function headroom(max: number): number {
  return Math.min(1_024, Math.floor(max / 16));
}

/** Trims a Map kept in insertion (= creation) order. `max` 0 means unlimited. */
export function trimMap<K, V>(
  map: Map<K, V>,
  max: number,
  isFinal: (value: V) => boolean,
  onEvict?: (value: V, key: K) => void,
): void {
  if (max <= 0 || map.size <= max) return;
  let excess = map.size - (max - headroom(max));
  for (const pass of [isFinal, () => true]) {
    for (const [key, value] of map) {
      if (excess === 0) return;
      if (!pass(value)) continue;
      map.delete(key);
      onEvict?.(value, key);
      excess--;
    }
  }
}

/** Trims an array kept oldest first, in place. `max` 0 means unlimited. */
export function trimArray<T>(
  list: T[],
  max: number,
  isFinal: (value: T) => boolean,
  onEvict?: (value: T) => void,
): void {
  if (max <= 0 || list.length <= max) return;
  let excess = list.length - (max - headroom(max));
  for (const pass of [isFinal, () => true]) {
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const value = list[i]!;
      if (excess > 0 && pass(value)) {
        onEvict?.(value);
        excess--;
      } else list[kept++] = value;
    }
    list.length = kept;
    if (excess === 0) return;
  }
}
