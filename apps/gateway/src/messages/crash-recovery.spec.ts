import { Logger } from '@nestjs/common';
import {
  MessageStatus,
  ProviderError,
  ProviderErrorCode,
  type MessagingProvider,
  type SentMessageQuery,
} from '@app/providers';
import type { ConnectionsService } from '../connections/connections.service.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { MessageAttemptEntity } from '../database/entities/message-attempt.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { AttemptLog } from './attempt-log.js';
import { CrashRecovery } from './crash-recovery.js';
import type { MessageSender, Outgoing } from './message-sender.js';

const STARTED = new Date('2026-12-03T01:00:00Z');
const ATTEMPT: MessageAttemptEntity = {
  messageId: 'm1',
  number: 1,
  connectionId: 'c1',
  connectionName: 'wessaal-demo',
  provider: 'wessaal',
  outcome: null,
  errorCode: null,
  startedAt: STARTED,
  finishedAt: null,
};
const MESSAGE = { id: 'm1', tenantId: 't1', attempts: 0 } as MessageEntity;
const SEND: Outgoing = { kind: 'send', request: { type: 'text', to: '+966501234567', text: 'hi' } };
const MATCH = { providerMessageId: 'p-1', status: MessageStatus.SENT, providerStatus: 'sent' };

/** CrashRecovery over stand-ins that record what it asked of the sender and the attempt log. */
function recoveryWith(adapter: Partial<MessagingProvider> | null) {
  const seen = {
    queries: [] as SentMessageQuery[],
    accepted: [] as unknown[][],
    finished: [] as unknown[][],
    lost: [] as Array<{ number: number; possibleDuplicate: boolean }>,
  };
  const connections = {
    getById: async () => (adapter ? ({ id: 'c1' } as ConnectionEntity) : null),
    adapterOf: () => adapter as MessagingProvider,
  } as unknown as ConnectionsService;
  const sender = {
    recordAccepted: async (...args: unknown[]) => void seen.accepted.push(args),
  } as unknown as MessageSender;
  const attempts = {
    finish: async (...args: unknown[]) => void seen.finished.push(args),
    markLost: async (_m: MessageEntity, number: number, possibleDuplicate: boolean) =>
      void seen.lost.push({ number, possibleDuplicate }),
  } as unknown as AttemptLog;
  return { recovery: new CrashRecovery(connections, sender, attempts), seen };
}

const lookingUp = (answer: () => Promise<typeof MATCH | null>, queries: SentMessageQuery[]) => ({
  id: 'wessaal' as const,
  findSentMessage: (query: SentMessageQuery) => {
    queries.push(query);
    return answer();
  },
});

describe('CrashRecovery: an attempt left without outcome by a dead process', () => {
  // Its log lines are expected here; they would only clutter the test output.
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose', 'fatal']));

  it("adopts the provider's message when the lookup finds it: recorded as accepted, nothing sent again", async () => {
    const queries: SentMessageQuery[] = [];
    const { recovery, seen } = recoveryWith(lookingUp(async () => MATCH, queries));
    expect(await recovery.resolve(MESSAGE, ATTEMPT, SEND)).toBe('adopted');
    expect(queries).toHaveLength(1);
    expect(queries[0]!.request).toBe(SEND.request);
    expect(queries[0]!.since).toEqual(STARTED);
    expect(queries[0]!.until.getTime()).toBeGreaterThan(STARTED.getTime());
    expect(seen.accepted[0]?.slice(0, 3)).toEqual([MESSAGE, MATCH, 1]);
    expect(seen.finished).toEqual([[MESSAGE, 1, 'adopted']]);
    expect(seen.lost).toEqual([]);
  });

  it('sends again without a flag when the provider says the message is not there', async () => {
    const { recovery, seen } = recoveryWith(lookingUp(async () => null, []));
    expect(await recovery.resolve(MESSAGE, ATTEMPT, SEND)).toBe('resend');
    expect(seen.lost).toEqual([{ number: 1, possibleDuplicate: false }]);
    expect(seen.accepted).toEqual([]);
  });

  it('sends again and flags a possible duplicate when the provider cannot tell', async () => {
    const cannotTell = async () => {
      throw new ProviderError(ProviderErrorCode.PROVIDER_UNAVAILABLE, {
        provider: 'wessaal',
        message: 'busy',
      });
    };
    const { recovery, seen } = recoveryWith(lookingUp(cannotTell, []));
    expect(await recovery.resolve(MESSAGE, ATTEMPT, SEND)).toBe('resend');
    expect(seen.lost).toEqual([{ number: 1, possibleDuplicate: true }]);
  });

  it('flags a possible duplicate when the adapter has no lookup, or its connection is gone', async () => {
    for (const adapter of [{ id: 'washeej' as const }, null]) {
      const { recovery, seen } = recoveryWith(adapter);
      expect(await recovery.resolve(MESSAGE, ATTEMPT, SEND)).toBe('resend');
      expect(seen.lost).toEqual([{ number: 1, possibleDuplicate: true }]);
    }
  });

  it('does not look a status story up (the lookup takes a send request): flagged', async () => {
    const queries: SentMessageQuery[] = [];
    const { recovery, seen } = recoveryWith(lookingUp(async () => MATCH, queries));
    const story: Outgoing = { kind: 'story', request: { kind: 'text', content: 'hello' } };
    expect(await recovery.resolve(MESSAGE, ATTEMPT, story)).toBe('resend');
    expect(queries).toEqual([]);
    expect(seen.lost).toEqual([{ number: 1, possibleDuplicate: true }]);
  });
});
