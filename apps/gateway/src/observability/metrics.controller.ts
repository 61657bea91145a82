import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual, createHash } from 'node:crypto';
import { Public } from '../auth/public.decorator.js';
import { bearerToken } from '../auth/api-key.service.js';
import { GatewayErrorCode } from '../common/errors/error-codes.js';
import { GatewayError } from '../common/errors/gateway-error.js';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus exposition at /metrics: open, or behind `Authorization: Bearer $GATEWAY_METRICS_TOKEN` when set. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const expected = this.config.GATEWAY_METRICS_TOKEN;
    if (expected !== undefined && !sameSecret(bearerToken(request.headers.authorization) ?? '', expected))
      throw new GatewayError(
        GatewayErrorCode.UNAUTHENTICATED,
        'GET /metrics needs Authorization: Bearer <GATEWAY_METRICS_TOKEN>',
      );
    const { contentType, body } = await this.metrics.render();
    await reply.header('cache-control', 'no-store').type(contentType).send(body);
  }
}

function sameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
