import { Injectable, Logger } from '@nestjs/common';
import { ConnectionsService } from '../connections/connections.service.js';
import type { MessageAttemptEntity } from '../database/entities/message-attempt.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import { AttemptLog } from './attempt-log.js';
import { MessageSender, type Outgoing } from './message-sender.js';
import { sentMessageLookupOf, type SentMessageMatch } from './provider-lookup.js';

/**
 * The scheduler found a send attempt without outcome: the process that made it died during the provider call or
 * before recording the answer. Before sending again, the provider is asked (where its adapter can look sent
 * messages up) whether the message arrived within the attempt's window: found → adopted (its provider id and status
 * recorded, nothing sent again); not found → sent again; no lookup, or the lookup cannot tell → sent again and the
 * message flagged `possibleDuplicate`.
 */
@Injectable()
export class CrashRecovery {
  private readonly logger = new Logger('CrashRecovery');

  constructor(
    private readonly connections: ConnectionsService,
    private readonly sender: MessageSender,
    private readonly attempts: AttemptLog,
  ) {}

  async resolve(
    message: MessageEntity,
    attempt: MessageAttemptEntity,
    outgoing: Outgoing,
  ): Promise<'adopted' | 'resend'> {
    const connection = await this.connections.getById(message.tenantId, attempt.connectionId);
    const adapter = connection ? this.connections.adapterOf(connection) : undefined;
    const lookup = adapter && outgoing.kind === 'send' ? sentMessageLookupOf(adapter) : undefined;
    let match: SentMessageMatch | null | undefined; // undefined: nobody can tell
    if (lookup && outgoing.kind === 'send') {
      try {
        match = await lookup({
          request: outgoing.request,
          // The attempt's window; the adapters allow for clock skew and whole-second provider times themselves.
          since: attempt.startedAt,
          until: new Date(),
        });
      } catch (error) {
        this.logger.warn(
          `message ${message.id}: the provider could not tell whether attempt ${attempt.number} arrived: ${(error as Error).message}`,
        );
      }
    }
    if (match && adapter) {
      await this.sender.recordAccepted(message, match, attempt.number, adapter);
      await this.attempts.finish(message, attempt.number, 'adopted');
      this.logger.log(
        `message ${message.id}: adopted ${match.providerMessageId} after a crash, not sent again`,
      );
      return 'adopted';
    }
    await this.attempts.markLost(message, attempt.number, match === undefined);
    return 'resend';
  }
}
