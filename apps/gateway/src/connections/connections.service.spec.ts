import type { Logger } from 'pino';
import type { Repository } from 'typeorm';
import { DEMO_ENCRYPTION_KEY, type GatewayConfig } from '../config/gateway-config.js';
import type { ConnectionEntity } from '../database/entities/connection.entity.js';
import { ConnectionsService } from './connections.service.js';

const CONNECTION = { id: 'c1', tenantId: 't1', name: 'main' } as ConnectionEntity;

/** A repository whose lookups wait until `release`, counting them. */
function slowRepository(): {
  repo: Repository<ConnectionEntity>;
  queries: () => number;
  release: () => void;
} {
  let queries = 0;
  let release!: () => void;
  let gate = new Promise<void>((resolve) => (release = resolve));
  const repo = {
    findOne: async () => {
      queries++;
      await gate;
      return CONNECTION;
    },
  } as unknown as Repository<ConnectionEntity>;
  return {
    repo,
    queries: () => queries,
    release: () => {
      release();
      gate = Promise.resolve();
    },
  };
}

function service(repo: Repository<ConnectionEntity>): ConnectionsService {
  const config = { GATEWAY_ENCRYPTION_KEY: DEMO_ENCRYPTION_KEY } as GatewayConfig;
  return new ConnectionsService(repo, config, {} as Logger);
}

describe('ConnectionsService lookups by id', () => {
  it('shares one query among the callers that miss the cache together (a claim of polls)', async () => {
    const { repo, queries, release } = slowRepository();
    const connections = service(repo);
    const lookups = Array.from({ length: 12 }, () => connections.getById('t1', 'c1'));
    release();
    const found = await Promise.all(lookups);
    expect(queries()).toBe(1);
    expect(found.every((connection) => connection === CONNECTION)).toBe(true);
    // Cached afterwards: no query at all.
    await connections.getById('t1', 'c1');
    expect(queries()).toBe(1);
  });

  it('queries again for another connection, and after a failed lookup', async () => {
    let calls = 0;
    const repo = {
      findOne: async () => {
        calls++;
        if (calls === 1) throw new Error('connection reset');
        return CONNECTION;
      },
    } as unknown as Repository<ConnectionEntity>;
    const connections = service(repo);
    const [first, second] = await Promise.allSettled([
      connections.getById('t1', 'c1'),
      connections.getById('t1', 'c1'),
    ]);
    expect(first.status).toBe('rejected');
    expect(second.status).toBe('rejected'); // shared the failed query
    await expect(connections.getById('t1', 'c1')).resolves.toBe(CONNECTION);
    await expect(connections.getById('t1', 'c2')).resolves.toBe(CONNECTION);
    expect(calls).toBe(3);
  });
});
