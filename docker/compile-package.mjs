// Compiles one workspace package's TypeScript sources to CommonJS under dist/ with swc (the same
// transform jest and the dev loader use, platform/libs/ts-register/swc-options.cjs) and points the package's
// entry at the compiled file. Run inside the image build, in the package folder, once per package of
// the service's workspace closure: `pnpm --filter "<service>..." exec node /repo/docker/compile-package.mjs`.
// Development and tests keep running the TypeScript sources; only images carry dist/.
import { readFileSync, writeFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require('@swc/core');

const packageDir = process.cwd();
const sourceDir = join(packageDir, 'src');
const outDir = join(packageDir, 'dist');
const testFile = /\.(spec|int-spec|test)\.ts$/;

// The transform jest and the dev loader use, with source maps beside the compiled files.
const swcOptions = { ...require('@marketplace/ts-register/swc-options'), sourceMaps: true };

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !testFile.test(entry.name)
      ? [path]
      : [];
  });
}

let count = 0;
for (const file of sourceFiles(sourceDir)) {
  const target = join(outDir, relative(sourceDir, file)).replace(/\.ts$/, '.js');
  mkdirSync(dirname(target), { recursive: true });
  const { code, map } = swc.transformFileSync(file, { ...swcOptions, filename: file });
  writeFileSync(target, `${code}\n//# sourceMappingURL=${target.split('/').pop()}.map\n`);
  if (map) writeFileSync(`${target}.map`, map);
  count += 1;
}

// A workspace library's entry moves from src/index.ts to dist/index.js; a service keeps whatever
// entry it declares, defaulting to dist/main.js (its Nest bootstrap).
const manifestPath = join(packageDir, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const entry = (manifest.main ?? 'src/main.ts').replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
manifest.main = entry;
delete manifest.types;
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${manifest.name}: compiled ${count} files, main=${entry}`);
