import { MessageStatus, type MessagingProvider } from '@app/providers';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { Admission, DispatchGate } from '../dispatch/dispatch-gate.js';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { AttemptLog } from './attempt-log.js';
import type { CrashRecovery } from './crash-recovery.js';
import { FailoverDispatch } from './failover-dispatch.js';
import type { DispatchOptions, MessageSender, Outgoing } from './message-sender.js';
import type { SendTarget, SendTargets } from './send-targets.js';

type Verdict = 'accepted' | 'rejected' | 'transient' | 'held back';
const SEND: Outgoing = { kind: 'send', request: { type: 'text', to: '+966501234567', text: 'hi' } };
const target = (name: string): SendTarget => ({
  connection: { id: `id-${name}`, name } as ConnectionEntity,
  adapter: { id: name } as unknown as MessagingProvider,
});

/**
 * FailoverDispatch over a sender whose verdicts per connection are given, recording the attempt log's calls and
 * which attempt each provider call was told to complete (the sender writes its outcome with the answer).
 */
function dispatchWith(
  verdicts: Record<string, Verdict>,
  startAllowed = true,
  refused: Record<string, GatewayError> = {},
) {
  const log: string[] = [];
  const gate = {
    admit: async (connection: ConnectionEntity): Promise<Admission> => {
      log.push(`admit ${connection.name}`);
      const error = refused[connection.name];
      return error ? { kind: 'refused', error } : { kind: 'go' };
    },
  } as unknown as DispatchGate;
  const sender = {
    dispatch: async (
      message: MessageEntity,
      adapter: MessagingProvider,
      _outgoing: Outgoing,
      options: DispatchOptions,
    ): Promise<Verdict> => {
      const verdict = verdicts[adapter.id]!;
      log.push(`call ${adapter.id} as attempt ${options.attempt}`);
      if (verdict === 'held back') return verdict; // pacing: no provider call, no attempt counted
      message.attempts += 1;
      message.status =
        verdict === 'rejected'
          ? MessageStatus.FAILED
          : verdict === 'accepted'
            ? MessageStatus.SENT
            : MessageStatus.QUEUED;
      return verdict;
    },
  } as unknown as MessageSender;
  const attempts = {
    start: async (_m: MessageEntity, c: ConnectionEntity, n: number) => {
      log.push(`start ${n} ${c.name}`);
      return startAllowed;
    },
    finish: async (_m: MessageEntity, n: number, outcome: string) => void log.push(`finish ${n} ${outcome}`),
    discard: async (_m: MessageEntity, n: number) => void log.push(`discard ${n}`),
  } as unknown as AttemptLog;
  const config = { GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT: false } as GatewayConfig;
  const dispatch = new FailoverDispatch(
    sender,
    attempts,
    {} as SendTargets,
    {} as CrashRecovery,
    gate,
    config,
  );
  const message = {
    id: 'm1',
    attempts: 0,
    status: MessageStatus.QUEUED,
    error: null,
  } as unknown as MessageEntity;
  return { dispatch, log, message };
}

describe('FailoverDispatch.sendNow', () => {
  it('moves on to the next connection after a transient failure and stops at the first acceptance', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'transient', b: 'accepted', c: 'accepted' });
    await dispatch.sendNow(message, [target('a'), target('b'), target('c')], SEND);
    expect(log).toEqual(['call a as attempt 1', 'admit b', 'start 2 b', 'call b as attempt 2']);
  });

  it('leaves the message QUEUED for the scheduler when the next connection may not be called now', async () => {
    const limited = new GatewayError(GatewayErrorCode.RATE_LIMITED, 'over its limit');
    const { dispatch, log, message } = dispatchWith({ a: 'transient', b: 'accepted' }, true, { b: limited });
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a as attempt 1', 'admit b']);
    expect(message.status).toBe(MessageStatus.QUEUED);
  });

  it('does not fail over on a definitive rejection', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'rejected', b: 'accepted' });
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a as attempt 1']);
  });

  it('stops when the scheduler took the message between two attempts', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'transient', b: 'accepted' }, false);
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a as attempt 1', 'admit b', 'start 2 b']);
  });

  it('removes the attempt of a dispatch that made no provider call (held back), so recovery never looks for it', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'held back', b: 'accepted' });
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a as attempt 1', 'discard 1']);
  });
});

describe('FailoverDispatch.admitSync (before anything is stored)', () => {
  const limited = new GatewayError(GatewayErrorCode.RATE_LIMITED, 'a is over its limit');
  const down = new GatewayError(GatewayErrorCode.PROVIDER_UNAVAILABLE, 'b is unavailable');

  it('answers the targets from the first connection the gate lets go', async () => {
    const { dispatch, log } = dispatchWith({}, true, { a: limited });
    const admitted = await dispatch.admitSync([target('a'), target('b'), target('c')]);
    expect(admitted.map((t) => t.connection.name)).toEqual(['b', 'c']);
    expect(log).toEqual(['admit a', 'admit b']);
  });

  it('throws the first refusal when no connection may be called', async () => {
    const { dispatch } = dispatchWith({}, true, { a: limited, b: down });
    await expect(dispatch.admitSync([target('a'), target('b')])).rejects.toBe(limited);
  });
});
