import type { ConnectionEntity } from '../database/entities/connection.entity.js';

/**
 * Whether a connection may be tried now (not paused after a provider's 429/503, not held off by its circuit
 * breaker). A route tries the available connections first. The pacing work (dispatch/) provides the real answer;
 * until it is bound to this token, every connection is available.
 */
export interface ConnectionAvailability {
  isAvailable(connection: ConnectionEntity, now?: Date): boolean;
}

export const CONNECTION_AVAILABILITY = Symbol('CONNECTION_AVAILABILITY');

/** The default binding: no pacing information, so every connection is available. */
export class AlwaysAvailable implements ConnectionAvailability {
  isAvailable(): boolean {
    return true;
  }
}
