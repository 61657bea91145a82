import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { TenantId } from '../auth/tenant.decorator.js';
import { CheckVerificationBody, StartVerificationInput } from './dto/verification.inputs.js';
import { VerificationModel, VerificationResultModel } from './models/verification.model.js';
import { VerificationsService } from './verifications.service.js';
import { ApiScope, RequireScopes } from '../auth/scopes.js';

@ApiTags('verifications')
@ApiBearerAuth()
@RequireScopes(ApiScope.SEND)
@Controller('v1/verifications')
export class VerificationsController {
  constructor(private readonly service: VerificationsService) {}

  @Post()
  @ApiOperation({ summary: 'Start a phone verification (send an OTP code)' })
  @ApiCreatedResponse({ type: VerificationModel })
  start(@TenantId() tenantId: string, @Body() input: StartVerificationInput): Promise<VerificationModel> {
    return this.service.start(tenantId, input);
  }

  @Post(':id/check')
  @ApiOperation({ summary: 'Check a verification code' })
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationResultModel })
  check(
    @TenantId() tenantId: string,
    @Param('id') id: string,
    @Body() body: CheckVerificationBody,
  ): Promise<VerificationResultModel> {
    return this.service.check(tenantId, id, body.code);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get a verification' })
  @ApiOkResponse({ type: VerificationModel })
  get(@TenantId() tenantId: string, @Param('id') id: string): Promise<VerificationModel> {
    return this.service.get(tenantId, id);
  }
}
