import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Query,
  Res,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { InboundEntry } from '../core/inbound-log.js';
import type { SimCore } from '../core/sim-core.js';
import type { PhoneMessage } from '../core/sim-provider.js';
import { SIM_CORE } from './sim-core.token.js';

/** One account's conversations in one shape for every provider: what the inbox draws. */
export interface AccountThreads {
  account: string;
  provider: string;
  now: string;
  /** Oldest first. */
  outbound: PhoneMessage[];
  inbound: readonly InboundEntry[];
}

/** How often an open event stream looks for changes (real time): cheap next to a person's eye, and off the hot path. */
const POLL_MS = 300;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/**
 * The inbox's data: `GET /__admin/threads?account=` and its live form `GET /__admin/threads/events?account=`
 * (Server-Sent Events: one `threads` event now and one whenever anything in the account's threads changes).
 * The stream compares snapshots instead of hooking the providers, so a send costs nothing extra when nobody watches.
 */
@ApiTags('control')
@Controller('__admin/threads')
export class ThreadsController implements BeforeApplicationShutdown {
  private readonly streams = new Set<() => void>();

  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Get()
  @ApiOperation({ summary: "One account's phones: outbound messages with status, and what customers wrote" })
  @ApiQuery({ name: 'account', required: true })
  threads(@Query('account') account: string | undefined): AccountThreads {
    return this.snapshot(account);
  }

  @Get('events')
  @ApiOperation({ summary: 'The same, live: Server-Sent Events (`event: threads`) on every change' })
  @ApiQuery({ name: 'account', required: true })
  @ApiProduces('text/event-stream')
  events(@Query('account') account: string | undefined, @Res() reply: FastifyReply): void {
    const first = this.snapshot(account); // throws 404 before the stream starts
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    let last = '';
    const push = (view: AccountThreads): void => {
      const json = JSON.stringify(view.outbound) + JSON.stringify(view.inbound);
      if (json === last) return;
      last = json;
      raw.write(`event: threads\ndata: ${JSON.stringify(view)}\n\n`);
    };
    push(first);
    const poll = setInterval(() => {
      try {
        push(this.snapshot(account));
      } catch {
        stop(); // the account went away (a reset of a created account)
      }
    }, POLL_MS);
    const keepalive = setInterval(() => raw.write(': keepalive\n\n'), KEEPALIVE_MS);
    const stop = (): void => {
      clearInterval(poll);
      clearInterval(keepalive);
      this.streams.delete(stop);
      if (!raw.writableEnded) raw.end();
    };
    this.streams.add(stop);
    raw.on('close', stop);
  }

  /** Open streams would hold the server open on close: end them first. */
  beforeApplicationShutdown(): void {
    for (const stop of [...this.streams]) stop();
  }

  private snapshot(accountId: string | undefined): AccountThreads {
    const account = accountId ? this.core.accounts.get(accountId) : undefined;
    if (!account) throw new NotFoundException(`no account "${accountId ?? ''}"`);
    const provider = this.core.provider(account.provider);
    const outbound = [...(provider?.phoneMessages(account) ?? [])].sort((a, b) =>
      a.createdAt.localeCompare(b.createdAt),
    );
    return {
      account: account.id,
      provider: account.provider,
      now: this.core.clock.nowIso(),
      outbound,
      inbound: this.core.inboundLog.list(account.id),
    };
  }
}
