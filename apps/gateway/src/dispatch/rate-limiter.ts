import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { preparedQuery } from '../database/prepared-query.js';
import { type RateLimit, turnIntervalMs } from './rate-limit.js';
import { HOLD_TURN_SQL, RATE_TURN_SQL, type TurnRow } from './rate-statements.js';

export interface Turn {
  /** held: the message's own earlier turn; taken: a new one; refused: none within the wait allowed. */
  source: TurnRow['source'];
  /** When the send may go, as an instant of this process's clock (measured from the database's `now()`). */
  at: number;
  /** The same instant on the database's clock (what is stored and compared with `now()` there). */
  dbAt: Date;
}

/** Turns of rate-limited connections, shared by every gateway process through PostgreSQL (one statement a turn). */
@Injectable()
export class RateLimiter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `maxWaitMs` null: take the next turn however far (queued sends); `messageId`: reuse the turn it holds. */
  async take(
    connectionId: string,
    limit: RateLimit,
    options: { maxWaitMs: number | null; messageId: string | null },
  ): Promise<Turn> {
    const [row] = await preparedQuery<TurnRow>(this.dataSource, RATE_TURN_SQL, [
      connectionId,
      turnIntervalMs(limit),
      options.maxWaitMs,
      options.messageId,
    ]);
    // The turn's distance from the database's now(), counted from when the answer came back: never before the
    // turn, however long the statement waited for a core (counted from before the query, a send could go early by
    // that wait, and the provider would see more than its limit).
    const answered = Date.now();
    // No row: refused with no state (cannot happen: a refusal implies a row); treat as a turn now.
    if (!row) return { source: 'taken', at: answered, dbAt: new Date(answered) };
    return {
      source: row.source,
      at: answered + Math.max(0, row.turn_at.getTime() - row.now.getTime()),
      dbAt: row.turn_at,
    };
  }

  /** The queued message keeps its turn and comes back to the queue at `comeBackAt` (no attempt counted). */
  async hold(messageId: string, turnAt: Date, comeBackAt: Date): Promise<void> {
    await preparedQuery(this.dataSource, HOLD_TURN_SQL, [messageId, turnAt, comeBackAt]);
  }
}
