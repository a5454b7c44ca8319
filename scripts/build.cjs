// Compiles apps/, libs/, bench/ and e2e/ to dist/ with swc (path aliases rewritten), incrementally by mtime.
// Type-checking is `npm run typecheck`; this only makes runnable JavaScript, in well under a second.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const swc = require('@swc/core');
const { root, swcOptions } = require('../tools/swc-options.cjs');

const quiet = process.argv.includes('--quiet');
const sources = ['apps', 'libs', 'bench', 'e2e'];
const out = path.join(root, 'dist');

function* walk(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') yield* walk(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      yield full;
    } else if (entry.name.endsWith('.json') && full.includes(`${path.sep}src${path.sep}`)) {
      yield full;
    }
  }
}

async function main() {
  let compiled = 0;
  const jobs = [];
  for (const dir of sources) {
    for (const file of walk(path.join(root, dir))) {
      const rel = path.relative(root, file);
      const target = path.join(out, rel.replace(/\.ts$/, '.js'));
      const srcTime = fs.statSync(file).mtimeMs;
      if (fs.existsSync(target) && fs.statSync(target).mtimeMs >= srcTime) continue;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (file.endsWith('.json')) {
        fs.copyFileSync(file, target);
        continue;
      }
      jobs.push(
        swc
          .transformFile(file, { ...swcOptions, filename: file, outputPath: target, sourceFileName: file })
          .then((result) => {
            fs.writeFileSync(target, `${result.code}\n//# sourceMappingURL=${path.basename(target)}.map`);
            if (result.map) fs.writeFileSync(`${target}.map`, result.map);
            compiled += 1;
          }),
      );
    }
  }
  await Promise.all(jobs);
  if (!quiet) console.log(`build: ${compiled} file(s) compiled to dist/`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
