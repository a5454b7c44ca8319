import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Development only: production supplies JWT_PUBLIC_KEY or JWKS_URL and never reads these files.
export const DEV_ISSUER = 'tradeflow-dev';
export const DEV_AUDIENCE = 'tradeflow';

/** Path of the committed development key pair under infra/dev-keys. */
export function devKeyPath(kind: 'public' | 'private'): string {
  return join(repoRoot(), 'infra', 'dev-keys', `jwt-${kind}.pem`);
}

// Walks up because this runs both from libs/ (jest) and from dist/libs/ (compiled).
function repoRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json found above ${start}; cannot locate infra/dev-keys`);
    dir = parent;
  }
}
