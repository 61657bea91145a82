import type { MessagingProvider } from '@app/providers';

/**
 * TEST-ONLY fault hook, GATEWAY_FAULT_CRASH_AFTER_PROVIDER_ACCEPT=1 (refused when NODE_ENV=production): the gateway
 * process kills itself (SIGKILL: no shutdown hooks, no lease handed back) right after a provider accepted a send
 * and before the answer is recorded: the window in which a crash used to cause a second send. The e2e test
 * test/e2e/gateway/crash-dedup.e2e-spec.ts uses it to show what crash recovery does instead.
 */
export function crashingAfterAccept(adapter: MessagingProvider): MessagingProvider {
  const die = <T>(answer: T): T => {
    process.kill(process.pid, 'SIGKILL');
    return answer;
  };
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'send' || property === 'sendStatusStory')
        return async (...args: unknown[]) =>
          die(await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
      return value;
    },
  });
}
