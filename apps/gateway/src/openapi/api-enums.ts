import { CAPABILITIES, PROVIDERS } from '@app/providers';
import { GatewayErrorCode } from '../common/errors/error-codes.js';

/**
 * The named enums of the OpenAPI document, for `@ApiProperty({ ...API_ENUM.x })`: Nest turns `enumName` into one
 * component schema that every use references, so generated clients get one union type per list, not copies.
 */
export const API_ENUM = {
  providerId: { enum: PROVIDERS.map((p) => p.id), enumName: 'ProviderId' },
  capability: { enum: [...CAPABILITIES], enumName: 'Capability' },
  errorCode: { enum: Object.values(GatewayErrorCode), enumName: 'ErrorCode' },
} as const;

/** The same lists as plain component schemas, for what the document adds after Nest built it (Problem). */
export function enumSchemas(): Record<string, { type: 'string'; enum: string[]; description: string }> {
  return {
    ProviderId: {
      type: 'string',
      enum: [...API_ENUM.providerId.enum],
      description: 'A provider the gateway speaks to',
    },
    Capability: {
      type: 'string',
      enum: [...API_ENUM.capability.enum],
      description: 'Something a provider may be able to do (see GET /v1/providers)',
    },
    ErrorCode: {
      type: 'string',
      enum: [...API_ENUM.errorCode.enum],
      description:
        "The gateway's one error code list: the providers' codes, normalized, plus the gateway's own (GraphQL: extensions.code)",
    },
  };
}
