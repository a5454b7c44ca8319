export * from './common.schemas';
export * from './reference.payloads';
export * from './trade.payloads';
export * from './risk.payloads';
export * from './clearing.payloads';
export * from './settlement.payloads';
export * from './ledger.payloads';
