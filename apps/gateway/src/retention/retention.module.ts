import { Module } from '@nestjs/common';
import { RetentionJob } from './retention.job.js';

/** Deletes messages, inbound messages, verifications and client-webhook deliveries past their retention. */
@Module({ providers: [RetentionJob], exports: [RetentionJob] })
export class RetentionModule {}
