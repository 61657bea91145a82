import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { ConnectionModel } from '../../common/graphql/connection.types.js';
import { ProviderListArgs } from '../common/provider-list.args.js';
import { providerListConnection } from '../common/provider-list.connection.js';
import { TemplateConnection, TemplateModel } from './template.model.js';
import { CreateTemplateInput } from './template.inputs.js';
import { TemplatesService } from './templates.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => TemplateModel)
export class TemplatesResolver {
  constructor(private readonly service: TemplatesService) {}

  @Query(() => TemplateConnection, { description: "The provider's templates (capability `templates_list`)" })
  templates(
    @TenantId() tenantId: string,
    @Args() args: ProviderListArgs,
  ): Promise<ConnectionModel<TemplateModel>> {
    return providerListConnection(args, (page) => this.service.list(tenantId, args.connection, page));
  }

  @Mutation(() => TemplateModel, { description: 'Capability `templates_create`' })
  createTemplate(
    @TenantId() tenantId: string,
    @Args('connection', { description: 'Connection name' }) connection: string,
    @Args('input', { description: 'The template to register' }) input: CreateTemplateInput,
  ): Promise<TemplateModel> {
    return this.service.create(tenantId, connection, input);
  }
}
