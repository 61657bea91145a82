import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` under a session-level advisory lock held on one connection of its own, so a job runs one at a time
 * across every gateway process on the database; null, without running, when another session holds the lock. A
 * process that dies mid-run loses the lock with its connection. `work` gets that connection for statements that
 * must share the session (SET lock_timeout, say); it may use the pool for the rest.
 */
export async function withAdvisoryLock<T>(
  dataSource: DataSource,
  key: string,
  work: (session: QueryRunner) => Promise<T>,
): Promise<T | null> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    const [lock] = (await session.query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [
      key,
    ])) as Array<{
      locked: boolean;
    }>;
    if (!lock?.locked) return null;
    try {
      return await work(session);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1::bigint)', [key]);
    }
  } finally {
    await session.release();
  }
}
