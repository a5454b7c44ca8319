import { TOPICS } from '../topic-registry';
import type { LedgerPostedPayload } from './ledger.payloads';
import { payloadFields, without } from './payload-spec.helpers';

const cashEntry = {
  entryId: 'JE-000000000184',
  sequence: 184,
  account: 'firm:EQ-US-FLOW:cash:USD',
  asset: 'USD',
  debit: '0',
  credit: '190262.50',
  phase: 'PENDING',
  tradeId: 'T-20261120-000123',
  previousHash: '9f2c6a1e0b7d4c3a8e5f1b2d6c9a0e4f7b3d8c1a5e2f9b6d0c4a7e3f8b1d5c2a',
  hash: '3b8e1f4a7c0d2e5b9a6f3c8d1e4b7a0f5c2d9e6b3a8f1c4d7e0b5a2f9c6d3e8b',
} satisfies LedgerPostedPayload;

const securitiesEntry = {
  ...cashEntry,
  entryId: 'JE-000000000185',
  sequence: 185,
  account: 'ccp:NSCC:sec:US0378331005',
  asset: 'US0378331005',
  debit: '0.125',
  credit: '0',
  phase: 'POSTED',
} satisfies LedgerPostedPayload;

describe('ledger.posted', () => {
  it.each([
    ['a pending cash entry of a trade', cashEntry],
    ['a posted securities entry', securitiesEntry],
    ['a fee entry with no trade', { ...without(cashEntry, 'tradeId'), account: 'fees:USD', phase: 'VOIDED' }],
    ['a counterparty account', { ...cashEntry, account: 'cpty:W22LROWP2IHZNBB6K528:cash:USD' }],
  ])('accepts %s', (_, payload) => {
    expect(payloadFields(TOPICS.ledgerPosted, payload)).toEqual([]);
  });

  it.each([
    ['an account of no known shape', { ...cashEntry, account: 'EQ-US-FLOW' }, 'payload.account'],
    [
      'a negative debit (corrections are reversing entries)',
      { ...cashEntry, debit: '-1.00' },
      'payload.debit',
    ],
    ['a credit sent as a number', { ...cashEntry, credit: 190262.5 }, 'payload.credit'],
    ['an unknown phase', { ...cashEntry, phase: 'SETTLED' }, 'payload.phase'],
    ['sequence 0', { ...cashEntry, sequence: 0 }, 'payload.sequence'],
    ['an upper-case hash', { ...cashEntry, hash: cashEntry.hash.toUpperCase() }, 'payload.hash'],
    ['a missing hash', without(cashEntry, 'hash'), 'payload.hash'],
    ['an unknown field', { ...cashEntry, balance: '0' }, 'payload.balance'],
  ])('refuses %s', (_, payload, field) => {
    expect(payloadFields(TOPICS.ledgerPosted, payload)).toContain(field);
  });

  it('refuses a cash amount of 4 decimals, which a securities ledger would take', () => {
    expect(payloadFields(TOPICS.ledgerPosted, { ...securitiesEntry, debit: '0.1255' })).toEqual([]);
    expect(payloadFields(TOPICS.ledgerPosted, { ...cashEntry, credit: '190262.5000' })).toContain(
      'payload.credit',
    );
  });
});
