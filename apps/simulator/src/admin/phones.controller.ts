import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Account } from '../core/account.js';
import { digitsOf } from '../core/magic-numbers.js';
import type { SimCore } from '../core/sim-core.js';
import type { PhoneMessage } from '../core/sim-provider.js';
import { InboundDto, MessagesQueryDto } from './admin.dto.js';
import { SIM_CORE } from './sim-core.token.js';

/** The customer's side of the simulation: what phones received, what customers write, the OTP codes sent. */
@ApiTags('control')
@Controller('__admin')
export class PhonesController {
  constructor(@Inject(SIM_CORE) private readonly core: SimCore) {}

  @Post('inbound')
  @ApiOperation({
    summary: 'A customer writes in: opens the 24 h window, shows in received lists, fires webhooks',
  })
  inbound(@Body() body: InboundDto): Record<string, unknown> {
    if (!/^\+?\d{6,15}$/.test(body.from.trim()))
      throw new BadRequestException('from must be a phone number (digits, optional +)');
    const provider = this.core.provider(body.provider);
    if (!provider) throw new NotFoundException(`provider "${body.provider}" is not simulated`);
    const account = this.accountFor(body.provider, body.account);
    const stored = provider.inbound(account, { from: body.from.trim(), text: body.text }, this.core);
    this.core.inboundLog.add({
      accountId: account.id,
      from: body.from.trim(),
      text: body.text,
      createdAt: this.core.clock.nowIso(),
    });
    return { provider: body.provider, account: account.id, inbound: stored };
  }

  @Get('messages')
  @ApiOperation({ summary: 'What each simulated phone received, with status' })
  messages(@Query() query: MessagesQueryDto): PhoneMessage[] {
    const to = query.to ? digitsOf(query.to) : undefined;
    const accounts = query.account
      ? [this.accountFor(query.provider, query.account)]
      : this.core.accounts.list(query.provider);
    const out: PhoneMessage[] = [];
    for (const account of accounts) {
      const provider = this.core.provider(account.provider);
      for (const message of provider?.phoneMessages(account) ?? []) {
        if (!to || digitsOf(message.to) === to) out.push(message);
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  @Get('otp/:requestId')
  @ApiOperation({ summary: 'The code an OTP request sent' })
  otp(@Param('requestId') requestId: string): { code: string } {
    for (const account of this.core.accounts.list()) {
      const code = this.core.provider(account.provider)?.findOtp?.(account, requestId);
      if (code !== undefined) return { code };
    }
    throw new NotFoundException(`no OTP request "${requestId}"`);
  }

  private accountFor(provider: string | undefined, id: string | undefined): Account {
    const account = id
      ? this.core.accounts.get(id)
      : provider
        ? this.core.accounts.defaultAccount(provider as Account['provider'])
        : undefined;
    if (!account)
      throw new NotFoundException(id ? `no account "${id}"` : `no account for provider "${provider}"`);
    if (provider && account.provider !== provider)
      throw new BadRequestException(`account "${id}" belongs to ${account.provider}, not ${provider}`);
    return account;
  }
}
