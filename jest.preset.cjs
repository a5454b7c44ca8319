// Shared jest settings: swc with the build's options, tsconfig path aliases, UTC.
'use strict';
const path = require('node:path');
const { root, paths, swcOptions } = require('./tools/swc-options.cjs');

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [
    `^${alias.replace(/\//g, '\\/')}$`,
    path.join(root, target),
  ]),
);

module.exports = {
  rootDir: root,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  globalSetup: path.join(root, 'tools/jest-utc.setup.cjs'),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
