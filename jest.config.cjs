// `npm run test:unit` (pure code, *.spec.ts) and `npm run test:int` (real Kafka + PostgreSQL, *.int-spec.ts).
'use strict';
const preset = require('./jest.preset.cjs');

module.exports = {
  projects: [
    { ...preset, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/shared/testing/src/global-setup.cjs',
      globalTeardown: '<rootDir>/libs/shared/testing/src/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/libs/shared/testing/src/int-setup.ts'],
      slowTestThreshold: 30,
    },
  ],
};
