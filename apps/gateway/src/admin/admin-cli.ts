import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import {
  AdminCommands,
  CommandFailure,
  UsageError,
  describeRetention,
  parseExpiry,
  parseRetention,
  parseScopes,
} from './admin-commands.js';

export const ADMIN_USAGE = `usage: npm run gateway:admin -- <command>   (DATABASE_URL names the gateway's database)
  tenant create NAME
  tenant list
  tenant disable NAME
  tenant retention NAME DAYS|keep|default   (keep = forever; default = GATEWAY_RETENTION_DAYS)
  key create --tenant NAME [--scopes send,read,connections,webhooks] [--expires ISO-8601] [--name LABEL] [--test]
  key list --tenant NAME
  key revoke KEY_ID`;

export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * Runs one admin command; answers the exit code: 0 done, 2 usage error, 1 failure (each with a message on stderr).
 * `key create` prints the new key alone on the last line of stdout, so `KEY=$(... | tail -n1)` captures it.
 */
export async function runAdminCli(
  argv: readonly string[],
  openDatabase: () => Promise<DataSource>,
  io: AdminIo,
): Promise<number> {
  let db: DataSource | undefined;
  try {
    const [noun, verb, ...rest] = argv;
    const run = commandOf(noun, verb, rest);
    db = await openDatabase();
    await run(new AdminCommands(db), io);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`);
      io.err(ADMIN_USAGE);
      return 2;
    }
    io.err(`error: ${error instanceof CommandFailure ? error.message : (error as Error).message}`);
    return 1;
  } finally {
    await db?.destroy();
  }
}

type Run = (admin: AdminCommands, io: AdminIo) => Promise<void>;

function commandOf(noun: string | undefined, verb: string | undefined, rest: string[]): Run {
  const { values, positionals } = parse(rest);
  const one = (what: string): string => {
    if (positionals.length !== 1) throw new UsageError(`${noun} ${verb} takes one ${what}`);
    return positionals[0]!;
  };
  const tenantOption = (): string => {
    if (typeof values.tenant !== 'string' || values.tenant === '')
      throw new UsageError('--tenant NAME is required');
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    return values.tenant;
  };
  switch (`${noun ?? ''} ${verb ?? ''}`) {
    case 'tenant create': {
      const name = one('NAME').trim();
      if (name === '') throw new UsageError('the tenant NAME is empty');
      return async (admin, io) => {
        const tenant = await admin.createTenant(name);
        io.out(`created tenant "${tenant.name}" (${tenant.id})`);
      };
    }
    case 'tenant list':
      return async (admin, io) => {
        for (const t of await admin.listTenants())
          io.out(
            `${t.id}  ${t.disabledAt ? 'disabled' : 'active  '}  ${describeRetention(t.retentionDays).padEnd(17)}  ${t.name}`,
          );
      };
    case 'tenant disable': {
      const name = one('NAME');
      return async (admin, io) => {
        await admin.disableTenant(name);
        io.out(`tenant "${name}" disabled: its keys are refused from now on`);
      };
    }
    case 'tenant retention': {
      if (positionals.length !== 2)
        throw new UsageError('tenant retention takes a NAME and DAYS|keep|default');
      const [name, value] = positionals as [string, string];
      const days = parseRetention(value);
      return async (admin, io) => {
        await admin.setTenantRetention(name, days);
        const effect =
          days === null
            ? 'follows GATEWAY_RETENTION_DAYS'
            : days === 0
              ? 'kept forever'
              : `deleted ${days} days after they were created`;
        io.out(`tenant "${name}": ${describeRetention(days)}; its messages and history are ${effect}`);
      };
    }
    case 'key create': {
      const tenant = tenantOption();
      const scopes = parseScopes(values.scopes as string | undefined);
      const expiresAt = parseExpiry(values.expires as string | undefined);
      const name = typeof values.name === 'string' ? values.name : 'cli';
      const environment = values.test === true ? 'test' : 'live';
      return async (admin, io) => {
        const { key, record } = await admin.createKey({ tenant, scopes, expiresAt, environment, name });
        io.out(
          `created key ${record.id} for tenant "${tenant}": scopes ${scopes.join(',')}, ${expiresAt ? `expires ${expiresAt.toISOString()}` : 'no expiry'}`,
        );
        io.out('the key is shown once, on the next line; only its hash is stored');
        io.out(key);
      };
    }
    case 'key list': {
      const tenant = tenantOption();
      return async (admin, io) => {
        for (const k of await admin.listKeys(tenant)) {
          const state = k.revokedAt
            ? 'revoked'
            : k.expiresAt && k.expiresAt <= new Date()
              ? 'expired'
              : 'active';
          io.out(
            `${k.id}  ${k.prefix}…${k.lastFour || '????'}  ${state.padEnd(7)}  ${k.scopes.join(',')}  ${k.expiresAt?.toISOString() ?? 'no expiry'}  ${k.name}`,
          );
        }
      };
    }
    case 'key revoke': {
      const id = one('KEY_ID');
      return async (admin, io) => {
        await admin.revokeKey(id);
        io.out(`key ${id} revoked: every gateway process refuses it within a second`);
      };
    }
    default:
      throw new UsageError(
        noun ? `unknown command "${[noun, verb].filter(Boolean).join(' ')}"` : 'no command given',
      );
  }
}

function parse(args: string[]): ReturnType<typeof parseArgs> {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        tenant: { type: 'string' },
        scopes: { type: 'string' },
        expires: { type: 'string' },
        name: { type: 'string' },
        test: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
