import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator.js';
import { TenantId } from '../auth/tenant.decorator.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { WebhookInfoModel, WebhookReceiptModel } from './models/webhook-info.model.js';
import { RequestOrigin } from './request-origin.decorator.js';
import { WebhooksService } from './webhooks.service.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

/** Webhook bodies are a few hundred bytes; a queue resend is an array of them. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

@ApiTags('webhooks')
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post(':provider/:token')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: "Receives a provider's webhook (no API key: the token in the path names the connection)",
    description:
      "WaMessenger posts inbound messages and delivery reports here; each body must carry the connection's key " +
      'as `Hash` (else 401). JSON, form fields or text. Unknown provider or token: 404.',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded', 'text/plain')
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: WebhookReceiptModel })
  receive(
    @Param('provider') provider: string,
    @Param('token') token: string,
    @Body() body: unknown,
    @Headers('content-length') contentLength?: string,
  ): Promise<WebhookReceiptModel> {
    if (Number(contentLength) > WEBHOOK_BODY_LIMIT)
      throw GatewayError.badInput('body', `larger than ${WEBHOOK_BODY_LIMIT} bytes`);
    return this.webhooks.receive(provider, token, body);
  }
}

@ApiTags('webhooks')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections')
export class WebhookConfigureController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post(':name/webhook/configure')
  @HttpCode(200)
  @ApiOperation({
    summary: "Points the connection's provider at the gateway's webhook URL for it (WaMessenger)",
    description:
      'The URL is `${GATEWAY_PUBLIC_URL or the URL this request used}/v1/webhooks/<provider>/<token>`. ' +
      'Providers without webhooks: UNSUPPORTED_CAPABILITY.',
  })
  @ApiOkResponse({ type: WebhookInfoModel })
  configure(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @RequestOrigin() origin: string | undefined,
  ): Promise<WebhookInfoModel> {
    return this.webhooks.configure(tenantId, name, origin);
  }
}
