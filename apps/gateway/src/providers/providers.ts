import { Controller, Get } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { PROVIDERS } from '@app/providers';
import { ProviderModel } from './provider.model.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

/** The catalogue is static: computed once from the registry. */
const CATALOGUE: ProviderModel[] = PROVIDERS.map((p) => ({
  id: p.id,
  name: p.name,
  defaultBaseUrl: p.defaultBaseUrl,
  capabilities: Object.entries(p.capabilities)
    .filter(([, supported]) => supported)
    .map(([capability]) => capability),
}));

@RequireScopes(ApiScope.READ)
@Resolver(() => ProviderModel)
export class ProvidersResolver {
  @Query(() => [ProviderModel], {
    description: 'Every supported provider with its capability table (a short fixed list)',
  })
  providers(): ProviderModel[] {
    return CATALOGUE;
  }
}

@ApiTags('providers')
@ApiBearerAuth()
@RequireScopes(ApiScope.READ)
@Controller('v1/providers')
export class ProvidersController {
  @Get()
  @ApiOperation({ summary: 'List the providers, each with its capability table' })
  @ApiOkResponse({ type: [ProviderModel] })
  list(): ProviderModel[] {
    return CATALOGUE;
  }
}
