import type { LoggerService } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { GatewayConfig } from '../config/gateway-config.js';

/** What every log line written while serving one request carries. */
export interface RequestLogContext {
  requestId: string;
}

/** The request being served, for log lines written deep inside (provider calls, errors). */
export const requestLogContext = new AsyncLocalStorage<RequestLogContext>();

/**
 * The gateway's pino logger: JSON lines (pretty only when NODE_ENV=development and no destination is given), at
 * LOG_LEVEL (default info; warn under NODE_ENV=test so test output stays quiet). Every line written inside a
 * request carries its requestId. What is logged is chosen field by field (ids, routes, codes, durations): never
 * bodies, headers or query strings, so keys, credentials, message texts, codes and phone numbers never get in;
 * the redact list is a second line of defence for anything that would carry them by their usual names.
 */
export function createLogger(config: GatewayConfig, destination?: DestinationStream): Logger {
  const level = config.LOG_LEVEL ?? (config.NODE_ENV === 'test' ? 'warn' : 'info');
  const options = {
    level,
    base: { service: 'gateway' },
    mixin: () => {
      const context = requestLogContext.getStore();
      return context ? { requestId: context.requestId } : {};
    },
    redact: {
      paths: ['authorization', 'headers', 'body', 'credentials', 'apiKey', 'text', 'code', 'to', 'phone'],
      censor: '[redacted]',
    },
  };
  if (destination) return pino(options, destination);
  if (config.NODE_ENV === 'development')
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } },
    });
  return pino(options);
}

/** Nest's own log calls (bootstrap, errors caught by filters) written through pino, as JSON like the rest. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  /** Nest's `log` is its bootstrap chatter (modules, routes): debug, so production logs start with what matters. */
  log(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, stack: trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    // @nestjs/typeorm keeps one process-wide list of data source names, and a second app in the same process (the
    // API artifacts built in preview mode, which never unregisters its name, then a real app; tests that run two
    // gateways) trips its warning although each app has its own container and data source. The gateway registers
    // one data source per app, so the warning can only be that false alarm: debug, not warn.
    if (context === 'DataSourceNameRegistry') this.logger.debug({ context }, String(message));
    else this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

/** Injection token of the app's pino logger. */
export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');
