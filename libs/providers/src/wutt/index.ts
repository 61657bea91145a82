import { createWasheejPlatformProvider } from '../washeej/washeej.provider.js';

/** Wutt.net runs the Washeej platform (same routes, rules and shapes) on its own host. */
export const wuttProvider = createWasheejPlatformProvider({
  id: 'wutt',
  name: 'Wutt.net',
  defaultBaseUrl: 'https://www.wutt.net/external-api',
});
