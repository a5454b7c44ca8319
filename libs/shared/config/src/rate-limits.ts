import { ConfigError } from './config-error';

/**
 * Whom a rate limit counts: each authenticated user under their token's role, or, for a request that
 * carries no token, its client address (`anonymous`). The roles are the auth library's (a unit test of
 * the platform keeps the two lists equal).
 */
export const RATE_LIMIT_SUBJECTS = [
  'trader',
  'risk',
  'ops',
  'auditor',
  'admin',
  'service',
  'anonymous',
] as const;
export type RateLimitSubject = (typeof RATE_LIMIT_SUBJECTS)[number];

/** At most `requests` at once, refilled at `requests` per `seconds`: a token bucket. */
export interface RateLimit {
  requests: number;
  seconds: number;
}

/** The limit of each subject; `null` when it has none. */
export type RateLimits = Readonly<Record<RateLimitSubject, RateLimit | null>>;

/**
 * Per user and per service instance. A trader's and a machine's are high enough that one trader token
 * books at an instance's full speed (the capture bench does, about 3,400 captures/s on 2 cores); people
 * who read get less; a caller without a token little.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  trader: { requests: 10000, seconds: 1 },
  service: { requests: 10000, seconds: 1 },
  risk: { requests: 500, seconds: 1 },
  ops: { requests: 500, seconds: 1 },
  auditor: { requests: 500, seconds: 1 },
  admin: { requests: 500, seconds: 1 },
  anonymous: { requests: 50, seconds: 1 },
};

const ENTRY = /^([a-z]+)=(?:(\d{1,7})\/(s|min)|(off))$/;
const FORM = `<role>=<count>/s, <role>=<count>/min or <role>=off, comma-separated (roles: ${RATE_LIMIT_SUBJECTS.join(', ')})`;

/**
 * `trader=50/s,risk=20/s,admin=600/min,service=off`: the subjects named replace their defaults, the
 * others keep them. Anything else is one ConfigError naming the variable and the entry at fault.
 */
export function parseRateLimits(variable: string, raw: string | undefined): RateLimits {
  const limits: Record<RateLimitSubject, RateLimit | null> = { ...DEFAULT_RATE_LIMITS };
  if (raw === undefined || raw.trim() === '') return limits;
  const seen = new Set<string>();
  for (const entry of raw.split(',').map((e) => e.trim())) {
    const match = ENTRY.exec(entry);
    const subject = match?.[1] as RateLimitSubject | undefined;
    if (!match || !subject || !(RATE_LIMIT_SUBJECTS as readonly string[]).includes(subject)) {
      throw new ConfigError(variable, `"${entry}" is not ${FORM}`);
    }
    if (seen.has(subject)) throw new ConfigError(variable, `names ${subject} twice`);
    seen.add(subject);
    const requests = Number(match[2]);
    if (match[4] === undefined && requests < 1) {
      throw new ConfigError(variable, `"${entry}": the count must be at least 1 (or write ${subject}=off)`);
    }
    limits[subject] = match[4] ? null : { requests, seconds: match[3] === 'min' ? 60 : 1 };
  }
  return limits;
}
