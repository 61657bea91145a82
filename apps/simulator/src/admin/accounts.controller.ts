import { Body, Controller, Get, Inject, NotFoundException, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SimCore } from '../core/sim-core.js';
import { accountView } from './account-view.js';
import { AccountPatchDto, CreateAccountDto, ProviderQueryDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

@ApiTags('control')
@Controller('__admin/accounts')
export class AccountsController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Get()
  @ApiOperation({ summary: 'List accounts (optionally of one provider)' })
  list(@Query() query: ProviderQueryDto): Record<string, unknown>[] {
    return this.core.accounts.list(query.provider).map(accountView);
  }

  @Post()
  @ApiOperation({
    summary: 'Create an isolated account with fresh credentials, so tests can run in parallel',
  })
  create(@Body() body: CreateAccountDto): Record<string, unknown> {
    const { provider, ...patch } = body;
    return accountView(this.core.accounts.create(provider, patch));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account' })
  get(@Param('id') id: string): Record<string, unknown> {
    return accountView(this.find(id));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change ipWhitelist, credits, scopes, plan, rateLimitPerMinute or lifecycle delays',
  })
  patch(@Param('id') id: string, @Body() body: AccountPatchDto): Record<string, unknown> {
    return accountView(this.core.accounts.patch(this.find(id), body));
  }

  private find(id: string) {
    const account = this.core.accounts.get(id);
    if (!account) throw new NotFoundException(`no account "${id}"`);
    return account;
  }
}
