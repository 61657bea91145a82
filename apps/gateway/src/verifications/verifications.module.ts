import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VerificationEntity } from '../database/entities/verification.entity.js';
import { MessagesModule } from '../messages/messages.module.js';
import { GATEWAY_CONFIG } from '../config/gateway-config.js';
import { VERIFICATION_SETTINGS, verificationSettings } from './verification-settings.js';
import { VerificationsController } from './verifications.controller.js';
import { VerificationsResolver } from './verifications.resolver.js';
import { VerificationsService } from './verifications.service.js';

/** Phone verifications (OTP): Watsal natively, every other provider with a gateway-generated code sent as text. */
@Module({
  imports: [TypeOrmModule.forFeature([VerificationEntity]), MessagesModule],
  controllers: [VerificationsController],
  providers: [
    VerificationsService,
    VerificationsResolver,
    { provide: VERIFICATION_SETTINGS, inject: [GATEWAY_CONFIG], useFactory: verificationSettings },
  ],
})
export class VerificationsModule {}
