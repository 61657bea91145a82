import type { SimProvider } from '../core/sim-provider.js';
import { createWamessengerSim } from './wamessenger/wamessenger.sim.js';
import { createWasheejSim } from './washeej/washeej.sim.js';
import { createWatsalSim } from './watsal/watsal.sim.js';
import { createWessaalSim } from './wessaal/wessaal.sim.js';

/** Every simulated provider; adding one is its folder plus one line here. */
export const SIM_PROVIDERS: ReadonlyArray<() => SimProvider> = [
  () => createWasheejSim({ id: 'washeej', name: 'Washeej', credentialPrefix: 'washeej' }),
  () => createWasheejSim({ id: 'wutt', name: 'Wutt.net', credentialPrefix: 'wutt' }),
  createWatsalSim,
  createWessaalSim,
  createWamessengerSim,
];
