// unit: pure code (*.spec.ts); integration: real Kafka + PostgreSQL (*.int-spec.ts);
// e2e: services as processes, faults included (e2e/**/*.e2e-spec.ts).
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
    {
      ...preset,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/shared/testing/src/global-setup.cjs',
      globalTeardown: '<rootDir>/libs/shared/testing/src/global-teardown.cjs',
      setupFilesAfterEnv: ['<rootDir>/libs/shared/testing/src/int-setup.ts'],
    },
  ],
};
