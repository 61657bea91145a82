import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../../auth/tenant.decorator.js';
import type { PageModel } from '../common/page.model.js';
import { PageQuery } from '../common/page.query.js';
import { TemplateModel, TemplatePage } from './template.model.js';
import { CreateTemplateInput } from './template.inputs.js';
import { TemplatesService } from './templates.service.js';
import { ApiScope, RequireScopes } from '../../auth/scopes.js';

@ApiTags('templates')
@ApiBearerAuth()
@RequireScopes(ApiScope.CONNECTIONS)
@Controller('v1/connections/:name/templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: "List the provider's message templates" })
  @ApiOkResponse({ type: TemplatePage })
  list(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Query() query: PageQuery,
  ): Promise<PageModel<TemplateModel>> {
    return this.templates.list(tenantId, name, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a message template at the provider' })
  @ApiCreatedResponse({ type: TemplateModel })
  create(
    @TenantId() tenantId: string,
    @Param('name') name: string,
    @Body() input: CreateTemplateInput,
  ): Promise<TemplateModel> {
    return this.templates.create(tenantId, name, input);
  }
}
