import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy a test can silence: `silence()` stops forwarding in both directions without closing
 * anything, as a lost host or a network partition looks to both ends (no FIN, no RST), so each side
 * must find out by its own timeouts. Connections made after that are accepted and never answered.
 */
export class SilentProxy {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private silent = false;
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetHost: string, targetPort: number): Promise<SilentProxy> {
    const proxy = new SilentProxy(targetHost, targetPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    proxy.port = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  /** `url` (a database or broker URL) with this proxy in the target's place. */
  urlFor(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  silence(): void {
    this.silent = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    this.track(client);
    if (this.silent) return;
    const upstream = this.track(connect(this.targetPort, this.targetHost));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    this.forward(client, upstream);
    this.forward(upstream, client);
  }

  private forward(from: Socket, to: Socket): void {
    from.on('data', (chunk: Buffer) => {
      if (!this.silent) to.write(chunk);
    });
    from.on('end', () => {
      if (!this.silent) to.end();
    });
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  }
}
