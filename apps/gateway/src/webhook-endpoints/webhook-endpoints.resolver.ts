import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiScope, RequireScopes } from '../auth/scopes.js';
import { TenantId } from '../auth/tenant.decorator.js';
import {
  CreateWebhookEndpointInput,
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
@RequireScopes(ApiScope.WEBHOOKS)
@Resolver(() => WebhookEndpointModel)
export class WebhookEndpointsResolver {
  constructor(private readonly service: WebhookEndpointsService) {}

  @RequireScopes(ApiScope.WEBHOOKS)
  @Query(() => WebhookEndpointConnectionModel, {
    description: "Your application's webhook endpoints, newest first",
  })
  webhookEndpoints(
    @TenantId() tenantId: string,
    @Args() page: WebhookPageArgs,
  ): Promise<WebhookEndpointConnectionModel> {
    return this.service.list(tenantId, page.first, page.after);
  }

  @RequireScopes(ApiScope.WEBHOOKS)
  @Query(() => WebhookEndpointModel, { description: 'One webhook endpoint' })
  async webhookEndpoint(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The endpoint id' }) id: string,
  ): Promise<WebhookEndpointModel> {
    return toEndpointModel(await this.service.get(tenantId, id));
  }

  @RequireScopes(ApiScope.WEBHOOKS)
  @Query(() => WebhookDeliveryConnectionModel, { description: "An endpoint's deliveries, newest first" })
  webhookDeliveries(
    @TenantId() tenantId: string,
    @Args('endpointId', { type: () => ID, description: 'The endpoint' }) endpointId: string,
    @Args() page: WebhookPageArgs,
  ): Promise<WebhookDeliveryConnectionModel> {
    return this.service.deliveries(tenantId, endpointId, page.first, page.after);
  }

  @RequireScopes(ApiScope.WEBHOOKS)
  @Query(() => WebhookAttemptConnectionModel, {
    description: 'Delivery attempts, newest first: of an endpoint, about a message, or both',
  })
  webhookAttempts(
    @TenantId() tenantId: string,
    @Args() args: WebhookAttemptsArgs,
  ): Promise<WebhookAttemptConnectionModel> {
    return this.service.attempts(tenantId, args, args.first, args.after);
  }

  @Mutation(() => WebhookEndpointWithSecretModel, {
    description: 'Registers an endpoint; the answer holds its signing secret, shown this once',
  })
  createWebhookEndpoint(
    @TenantId() tenantId: string,
    @Args('input', { description: 'The endpoint' }) input: CreateWebhookEndpointInput,
  ): Promise<WebhookEndpointWithSecretModel> {
    return this.service.create(tenantId, input);
  }

  @Mutation(() => WebhookEndpointModel, { description: 'Changes an endpoint' })
  updateWebhookEndpoint(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The endpoint id' }) id: string,
    @Args('input', { description: 'The changes' }) input: UpdateWebhookEndpointInput,
  ): Promise<WebhookEndpointModel> {
    return this.service.update(tenantId, id, input);
  }

  @Mutation(() => WebhookEndpointModel, {
    description: 'Deletes an endpoint with its deliveries and attempts',
  })
  deleteWebhookEndpoint(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The endpoint id' }) id: string,
  ): Promise<WebhookEndpointModel> {
    return this.service.remove(tenantId, id);
  }

  @Mutation(() => WebhookEndpointWithSecretModel, {
    description: 'A new signing secret, shown this once; the old one keeps signing alongside it for 24 h',
  })
  rotateWebhookEndpointSecret(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The endpoint id' }) id: string,
  ): Promise<WebhookEndpointWithSecretModel> {
    return this.service.rotateSecret(tenantId, id);
  }

  @Mutation(() => WebhookDeliveryModel, {
    description: 'Delivers an event again now, with the same webhook-id',
  })
  resendWebhookDelivery(
    @TenantId() tenantId: string,
    @Args('endpointId', { type: () => ID, description: 'The endpoint' }) endpointId: string,
    @Args('deliveryId', { type: () => ID, description: 'The delivery' }) deliveryId: string,
  ): Promise<WebhookDeliveryModel> {
    return this.service.resend(tenantId, endpointId, deliveryId);
  }

  @Mutation(() => WebhookRecoverResultModel, {
    description: 'Replays every delivery to the endpoint that gave up, for events since a time',
  })
  recoverWebhookEndpoint(
    @TenantId() tenantId: string,
    @Args('id', { type: () => ID, description: 'The endpoint id' }) id: string,
    @Args('input', { description: 'From when' }) input: RecoverWebhookEndpointInput,
  ): Promise<WebhookRecoverResultModel> {
    return this.service.recover(tenantId, id, input.since);
  }
}
