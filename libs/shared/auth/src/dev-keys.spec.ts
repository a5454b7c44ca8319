import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, devKeyPath } from './dev-keys';

describe('development keys', () => {
  const repoRoot = resolve(__dirname, '../../../..');

  it('resolves the committed PEM files from the repository root', () => {
    expect(existsSync(join(repoRoot, 'nx.json'))).toBe(true);
    expect(devKeyPath('public')).toBe(join(repoRoot, 'infra/dev-keys/jwt-public.pem'));
    expect(devKeyPath('private')).toBe(join(repoRoot, 'infra/dev-keys/jwt-private.pem'));
  });

  it('are one RSA 2048 key pair', () => {
    const privateKey = createPrivateKey(readFileSync(devKeyPath('private'), 'utf8'));
    const publicKey = createPublicKey(readFileSync(devKeyPath('public'), 'utf8'));
    expect(publicKey.asymmetricKeyType).toBe('rsa');
    expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const data = Buffer.from('tradeflow');
    expect(verify('sha256', data, publicKey, sign('sha256', data, privateKey))).toBe(true);
  });

  it('name the development issuer and audience', () => {
    expect(DEV_ISSUER).toBe('tradeflow-dev');
    expect(DEV_AUDIENCE).toBe('tradeflow');
  });
});
