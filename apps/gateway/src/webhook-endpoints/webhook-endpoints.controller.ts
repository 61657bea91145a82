import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
  ApiAcceptedResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ApiScope, RequireScopes } from '../auth/scopes.js';
import { TenantId } from '../auth/tenant.decorator.js';
import {
  CreateWebhookEndpointInput,
  EndpointAttemptsQuery,
  RecoverWebhookEndpointInput,
  UpdateWebhookEndpointInput,
  WebhookAttemptsArgs,
  WebhookPageArgs,
} from './webhook-endpoint.inputs.js';
import {
  WebhookAttemptConnectionModel,
  WebhookDeliveryConnectionModel,
  WebhookDeliveryModel,
  WebhookEndpointConnectionModel,
  WebhookEndpointModel,
  WebhookEndpointWithSecretModel,
  WebhookRecoverResultModel,
} from './webhook-endpoint.models.js';
import { toEndpointModel, WebhookEndpointsService } from './webhook-endpoints.service.js';

/**
 * Every operation here needs the `webhooks` scope, reads included (each carries its own @RequireScopes, which the
 * guard's read-only rule would otherwise answer with `read`): endpoint URLs may carry tokens, and attempts keep what
 * the receiver answered.
 */
@ApiTags('webhook-endpoints')
@ApiBearerAuth()
@RequireScopes(ApiScope.WEBHOOKS)
@Controller('v1/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly service: WebhookEndpointsService) {}

  @RequireScopes(ApiScope.WEBHOOKS)
  @Get()
  @ApiOperation({ summary: 'List webhook endpoints' })
  @ApiOkResponse({ type: WebhookEndpointConnectionModel })
  list(
    @TenantId() tenantId: string,
    @Query() page: WebhookPageArgs,
  ): Promise<WebhookEndpointConnectionModel> {
    return this.service.list(tenantId, page.first, page.after);
  }

  @Post()
  @ApiOperation({ summary: 'Register a webhook endpoint (its secret is shown once)' })
  @ApiCreatedResponse({ type: WebhookEndpointWithSecretModel, description: 'The secret is shown this once' })
  create(
    @TenantId() tenantId: string,
    @Body() input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecretModel> {
    return this.service.create(tenantId, input);
  }

  /** Attempts across endpoints, e.g. every attempt about one message (`?messageId=`). */
  @RequireScopes(ApiScope.WEBHOOKS)
  @Get('attempts')
  @ApiOperation({ summary: 'List delivery attempts of one message, across endpoints' })
  @ApiOkResponse({ type: WebhookAttemptConnectionModel })
  allAttempts(
    @TenantId() tenantId: string,
    @Query() query: WebhookAttemptsArgs,
  ): Promise<WebhookAttemptConnectionModel> {
    return this.service.attempts(tenantId, query, query.first, query.after);
  }

  @RequireScopes(ApiScope.WEBHOOKS)
  @Get(':id')
  @ApiOperation({ summary: 'Get one webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointModel })
  async get(@TenantId() tenantId: string, @Param('id') id: string): Promise<WebhookEndpointModel> {
    return toEndpointModel(await this.service.get(tenantId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a webhook endpoint (url, events, description, enabled)' })
  @ApiOkResponse({ type: WebhookEndpointModel })
  update(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Body() input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointModel> {
    return this.service.update(tenantId, id, input);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a webhook endpoint' })
  @ApiOkResponse({ type: WebhookEndpointModel })
  remove(@TenantId() tenantId: string, @Param('id') id: string): Promise<WebhookEndpointModel> {
    return this.service.remove(tenantId, id);
  }

  @Post(':id/rotate-secret')
  @ApiOperation({ summary: 'Rotate the signing secret (the old one keeps signing for 24 h)' })
  @HttpCode(200)
  @ApiOkResponse({
    type: WebhookEndpointWithSecretModel,
    description: 'The new secret, shown this once; the old one keeps signing for 24 h',
  })
  rotate(@TenantId() tenantId: string, @Param('id') id: string): Promise<WebhookEndpointWithSecretModel> {
    return this.service.rotateSecret(tenantId, id);
  }

  @RequireScopes(ApiScope.WEBHOOKS)
  @Get(':id/deliveries')
  @ApiOperation({ summary: "List an endpoint's deliveries" })
  @ApiOkResponse({ type: WebhookDeliveryConnectionModel })
  deliveries(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() page: WebhookPageArgs,
  ): Promise<WebhookDeliveryConnectionModel> {
    return this.service.deliveries(tenantId, id, page.first, page.after);
  }

  @RequireScopes(ApiScope.WEBHOOKS)
  @Get(':id/attempts')
  @ApiOperation({ summary: "List an endpoint's delivery attempts" })
  @ApiOkResponse({ type: WebhookAttemptConnectionModel })
  async attempts(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Query() query: EndpointAttemptsQuery,
  ): Promise<WebhookAttemptConnectionModel> {
    await this.service.get(tenantId, id);
    return this.service.attempts(
      tenantId,
      { endpointId: id, messageId: query.messageId },
      query.first,
      query.after,
    );
  }

  @Post(':id/deliveries/:deliveryId/resend')
  @ApiOperation({ summary: 'Deliver one event again now (same webhook-id)' })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookDeliveryModel, description: 'Scheduled now, with the same webhook-id' })
  resend(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Param('deliveryId') deliveryId: string,
  ): Promise<WebhookDeliveryModel> {
    return this.service.resend(tenantId, id, deliveryId);
  }

  @Post(':id/recover')
  @ApiOperation({ summary: 'Replay every failed delivery since a time' })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: WebhookRecoverResultModel })
  recover(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Body() input: RecoverWebhookEndpointInput,
  ): Promise<WebhookRecoverResultModel> {
    return this.service.recover(tenantId, id, input.since);
  }
}
