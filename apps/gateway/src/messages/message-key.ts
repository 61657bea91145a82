import { v7 } from 'uuid';

/**
 * A message's key in the partitioned `messages` table (issue #15): its id and its created_at, the partition key.
 * New ids are UUIDv7, whose first 48 bits are the Unix time in milliseconds, and a message's created_at is exactly
 * that instant, so a statement that knows only the id can still name the one partition holding the row
 * (`created_at = <time of id>`) and probe the (id, created_at) primary key there. Ids from before partitioning are
 * random (v4): they carry no time, and their statements probe every partition's primary key instead.
 */
const TIME_ORDERED = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A new message id: UUIDv7 (time-ordered, monotonic within this process). */
export function newMessageId(): string {
  return v7();
}

export function isTimeOrderedId(id: string): boolean {
  return TIME_ORDERED.test(id);
}

/** The created_at of a message with a time-ordered id: the id's millisecond timestamp. */
export function createdAtOfId(id: string): Date {
  if (!isTimeOrderedId(id)) throw new Error(`not a time-ordered message id: ${id}`);
  return new Date(parseInt(id.slice(0, 8) + id.slice(9, 13), 16));
}

/** The id's time, or null for an id from before partitioning (v4). */
export function timeOfId(id: string): Date | null {
  return isTimeOrderedId(id) ? createdAtOfId(id) : null;
}

/**
 * The created_at range rows with these ids can have, as two statement parameters for
 * `created_at BETWEEN $lo AND $hi`: one fixed SQL text for prepared statements, which PostgreSQL prunes to the
 * partitions of the range (at plan time, or at run time for a generic plan). An old id among them, or none at all,
 * widens it to every partition.
 */
export function createdAtBounds(ids: readonly string[]): [Date | string, Date | string] {
  const times = ids.map(timeOfId);
  if (times.length === 0 || times.some((t) => t === null)) return ['-infinity', 'infinity'];
  const ms = (times as Date[]).map((t) => t.getTime());
  return [new Date(Math.min(...ms)), new Date(Math.max(...ms))];
}

/** A TypeORM `where` for one message by id: with its created_at when the id has one (one partition probed). */
export function messageKeyWhere(id: string): { id: string; createdAt?: Date } {
  const at = timeOfId(id);
  return at ? { id, createdAt: at } : { id };
}
