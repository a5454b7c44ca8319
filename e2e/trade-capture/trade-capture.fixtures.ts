import { signToken, type Role } from '@tradeflow/shared/auth';
import { createServiceDataSource } from '@tradeflow/shared/persistence';
import { startService, testInfra, type StartedService } from '@tradeflow/shared/testing';
import type { DataSource } from 'typeorm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// What the trade-capture end-to-end tests share: development tokens and a valid booking.
const privateKey = readFileSync(join(__dirname, '../../infra/dev-keys/jwt-private.pem'), 'utf8');

export function bearer(sub: string, role: Role, books?: string[]): string {
  return `Bearer ${signToken({ role, sub, ...(books ? { books } : {}), privateKey })}`;
}

/** 1,000 Apple on Nasdaq for EQ-US-FLOW: gross 190,250.00, net 190,262.50 with the 12.50 commission. */
export const APPLE_BUY = {
  book: 'EQ-US-FLOW',
  side: 'BUY',
  instrumentId: 'US0378331005',
  quantity: '1000',
  price: '190.25',
  counterpartyLei: 'W22LROWP2IHZNBB6K528',
  tradeDate: '2026-11-20',
  venueMic: 'XNAS',
  commission: '12.50',
} as const;

/**
 * trade-capture as a process, with a data source on its schema. Trade ids are unique per database, but
 * every test run shares the topics: its sequence starts somewhere no other run's trades are, so events
 * of other runs never name this run's trades.
 */
export async function startTradeCapture(
  env: Record<string, string> = {},
): Promise<{ service: StartedService; db: DataSource }> {
  const service = await startService('trade-capture', env);
  const db = createServiceDataSource({ url: testInfra().databaseUrl, schema: service.schema });
  await db.initialize();
  const start = 1_000_000 + Math.floor(Math.random() * 8_000_000);
  await db.query(`ALTER SEQUENCE trade_id_seq RESTART WITH ${start}`);
  return { service, db };
}
