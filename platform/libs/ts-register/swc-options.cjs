/**
 * How the repository's TypeScript becomes CommonJS, wherever it runs: the dev loader (`index.cjs`), jest
 * (`jest.config.js`) and the images' build (`docker/compile-package.mjs`). Legacy decorators with their
 * metadata are what NestJS reads for injection; the target matches tsconfig.base.json.
 */
module.exports = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
};
