import { Controller, Get } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { PROVIDERS } from '@app/providers';
import { ProviderModel } from './provider.model.js';

/** The catalogue is static: computed once from the registry. */
const CATALOGUE: ProviderModel[] = PROVIDERS.map((p) => ({
  id: p.id,
  name: p.name,
  defaultBaseUrl: p.defaultBaseUrl,
  capabilities: Object.entries(p.capabilities)
    .filter(([, supported]) => supported)
    .map(([capability]) => capability),
}));

@Resolver(() => ProviderModel)
export class ProvidersResolver {
  @Query(() => [ProviderModel])
  providers(): ProviderModel[] {
    return CATALOGUE;
  }
}

@ApiTags('providers')
@ApiBearerAuth()
@Controller('v1/providers')
export class ProvidersController {
  @Get()
  @ApiOperation({ summary: 'List the providers, each with its capability table' })
  @ApiOkResponse({ type: [ProviderModel] })
  list(): ProviderModel[] {
    return CATALOGUE;
  }
}
