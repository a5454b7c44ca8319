import { ConfigError } from './config-error';
import { parseRateLimits } from './rate-limits';

describe('parseRateLimits', () => {
  const problemOf = (raw: string): string => {
    try {
      parseRateLimits('RATE_LIMITS', raw);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error(`"${raw}" was accepted`);
  };

  it('keeps every default when the variable is unset or blank', () => {
    for (const raw of [undefined, '', '   ']) {
      expect(parseRateLimits('RATE_LIMITS', raw)).toMatchObject({
        trader: { requests: 10000, seconds: 1 },
        anonymous: { requests: 50, seconds: 1 },
      });
    }
  });

  it('reads per second, per minute and off, and leaves the roles it does not name alone', () => {
    expect(parseRateLimits('RATE_LIMITS', ' risk=3/s , auditor=120/min,anonymous=off')).toEqual({
      trader: { requests: 10000, seconds: 1 },
      service: { requests: 10000, seconds: 1 },
      risk: { requests: 3, seconds: 1 },
      ops: { requests: 500, seconds: 1 },
      auditor: { requests: 120, seconds: 60 },
      admin: { requests: 500, seconds: 1 },
      anonymous: null,
    });
  });

  it.each([
    ['an unknown role', 'traders=5/s', '"traders=5/s" is not'],
    ['no unit', 'risk=5', '"risk=5" is not'],
    ['an hour', 'risk=5/h', '"risk=5/h" is not'],
    ['a fraction', 'risk=2.5/s', '"risk=2.5/s" is not'],
    ['a negative count', 'risk=-1/s', '"risk=-1/s" is not'],
    ['an empty entry', 'risk=5/s,', '"" is not'],
    ['upper case', 'RISK=5/s', '"RISK=5/s" is not'],
  ])('refuses %s with one line naming the variable and the entry', (_case, raw, start) => {
    const message = problemOf(raw);
    expect(
      message.startsWith(`RATE_LIMITS: ${start} <role>=<count>/s, <role>=<count>/min or <role>=off`),
    ).toBe(true);
    expect(message).not.toMatch(/[\r\n]/);
  });

  it('refuses a zero count and a role named twice', () => {
    expect(problemOf('risk=0/s')).toBe(
      'RATE_LIMITS: "risk=0/s": the count must be at least 1 (or write risk=off)',
    );
    expect(problemOf('risk=5/s,risk=6/s')).toBe('RATE_LIMITS: names risk twice');
  });
});
