import type { ProviderSuite } from '../types.js';
import { wamessengerSuite } from './wamessenger.js';
import { washeejPlatformSuite } from './washeej.js';
import { watsalSuite } from './watsal.js';
import { wessaalSuite } from './wessaal.js';

/** Every provider's contract suite, by registry id. */
export const SUITES: Readonly<Record<string, ProviderSuite>> = Object.freeze({
  wamessenger: wamessengerSuite as ProviderSuite,
  washeej: washeejPlatformSuite('washeej') as ProviderSuite,
  watsal: watsalSuite as ProviderSuite,
  wessaal: wessaalSuite as ProviderSuite,
  wutt: washeejPlatformSuite('wutt') as ProviderSuite,
});

export const PROVIDER_IDS = Object.keys(SUITES).sort();
