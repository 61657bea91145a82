import { Injectable } from '@nestjs/common';
import { ConnectionsService } from '../../connections/connections.service.js';
import { toPageModel, type PageModel } from '../common/page.model.js';
import type { PageQuery } from '../common/page.query.js';
import { definedFields, unifiedPageQuery } from '../common/query.js';
import { toTemplateModel, type TemplateModel } from './template.model.js';
import type { CreateTemplateInput } from './template.inputs.js';

/** Templates registered at the provider (capabilities `templates_list`, `templates_create`). */
@Injectable()
export class TemplatesService {
  constructor(private readonly connections: ConnectionsService) {}

  async list(tenantId: string, connection: string, query: PageQuery): Promise<PageModel<TemplateModel>> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toPageModel(await adapter.listTemplates(unifiedPageQuery(query)), toTemplateModel);
  }

  async create(tenantId: string, connection: string, input: CreateTemplateInput): Promise<TemplateModel> {
    const { adapter } = await this.connections.connect(tenantId, connection);
    return toTemplateModel(await adapter.createTemplate(definedFields({ ...input })));
  }
}
