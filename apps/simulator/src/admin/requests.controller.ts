import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { JournalEntry } from '../core/journal.js';
import type { SimCore } from '../core/sim-core.js';
import { RequestsQueryDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

@ApiTags('control')
@Controller('__admin/requests')
export class RequestsController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Get()
  @ApiOperation({ summary: 'The request journal, newest first (capped, default 1,000 entries kept)' })
  list(@Query() query: RequestsQueryDto): JournalEntry[] {
    return this.core.journal
      .list({ provider: query.provider, accountId: query.account, limit: query.limit ?? 100 })
      .map((entry) => ({ ...entry, responseBody: parseIfJson(entry.responseBody) }));
  }
}

/** The journal keeps the serialized reply as sent; show JSON replies as JSON. */
function parseIfJson(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  const first = body.trimStart()[0];
  if (first !== '{' && first !== '[') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
