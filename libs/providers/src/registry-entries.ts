// One line per provider: its folder's index exports a `<id>Provider` definition, its client and its types.
export * from './washeej/index.js';
export * from './wutt/index.js';
export * from './watsal/index.js';
export * from './wessaal/index.js';
export * from './wamessenger/index.js';
