import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../../auth/tenant.decorator.js';
import {
  ProviderSettingInput,
  ProviderSettingModel,
  ProviderWebhookInfoModel,
} from './webhook-settings.model.js';
import { WebhookSettingsService } from './webhook-settings.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@ApiTags('provider webhook settings')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections/:name')
export class WebhookSettingsController {
  constructor(private readonly settings: WebhookSettingsService) {}

  @Delete('webhook')
  @ApiOperation({ summary: "Remove the provider's webhook URL (WaMessenger)" })
  @ApiOkResponse({ type: ProviderWebhookInfoModel, description: "Clears the provider's webhook URL" })
  removeWebhook(
    @TenantId() tenantId: string,
    @Param('name') name: string,
  ): Promise<ProviderWebhookInfoModel> {
    return this.settings.removeWebhook(tenantId, name);
  }

  @Get('webhook/queue')
  @ApiOperation({ summary: "Show the provider's undelivered webhook queue (WaMessenger)" })
  @ApiOkResponse({ type: ProviderWebhookInfoModel })
  queue(@TenantId() tenantId: string, @Param('name') name: string): Promise<ProviderWebhookInfoModel> {
    return this.settings.queue(tenantId, name);
  }

  @Post('webhook/queue/resend')
  @ApiOperation({ summary: 'Ask the provider to resend its webhook queue (WaMessenger)' })
  @HttpCode(200)
  @ApiOkResponse({ type: ProviderWebhookInfoModel })
  resend(@TenantId() tenantId: string, @Param('name') name: string): Promise<ProviderWebhookInfoModel> {
    return this.settings.resendQueue(tenantId, name);
  }

  @Put('settings/send-seen')
  @ApiOperation({ summary: 'Turn read receipts on or off (WaMessenger send-seen)' })
  @ApiOkResponse({ type: ProviderSettingModel })
  setSendSeen(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: ProviderSettingInput,
  ): Promise<ProviderSettingModel> {
    return this.settings.setSendSeen(tenantId, name, input.on);
  }

  @Put('settings/receive')
  @ApiOperation({ summary: 'Turn receiving inbound messages on or off (WaMessenger)' })
  @ApiOkResponse({ type: ProviderSettingModel })
  setReceive(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: ProviderSettingInput,
  ): Promise<ProviderSettingModel> {
    return this.settings.setReceive(tenantId, name, input.on);
  }
}
