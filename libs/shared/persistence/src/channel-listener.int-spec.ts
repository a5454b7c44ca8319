import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ChannelListener } from './channel-listener';

// A listener that is started and stopped as streams come and go: stopped, it holds no connection (one
// still being opened included); started again, it hears the channel again.
describe('ChannelListener', () => {
  const name = `listener-int-${randomBytes(4).toString('hex')}`;
  const channel = `channel_${randomBytes(4).toString('hex')}`;
  const url = process.env['DATABASE_URL']!; // set by the global setup
  let admin: Client;
  const heard: string[] = [];
  const listener = new ChannelListener({
    databaseUrl: url,
    channel,
    applicationName: name,
    onNotify: (payload) => heard.push(payload),
    log: () => undefined,
  });

  const connections = async () =>
    (
      await admin.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
        [name],
      )
    ).rows[0]!.n;
  const notify = (payload: string) => admin.query('SELECT pg_notify($1, $2)', [channel, payload]);
  const heardSoon = async (payload: string) => {
    for (let i = 0; i < 50 && !heard.includes(payload); i++) await new Promise((r) => setTimeout(r, 20));
    return heard.includes(payload);
  };

  beforeAll(async () => {
    admin = new Client({ connectionString: url });
    await admin.connect();
  });

  afterAll(async () => {
    await listener.stop();
    await admin.end();
  });

  it('listens, stops holding nothing, and listens again after a restart', async () => {
    await listener.start();
    expect(await connections()).toBe(1);
    await notify('first');
    expect(await heardSoon('first')).toBe(true);

    await listener.stop();
    expect(await connections()).toBe(0);
    await notify('while stopped');
    expect(await heardSoon('while stopped')).toBe(false);

    await listener.start();
    await notify('again');
    expect(await heardSoon('again')).toBe(true);
    await listener.stop();
    expect(await connections()).toBe(0);
  });

  it('closes a connection that was still being opened when it was stopped', async () => {
    const starting = listener.start();
    await listener.stop();
    await starting;
    expect(await connections()).toBe(0);
  });
});
