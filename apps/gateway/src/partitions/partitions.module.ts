import { Module } from '@nestjs/common';
import { PartitionMaintenance } from './partition-maintenance.js';

/** Creates the monthly partitions of messages, status_changes and inbound_messages ahead of time. */
@Module({ providers: [PartitionMaintenance], exports: [PartitionMaintenance] })
export class PartitionsModule {}
