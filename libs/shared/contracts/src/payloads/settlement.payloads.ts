// Back office, produced by settlement and keyed by instruction id: bo.settlement.instructed|settled|failed.v1.
import {
  amountSchema,
  bicSchema,
  ccpSchema,
  currencySchema,
  dateSchema,
  idSchema,
  instantSchema,
  nonNegativeQuantitySchema,
  objectSchema,
  requires,
  textSchema,
  tradeIdSchema,
  tradeIdsSchema,
  versionSchema,
} from './common.schemas';
import { settlementLegsSchema, type SettlementLegPayload } from './clearing.payloads';

export const DEPOSITORIES = ['DTC', 'FEDWIRE', 'CLEARSTREAM', 'EUROCLEAR', 'CREST', 'CASH_AGENT'] as const;
export type Depository = (typeof DEPOSITORIES)[number];

/** A standing settlement instruction of one side for the market and currency of the instruction. */
export interface SsiPayload {
  /** LEI of the firm or counterparty, or the CCP code. */
  ownerId: string;
  depository: Depository;
  /** BIC of the place of settlement (the CSD), or of the cash agent for FX. */
  placeOfSettlementBic: string;
  /** Safekeeping or cash account at the depository. */
  account: string;
  /** BIC of the settlement agent acting for the owner. */
  agentBic: string;
}

export const ssiSchema = objectSchema<SsiPayload>()({
  type: 'object',
  additionalProperties: false,
  required: ['ownerId', 'depository', 'placeOfSettlementBic', 'account', 'agentBic'],
  properties: {
    ownerId: { type: 'string', pattern: '^([A-Z0-9]{18}[0-9]{2}|[A-Z][A-Z0-9_]{1,15})$' },
    depository: { type: 'string', enum: DEPOSITORIES },
    placeOfSettlementBic: bicSchema,
    account: { type: 'string', minLength: 1, maxLength: 35 },
    agentBic: bicSchema,
  },
});

/** What is being settled: a CCP obligation, or one bilateral trade version. */
export type InstructionSourcePayload =
  | { kind: 'OBLIGATION'; obligationId: string; ccp: string }
  | { kind: 'TRADE'; tradeId: string; version: number };

export const obligationSourceSchema = objectSchema<
  Extract<InstructionSourcePayload, { kind: 'OBLIGATION' }>
>()({
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'obligationId', 'ccp'],
  properties: { kind: { const: 'OBLIGATION' }, obligationId: idSchema, ccp: ccpSchema },
});

export const tradeSourceSchema = objectSchema<Extract<InstructionSourcePayload, { kind: 'TRADE' }>>()({
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'tradeId', 'version'],
  properties: { kind: { const: 'TRADE' }, tradeId: tradeIdSchema, version: versionSchema },
});

export interface SettlementInstructedPayload {
  instructionId: string;
  source: InstructionSourcePayload;
  settlementDate: string;
  legs: SettlementLegPayload[];
  ssis: { ours: SsiPayload; theirs: SsiPayload };
  /** Every trade the instruction settles (one for a bilateral trade, the obligation's trades otherwise). */
  tradeIds: string[];
}

export const settlementInstructedSchema = objectSchema<SettlementInstructedPayload>()({
  title: 'settlement.instructed payload',
  type: 'object',
  additionalProperties: false,
  required: ['instructionId', 'source', 'settlementDate', 'legs', 'ssis', 'tradeIds'],
  properties: {
    instructionId: idSchema,
    source: {
      type: 'object',
      required: ['kind'],
      properties: { kind: { type: 'string', enum: ['OBLIGATION', 'TRADE'] } },
      oneOf: [obligationSourceSchema, tradeSourceSchema],
    },
    settlementDate: dateSchema,
    legs: settlementLegsSchema,
    ssis: {
      type: 'object',
      additionalProperties: false,
      required: ['ours', 'theirs'],
      properties: { ours: ssiSchema, theirs: ssiSchema },
    },
    tradeIds: tradeIdsSchema,
  },
});

/** The instruction settled, in full or in part (then a later event settles the rest). */
export interface SettlementSettledPayload {
  instructionId: string;
  /** Securities delivered or received in this settlement; absent for cash-only (FX) instructions. */
  settledQuantity?: string;
  /** Cash paid or received in this settlement, in `currency`. */
  settledAmount?: string;
  currency?: string;
  partial: boolean;
  settledAt: string;
  tradeIds: string[];
}

export const settlementSettledSchema = objectSchema<SettlementSettledPayload>()({
  title: 'settlement.settled payload',
  type: 'object',
  additionalProperties: false,
  required: ['instructionId', 'partial', 'settledAt', 'tradeIds'],
  properties: {
    instructionId: idSchema,
    settledQuantity: nonNegativeQuantitySchema,
    settledAmount: amountSchema,
    currency: currencySchema,
    partial: { type: 'boolean' },
    settledAt: instantSchema,
    tradeIds: tradeIdsSchema,
  },
  anyOf: [requires('settledQuantity'), requires('settledAmount')],
  dependencies: { settledAmount: ['currency'], currency: ['settledAmount'] },
});

export const FAIL_REASONS = ['LACK_OF_SECURITIES', 'LACK_OF_CASH', 'SSI_MISMATCH', 'OTHER'] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

export interface SettlementFailedPayload {
  instructionId: string;
  reason: FailReason;
  detail: string;
  failedAt: string;
  tradeIds: string[];
}

export const settlementFailedSchema = objectSchema<SettlementFailedPayload>()({
  title: 'settlement.failed payload',
  type: 'object',
  additionalProperties: false,
  required: ['instructionId', 'reason', 'detail', 'failedAt', 'tradeIds'],
  properties: {
    instructionId: idSchema,
    reason: { type: 'string', enum: FAIL_REASONS },
    detail: textSchema,
    failedAt: instantSchema,
    tradeIds: tradeIdsSchema,
  },
});
