/**
 * `node -r @marketplace/ts-register <file.ts>`: compiles each TypeScript file of the repository with swc as
 * Node requires it. It replaces `@swc-node/register`, which loads the TypeScript compiler into every process to
 * read tsconfig files (about 55 MiB of RSS per service under `npm start`, ADR 0073); the options here are fixed
 * and shared with jest and the image build, so nothing needs reading. Source maps are inline and Node maps stack
 * traces itself (what `--enable-source-maps` does in the images).
 */
const Module = require('node:module');
const swc = require('@swc/core');
const swcOptions = require('./swc-options.cjs');

process.setSourceMapsEnabled(true);

const options = { ...swcOptions, sourceMaps: 'inline', swcrc: false, configFile: false };

for (const extension of ['.ts', '.cts']) {
  Module._extensions[extension] = function compileTypeScript(module, filename) {
    const { code } = swc.transformFileSync(filename, { ...options, filename });
    module._compile(code, filename);
  };
}
