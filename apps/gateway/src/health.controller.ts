import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { DataSource } from 'typeorm';
import { Public } from './auth/public.decorator.js';
import { pendingMigrations } from './database/migration-state.js';
import { MessageScheduler } from './messages/message-scheduler.js';

type Check = { status: 'up' } | { status: 'down'; reason: string };

/** For people (`/health`) and orchestrators: liveness never touches the database; readiness checks what serving needs. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: MessageScheduler,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Health: the gateway and its database answer' })
  async health(): Promise<{ status: 'ok'; database: 'ok' }> {
    await this.db.query('SELECT 1');
    return { status: 'ok', database: 'ok' };
  }

  /** The process is up and its event loop answers; a failure means restart it. */
  @Public()
  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers (never touches the database)' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  /** 200 when it may take traffic: database reachable, migrations current, scheduler running; else 503 with why. */
  @Public()
  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: database reachable, migrations current, scheduler running (else 503)',
  })
  async ready(@Res() reply: FastifyReply): Promise<void> {
    const database = await this.check(async () => {
      await this.db.query('SELECT 1');
    });
    const migrations =
      database.status === 'up'
        ? await this.check(async () => {
            const pending = await pendingMigrations(this.db);
            if (pending.length > 0)
              throw new Error(`pending: ${pending.join(', ')}; run \`npm run migrate\``);
          })
        : ({ status: 'down', reason: 'database unreachable' } as const);
    const scheduler: Check = this.scheduler.isRunning()
      ? { status: 'up' }
      : { status: 'down', reason: 'the scheduler is stopped or has not completed a round lately' };
    const checks = { database, migrations, scheduler };
    const ok = Object.values(checks).every((c) => c.status === 'up');
    await reply
      .status(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'up' : 'down', checks });
  }

  private async check(probe: () => Promise<void>): Promise<Check> {
    try {
      await probe();
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', reason: (error as Error).message };
    }
  }
}
