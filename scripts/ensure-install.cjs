// Runs before `npm start` and `npm test`: installs dependencies when node_modules is missing or stale.
// Must work on the machine's own Node (20) because it runs before the pinned Node 24 is installed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const lock = path.join(root, 'package-lock.json');
const stamp = path.join(root, 'node_modules', '.package-lock.json');
const pinnedNode = path.join(root, 'node_modules', 'node', 'bin', 'node');

const stale =
  !fs.existsSync(stamp) ||
  !fs.existsSync(pinnedNode) ||
  fs.statSync(lock).mtimeMs > fs.statSync(stamp).mtimeMs;
if (stale) {
  console.log('[install] installing dependencies (npm ci)');
  try {
    execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  } catch {
    // npm 11 records only this platform's optional binaries (@swc/core-*) in the lock and then calls
    // the lock out of sync in `npm ci`; `npm install` keeps every locked version and fills them in.
    console.log('[install] npm ci refused the lock file; installing with npm install (same locked versions)');
    try {
      execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
    } catch {
      // The `node` package's own install step (it links the Node 24 binary) can trip over a half-written
      // npm cache; one clean retry settles it.
      console.log('[install] npm install failed; verifying the npm cache and trying once more');
      execSync('npm cache verify', { cwd: root, stdio: 'inherit' });
      execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
    }
  }
}
