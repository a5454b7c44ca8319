// One swc configuration for the build (scripts/build.cjs) and for jest, so tests run the code as shipped.
'use strict';
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const { compilerOptions } = require(path.join(root, 'tsconfig.base.json'));

module.exports = {
  root,
  paths: compilerOptions.paths,
  swcOptions: {
    sourceMaps: true,
    module: { type: 'commonjs' },
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      // NestJS dependency injection reads the constructor types emitted here.
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
      baseUrl: root,
      paths: compilerOptions.paths,
    },
  },
};
