import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { ConnectionPageArgs } from '../common/page.query.js';
import { TemplateModel, TemplatePage } from './template.model.js';
import { CreateTemplateInput } from './template.inputs.js';
import { TemplatesService } from './templates.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@RequireScopes(ApiScope.CONNECTIONS)
@Resolver(() => TemplateModel)
export class TemplatesResolver {
  constructor(private readonly service: TemplatesService) {}

  @Query(() => TemplatePage, { description: "The provider's templates (capability `templates_list`)" })
  templates(
    @TenantId() tenantId: string,
    @Args() args: ConnectionPageArgs,
  ): Promise<PageModel<TemplateModel>> {
    return this.service.list(tenantId, args.connection, args);
  }

  @Mutation(() => TemplateModel, { description: 'Capability `templates_create`' })
  createTemplate(
    @TenantId() tenantId: string,
    @Args('connection') connection: string,
    @Args('input') input: CreateTemplateInput,
  ): Promise<TemplateModel> {
    return this.service.create(tenantId, connection, input);
  }
}
