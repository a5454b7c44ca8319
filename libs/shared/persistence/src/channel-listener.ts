import { Client } from 'pg';

export interface ChannelListenerOptions {
  databaseUrl: string;
  channel: string;
  applicationName: string;
  /** Each NOTIFY's payload ('' for none), delivered after the notifying transaction committed. */
  onNotify: (payload: string) => void;
  /** After a lost connection is back: notifications sent meanwhile are lost, so catch up here. */
  onReconnect?: () => Promise<void>;
  log: (message: string) => void;
}

/**
 * LISTEN on one channel over a connection of its own (a pooled connection would lose it), reconnecting
 * after a loss with a back-off.
 */
export class ChannelListener {
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: ChannelListenerOptions) {}

  /** Resolves once listening; concurrent callers share one connection attempt. Again after `stop`. */
  start(): Promise<void> {
    this.stopped = false;
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * Closes the connection (one being opened included) and stops reconnecting, until `start`. Callers
   * that start and stop it over and over run one of the two at a time.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.connecting?.catch(() => undefined);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.options.databaseUrl,
      application_name: this.options.applicationName,
      connectionTimeoutMillis: 5000,
    });
    client.on('notification', (message) => {
      this.options.onNotify(message.payload ?? '');
    });
    client.on('error', (error) => {
      if (this.client !== client) return; // one stop() closed, or still connecting: connect() fails
      this.options.log(
        `${this.options.channel}: listener lost its connection (${error.message}); reconnecting`,
      );
      this.client = undefined;
      void client.end().catch(() => undefined);
      this.retry(1000);
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${this.options.channel}"`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  private retry(delayMs: number): void {
    if (this.stopped) return;
    setTimeout(() => {
      if (this.stopped) return;
      this.start()
        .then(() => this.options.onReconnect?.())
        .catch(() => this.retry(Math.min(delayMs * 2, 10_000)));
    }, delayMs).unref();
  }
}
