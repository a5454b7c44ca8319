// Integration tests' global setup: a real broker and a real PostgreSQL, found in this order:
//   1. KAFKA_BROKERS / DATABASE_URL from the environment;
//   2. containers (testcontainers) when a Docker engine answers;
//   3. the local broker script (infra/kafka/kafka.sh) and the machine's PostgreSQL on 127.0.0.1:5432.
// Then compiles the workspace, because some tests start services and fixtures as real processes.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '../../../..');

function dockerAnswers() {
  const socket = (process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock').replace(/^unix:\/\//, '');
  if (!fs.existsSync(socket)) return Promise.resolve(false);
  return new Promise((resolve) => {
    const s = net.connect(socket);
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.on('error', () => resolve(false));
    s.on('connect', () => s.write('GET /_ping HTTP/1.0\r\n\r\n'));
    s.on('data', (d) => (s.destroy(), resolve(d.toString().includes('200 OK'))));
  });
}

async function startContainers() {
  const { GenericContainer, Wait } = require('testcontainers');
  const started = [];
  if (!process.env.KAFKA_BROKERS) {
    const kafka = await new GenericContainer('apache/kafka:4.1.0')
      .withExposedPorts({ container: 9092, host: 19092 })
      .withEnvironment({
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        KAFKA_ADVERTISED_LISTENERS: 'PLAINTEXT://127.0.0.1:19092',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
      })
      .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
      .start();
    started.push(kafka);
    process.env.KAFKA_BROKERS = '127.0.0.1:19092';
  }
  if (!process.env.DATABASE_URL) {
    const pg = await new GenericContainer('postgres:15')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'tradeflow_test' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    started.push(pg);
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${pg.getMappedPort(5432)}/tradeflow_test`;
  }
  globalThis.__TRADEFLOW_CONTAINERS__ = started;
}

module.exports = async () => {
  process.env.TZ = 'UTC';
  const useContainers = (!process.env.KAFKA_BROKERS || !process.env.DATABASE_URL) && (await dockerAnswers());
  if (useContainers) {
    await startContainers();
  } else if (!process.env.KAFKA_BROKERS) {
    execFileSync('bash', [path.join(root, 'infra/kafka/kafka.sh'), 'up'], { stdio: 'inherit' });
    process.env.KAFKA_BROKERS = '127.0.0.1:9092';
  }
  process.env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/tradeflow_test';
  const { Client } = require('pg');
  const admin = new URL(process.env.DATABASE_URL);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (!found.rowCount) await client.query(`CREATE DATABASE "${name}"`).catch(() => undefined);
  await client.end();
  execFileSync(process.execPath, [path.join(root, 'scripts/build.cjs'), '--quiet'], { stdio: 'inherit' });
};
