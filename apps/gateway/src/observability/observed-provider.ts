import { isProviderError, type MessagingProvider } from '@app/providers';
import type { Logger } from 'pino';
import { providerRequestDuration } from './metrics.js';

/**
 * The adapter with every operation timed: the provider-call histogram and one log line per call (provider,
 * endpoint = the adapter operation, outcome = ok or the normalized error code, the provider's HTTP status,
 * duration). Arguments and answers are never logged: they hold phone numbers, texts and credentials.
 */
export function observeProvider(adapter: MessagingProvider, logger: Logger): MessagingProvider {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      let timed = wrapped.get(property);
      if (!timed) {
        timed = (...args: unknown[]) =>
          timeCall(target, property, value as (...a: unknown[]) => unknown, args, logger);
        wrapped.set(property, timed);
      }
      return timed;
    },
  });
}

function timeCall(
  target: MessagingProvider,
  endpoint: string,
  operation: (...args: unknown[]) => unknown,
  args: unknown[],
  logger: Logger,
): unknown {
  // Internal calls of the adapter run on the target itself, so each operation is counted once.
  const result = operation.apply(target, args);
  if (!(result instanceof Promise)) return result;
  const started = process.hrtime.bigint();
  const record = (outcome: string, httpStatus: number | undefined): void => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    providerRequestDuration.observe({ provider: target.id, endpoint, outcome }, seconds);
    logger.info(
      { provider: target.id, endpoint, outcome, httpStatus, durationMs: Math.round(seconds * 10_000) / 10 },
      'provider call',
    );
  };
  return result.then(
    (answer: unknown) => {
      record('ok', undefined);
      return answer;
    },
    (error: unknown) => {
      if (isProviderError(error)) record(error.code, error.httpStatus);
      else record('error', undefined);
      throw error;
    },
  );
}
