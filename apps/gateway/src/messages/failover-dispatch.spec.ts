import { MessageStatus, type MessagingProvider } from '@app/providers';
import type { GatewayConfig } from '../config/gateway-config.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import type { MessageEntity } from '../database/entities/message.entity.js';
import type { AttemptLog } from './attempt-log.js';
import type { CrashRecovery } from './crash-recovery.js';
import { FailoverDispatch } from './failover-dispatch.js';
import type { MessageSender, Outgoing } from './message-sender.js';
import type { SendTarget, SendTargets } from './send-targets.js';

type Verdict = 'accepted' | 'rejected' | 'transient' | 'held back';
const SEND: Outgoing = { kind: 'send', request: { type: 'text', to: '+966501234567', text: 'hi' } };
const target = (name: string): SendTarget => ({
  connection: { id: `id-${name}`, name } as ConnectionEntity,
  adapter: { id: name } as unknown as MessagingProvider,
});

/** FailoverDispatch over a sender whose verdicts per connection are given, recording the attempt log's calls. */
function dispatchWith(verdicts: Record<string, Verdict>, startAllowed = true) {
  const log: string[] = [];
  const sender = {
    dispatch: async (message: MessageEntity, adapter: MessagingProvider): Promise<Verdict> => {
      const verdict = verdicts[adapter.id]!;
      log.push(`call ${adapter.id}`);
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
  const dispatch = new FailoverDispatch(sender, attempts, {} as SendTargets, {} as CrashRecovery, config);
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
    expect(log).toEqual(['call a', 'finish 1 transient', 'start 2 b', 'call b', 'finish 2 accepted']);
  });

  it('does not fail over on a definitive rejection', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'rejected', b: 'accepted' });
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a', 'finish 1 rejected']);
  });

  it('stops when the scheduler took the message between two attempts', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'transient', b: 'accepted' }, false);
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a', 'finish 1 transient', 'start 2 b']);
  });

  it('removes the attempt of a dispatch that made no provider call (held back), so recovery never looks for it', async () => {
    const { dispatch, log, message } = dispatchWith({ a: 'held back', b: 'accepted' });
    await dispatch.sendNow(message, [target('a'), target('b')], SEND);
    expect(log).toEqual(['call a', 'discard 1']);
  });
});
