import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** How often the open sockets' keys are checked again: a revoked key's socket closes within this plus one query. */
export const SOCKET_KEY_RECHECK_MS = 250;

/** The part of a `ws` WebSocket the watch touches. */
export interface WatchedSocket {
  close(code?: number, reason?: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * A graphql-ws socket is authenticated once, at connection_init, and may stay open for hours. So that a key revoked,
 * expired or whose tenant was disabled (on any process, by the admin CLI) is refused by open sockets too within one
 * second (issue #11), each process checks the keys of its open sockets every SOCKET_KEY_RECHECK_MS, in one query for
 * all of them, and closes the sockets of keys no longer valid with 4403 Forbidden. No socket open, no query.
 */
@Injectable()
export class SocketKeyWatch implements OnModuleDestroy {
  private readonly logger = new Logger('SocketKeyWatch');
  private readonly sockets = new Map<WatchedSocket, string>();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Watches `socket` for as long as it is open, as authenticated by the key `keyId`. */
  watch(socket: WatchedSocket, keyId: string): void {
    const known = this.sockets.has(socket);
    this.sockets.set(socket, keyId);
    if (!known) socket.once('close', () => this.forget(socket));
    this.timer ??= setInterval(() => void this.check(), SOCKET_KEY_RECHECK_MS).unref();
  }

  /** How many sockets are watched (tests, metrics). */
  get size(): number {
    return this.sockets.size;
  }

  /** One query for the keys of every watched socket; the sockets whose key is no longer valid close with 4403. */
  async check(): Promise<void> {
    if (this.checking || this.sockets.size === 0) return;
    this.checking = true;
    try {
      const keyIds = [...new Set(this.sockets.values())];
      const rows = (await this.dataSource.query(
        `SELECT k.id FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
         WHERE k.id = ANY($1::uuid[]) AND k.revoked_at IS NULL AND t.disabled_at IS NULL
           AND (k.expires_at IS NULL OR k.expires_at > now())`,
        [keyIds],
      )) as Array<{ id: string }>;
      const valid = new Set(rows.map((r) => r.id));
      for (const [socket, keyId] of this.sockets) {
        if (valid.has(keyId)) continue;
        this.forget(socket);
        socket.close(4403, 'Forbidden');
      }
    } catch (error) {
      // A database hiccup keeps the sockets open: the next check decides (and HTTP requests still re-check).
      this.logger.warn(`socket key check failed: ${(error as Error).message}`);
    } finally {
      this.checking = false;
    }
  }

  private forget(socket: WatchedSocket): void {
    this.sockets.delete(socket);
    if (this.sockets.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.sockets.clear();
  }
}
