import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: ProviderWebhookInfoModel, description: "Clears the provider's webhook URL" })
  removeWebhook(
    @TenantId() tenantId: string,
    @Param('name') name: string,
  ): Promise<ProviderWebhookInfoModel> {
    return this.settings.removeWebhook(tenantId, name);
  }

  @Get('webhook/queue')
  @ApiOkResponse({ type: ProviderWebhookInfoModel })
  queue(@TenantId() tenantId: string, @Param('name') name: string): Promise<ProviderWebhookInfoModel> {
    return this.settings.queue(tenantId, name);
  }

  @Post('webhook/queue/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: ProviderWebhookInfoModel })
  resend(@TenantId() tenantId: string, @Param('name') name: string): Promise<ProviderWebhookInfoModel> {
    return this.settings.resendQueue(tenantId, name);
  }

  @Put('settings/send-seen')
  @ApiOkResponse({ type: ProviderSettingModel })
  setSendSeen(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: ProviderSettingInput,
  ): Promise<ProviderSettingModel> {
    return this.settings.setSendSeen(tenantId, name, input.on);
  }

  @Put('settings/receive')
  @ApiOkResponse({ type: ProviderSettingModel })
  setReceive(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: ProviderSettingInput,
  ): Promise<ProviderSettingModel> {
    return this.settings.setReceive(tenantId, name, input.on);
  }
}
