import { readFileSync } from 'node:fs';
import { decode, type JwtPayload } from 'jsonwebtoken';
import { DEV_AUDIENCE, DEV_ISSUER, devKeyPath } from '../dev-keys';
import { JwtVerifier } from '../jwt-verifier.service';
import { runTokenCli } from './token.cli';

function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = runTokenCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

const verifier = new JwtVerifier({
  publicKey: readFileSync(devKeyPath('public'), 'utf8'),
  issuer: DEV_ISSUER,
  audience: DEV_AUDIENCE,
});

describe('token CLI', () => {
  it('prints only a token the development verifier accepts', () => {
    const { code, stdout, stderr } = run(
      '--role',
      'trader',
      '--sub',
      'alice',
      '--books',
      'EQ-LDN-1, FI-NY-2',
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(verifier.verify(stdout.trim())).toEqual({
      id: 'alice',
      role: 'trader',
      books: ['EQ-LDN-1', 'FI-NY-2'],
    });
  });

  it('defaults to an 8 hour lifetime and takes --ttl', () => {
    const lifetime = (...extra: string[]) => {
      const payload = decode(run('--role', 'ops', '--sub', 'olga', ...extra).stdout.trim()) as JwtPayload;
      return (payload.exp ?? 0) - (payload.iat ?? 0);
    };
    expect(lifetime()).toBe(8 * 3600);
    expect(lifetime('--ttl', '30m')).toBe(1800);
    expect(lifetime('--ttl', '3600')).toBe(3600);
  });

  it.each([
    [
      ['--role', 'superuser', '--sub', 'x'],
      /^token: --role must be one of trader, risk, ops, auditor, admin, service \(got 'superuser'\)\n$/,
    ],
    [['--sub', 'x'], /^token: --role must be one of .* \(got ''\)\n$/],
    [['--role', 'risk'], /^token: --sub is required; usage: npm run token -- /],
    [['--role', 'trader', '--sub', 'alice'], /^token: --books B1,B2 is required for role trader\n$/],
    [
      ['--role', 'risk', '--sub', 'r', '--books', 'X'],
      /^token: --books is only for role trader, not risk\n$/,
    ],
    [['--role', 'risk', '--sub', 'r', '--ttl', 'soon'], /^token: --ttl 'soon' is not a timespan/],
    [['--role', 'risk', '--sub', 'r', '--color'], /^token: Unknown option '--color'/],
  ])('exits 2 with one line on stderr for %j', (argv, message) => {
    const { code, stdout, stderr } = run(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
