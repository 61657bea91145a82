// Jest runs in ESM mode (NestJS 12 ships ES modules only); see ../shared/TOOLCHAIN.md.
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
  },
];

// ESM-only packages that CommonJS dependencies require() (content-disposition 2 under @fastify/static):
// Node 20's require(esm) is not available inside Jest's VM, so these are compiled to CommonJS for tests.
const REQUIRED_ESM = ['content-disposition'];
const toCommonJs = ['@swc/jest', { swcrc: false, jsc: { target: 'es2022' }, module: { type: 'commonjs' } }];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': swc,
    [`node_modules/(.+/)?(${REQUIRED_ESM.join('|')})/.+\\.js$`]: toCommonJs,
  },
  transformIgnorePatterns: [`/node_modules/(?!(.+/)?(${REQUIRED_ESM.join('|')})/)`],
  moduleNameMapper: {
    '^@app/providers$': '<rootDir>/libs/providers/src/index.ts',
    // Its ESM build imports JSON without an import attribute, which Jest's VM deprecates; the CommonJS build does not.
    '^libphonenumber-js$': '<rootDir>/node_modules/libphonenumber-js/index.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
  // Fails a spec file that leaves node:http patched (a nock not restored), which crashed later files (issue #14).
  setupFilesAfterEnv: ['<rootDir>/test/support/http-patch-guard.ts'],
};

/** @type {import('jest').Config} */
export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'] },
    { ...common, displayName: 'contract', testMatch: ['<rootDir>/test/contract/**/*.contract-spec.ts'] },
  ],
  // Suites start PostgreSQL databases, simulators and gateways on a shared, busy machine (a stack takes 5-9 s at a
  // load average of 12 on 2 cores): Jest's 5 s default fails their hooks under load, not their code.
  // (A global option: Jest ignores it inside `projects`.) A hang still fails, one minute later.
  testTimeout: 60_000,
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  reporters: ['default', ['jest-junit', { outputDirectory: 'reports', outputName: 'jest-junit.xml' }]],
};
