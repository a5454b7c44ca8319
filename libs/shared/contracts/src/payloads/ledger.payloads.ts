// Back office, produced by ledger and keyed by account: bo.ledger.posted.v1, one journal entry.
import {
  CURRENCY_PATTERN,
  ISIN_PATTERN,
  objectSchema,
  sha256Schema,
  idSchema,
  tradeIdSchema,
} from './common.schemas';

export const LEDGER_PHASES = ['PENDING', 'POSTED', 'VOIDED'] as const;
export type LedgerPhase = (typeof LEDGER_PHASES)[number];

/** `firm:<book>:sec:<ISIN>`, `firm:<book>:cash:<CCY>`, `cpty:<LEI>:cash:<CCY>`, `ccp:<CCP>:sec:<ISIN>`, `fees:<CCY>`. */
export const ACCOUNT_PATTERN =
  '^((firm|cpty|ccp):[A-Z0-9][A-Z0-9_-]*:(sec:[A-Z]{2}[A-Z0-9]{9}[0-9]|cash:[A-Z]{3})|fees:[A-Z]{3})$';

/** Quantities of a security (≤ 6 decimals) or cash (≤ 3 decimals), never negative. */
const LEDGER_AMOUNT_PATTERN = '^\\d{1,18}(\\.\\d{1,6})?$';
const LEDGER_CASH_PATTERN = '^\\d{1,18}(\\.\\d{1,3})?$';

export interface LedgerPostedPayload {
  entryId: string;
  /** Gapless position of the entry in the journal. */
  sequence: number;
  account: string;
  /** The ledger: a currency or an ISIN. */
  asset: string;
  debit: string;
  credit: string;
  phase: LedgerPhase;
  tradeId?: string;
  /** Hash of the entry before; 64 zeros for the first. */
  previousHash: string;
  /** SHA-256(previousHash ‖ canonical JSON of the entry), hex. */
  hash: string;
}

export const ledgerPostedSchema = objectSchema<LedgerPostedPayload>()({
  title: 'ledger.posted payload',
  type: 'object',
  additionalProperties: false,
  required: ['entryId', 'sequence', 'account', 'asset', 'debit', 'credit', 'phase', 'previousHash', 'hash'],
  properties: {
    entryId: idSchema,
    sequence: { type: 'integer', minimum: 1 },
    account: { type: 'string', pattern: ACCOUNT_PATTERN },
    asset: { type: 'string', pattern: `${CURRENCY_PATTERN}|${ISIN_PATTERN}` },
    debit: { type: 'string', pattern: LEDGER_AMOUNT_PATTERN },
    credit: { type: 'string', pattern: LEDGER_AMOUNT_PATTERN },
    phase: { type: 'string', enum: LEDGER_PHASES },
    tradeId: tradeIdSchema,
    previousHash: sha256Schema,
    hash: sha256Schema,
  },
  // Cash ledgers count in minor units: at most 3 decimals.
  if: { properties: { asset: { type: 'string', pattern: CURRENCY_PATTERN } } },
  then: {
    properties: {
      debit: { type: 'string', pattern: LEDGER_CASH_PATTERN },
      credit: { type: 'string', pattern: LEDGER_CASH_PATTERN },
    },
  },
});
