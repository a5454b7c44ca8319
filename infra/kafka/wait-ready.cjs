// Waits until a Kafka broker answers a Metadata request (v4) and lists at least one broker.
// Plain sockets, no dependencies, so it runs before `npm install` and on any Node.
//   node wait-ready.cjs host:port [seconds]
'use strict';
const net = require('node:net');

const [hostPort = '127.0.0.1:9092', secondsArg = '60'] = process.argv.slice(2);
const [host, port] = hostPort.split(':');
const deadline = Date.now() + Number(secondsArg) * 1000;

function metadataRequest() {
  const clientId = Buffer.from('tradeflow-wait');
  const body = Buffer.alloc(2 + 2 + 4 + 2 + clientId.length + 4 + 1);
  let o = 0;
  o = body.writeInt16BE(3, o); // api key: Metadata
  o = body.writeInt16BE(4, o); // version 4 (v0-3 are gone in Kafka 4)
  o = body.writeInt32BE(1, o); // correlation id
  o = body.writeInt16BE(clientId.length, o);
  o += clientId.copy(body, o);
  o = body.writeInt32BE(-1, o); // all topics
  body.writeInt8(0, o); // no auto-creation
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

function probe() {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    let data = Buffer.alloc(0);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write(metadataRequest()));
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < 4 + data.readInt32BE(0)) return;
      // size, correlation id, throttle time, then the brokers array length
      done(data.readInt32BE(4) === 1 && data.readInt32BE(12) >= 1);
    });
  });
}

(async () => {
  for (;;) {
    if (await probe()) {
      console.log(`broker at ${hostPort} answers`);
      process.exit(0);
    }
    if (Date.now() >= deadline) {
      console.error(`no broker answered at ${hostPort}`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
})();
