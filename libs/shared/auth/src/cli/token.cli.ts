// `npm run token -- --role R --sub U [--books B1,B2] [--ttl 8h]`: prints a development token on stdout.
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '../role';
import { signToken } from '../token-signer';

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = 'usage: npm run token -- --role <role> --sub <user> [--books B1,B2] [--ttl 8h]';

/** Returns the exit code: 0 ok, 2 bad arguments, 1 anything else. */
export function runTokenCli(argv: readonly string[], out: CliOutput): number {
  let values: { role?: string; sub?: string; books?: string; ttl?: string };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string' },
        sub: { type: 'string' },
        books: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(out, `${(error as Error).message}; ${USAGE}`);
  }

  if (!values.sub || values.sub.trim() === '') return usageError(out, `--sub is required; ${USAGE}`);
  if (!isRole(values.role)) {
    return usageError(out, `--role must be one of ${ROLES.join(', ')} (got '${values.role ?? ''}')`);
  }
  const books = (values.books ?? '')
    .split(',')
    .map((book) => book.trim())
    .filter((book) => book !== '');
  if (values.role === 'trader' && books.length === 0) {
    return usageError(out, '--books B1,B2 is required for role trader');
  }
  if (values.role !== 'trader' && books.length > 0) {
    return usageError(out, `--books is only for role trader, not ${values.role}`);
  }

  let token: string;
  try {
    token = signToken({ sub: values.sub, role: values.role, books, expiresIn: values.ttl });
  } catch (error) {
    const message = (error as Error).message;
    // jsonwebtoken's message for an unreadable --ttl.
    if (message.includes('expiresIn')) {
      return usageError(out, `--ttl '${values.ttl ?? ''}' is not a timespan such as 8h, 30m or 3600`);
    }
    out.stderr(`token: ${message}\n`);
    return 1;
  }
  out.stdout(`${token}\n`);
  return 0;
}

function usageError(out: CliOutput, message: string): number {
  out.stderr(`token: ${message}\n`);
  return 2;
}

if (require.main === module) {
  process.exitCode = runTokenCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
