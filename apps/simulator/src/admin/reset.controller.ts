import { Controller, HttpCode, Inject, NotFoundException, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SimCore } from '../core/sim-core.js';
import { accountView } from './account-view.js';
import { ResetQueryDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

@ApiTags('control')
@Controller('__admin/reset')
export class ResetController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore the demo seed (everything), or one account with ?account=ID' })
  reset(@Query() query: ResetQueryDto): Record<string, unknown> {
    if (query.account === undefined) {
      this.core.resetAll();
      return { reset: 'all', accounts: this.core.accounts.list().length };
    }
    const account = this.core.accounts.resetOne(query.account);
    if (!account) throw new NotFoundException(`no account "${query.account}"`);
    this.core.inboundLog.forget(account.id);
    return { reset: 'account', account: accountView(account) };
  }
}
