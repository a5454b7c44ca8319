import { startService, type StartedService } from '@tradeflow/shared/testing';
import { bearer } from './trade-capture/trade-capture.fixtures';

// The rate limit of the platform's HTTP doors on a real service process (ledger: the platform's doors
// only), with a small limit configured: over it, 429 with Retry-After; after the wait, served again.
describe('the rate limit', () => {
  let service: StartedService;
  const rita = bearer('rita', 'risk');
  const whoami = (authorization: string) =>
    fetch(`${service.url}/api/whoami`, { headers: { authorization } });

  beforeAll(async () => {
    service = await startService('ledger', { RATE_LIMITS: 'risk=3/s' });
  });

  afterAll(async () => {
    await service.process.stop();
  });

  it('answers a user over the limit 429 with Retry-After, then serves them after the wait', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await whoami(rita)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await whoami(rita);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('ratelimit-policy')).toBe('"risk";q=3;w=1');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(1); // a third of a second to the next token, said in whole seconds
    expect(refused.headers.get('ratelimit')).toBe('"risk";r=0;t=1');
    expect(await refused.json()).toMatchObject({
      type: 'https://tradeflow.dev/problems/too-many-requests',
      status: 429,
      detail: 'too many requests: 3 in a second for a risk; retry after 1 s',
      instance: '/api/whoami',
    });
    // Another user has a bucket of their own.
    expect((await whoami(bearer('rob', 'risk'))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    expect((await whoami(rita)).status).toBe(200);
  });

  it('never limits health, readiness or metrics, nor a role without a limit configured', async () => {
    const probes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${service.url}${['/health/live', '/metrics', '/health/ready'][i % 3]}`),
      ),
    );
    expect(probes.map((r) => r.status).filter((s) => s === 429)).toEqual([]);
    const ops = bearer('oscar', 'ops'); // ops keeps its default, 500/s
    const answers = await Promise.all(Array.from({ length: 20 }, () => whoami(ops)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
  });
});
