import { Global, Module } from '@nestjs/common';
import { ConnectionHealthService } from './connection-health.service.js';
import { DispatchGate } from './dispatch-gate.js';
import { RateLimiter } from './rate-limiter.js';

/** Pace and health per connection: rate limits, pauses, circuit breaker (global: the sender and routes use it). */
@Global()
@Module({
  providers: [ConnectionHealthService, RateLimiter, DispatchGate],
  exports: [ConnectionHealthService, DispatchGate],
})
export class DispatchModule {}
