import { type SettlementMarket } from '@tradeflow/shared/reference';

/** The securities markets whose settlement cycles and calendars are modelled here. */
export type SecuritiesSettlementMarket = Extract<SettlementMarket, 'US' | 'EU' | 'UK'>;

export const SECURITIES_SETTLEMENT_MARKETS: readonly SecuritiesSettlementMarket[] = ['US', 'EU', 'UK'];

export type IssuerType = 'GOVERNMENT' | 'CORPORATE';

export interface EquitySettlementTerms {
  readonly type: 'EQUITY';
  readonly settlementMarket: SecuritiesSettlementMarket;
}

export interface BondSettlementTerms {
  readonly type: 'BOND';
  readonly settlementMarket: SecuritiesSettlementMarket;
  readonly issuerType: IssuerType;
}

export interface FxSpotSettlementTerms {
  readonly type: 'FX_SPOT';
  /** 'BASE/QUOTE' in ISO 4217 codes, e.g. 'EUR/USD'. */
  readonly pair: string;
}

/** What settlement needs to know about an instrument; the rest of the instrument does not matter here. */
export type SettlementInstrument = EquitySettlementTerms | BondSettlementTerms | FxSpotSettlementTerms;

export type SettlementInstrumentType = SettlementInstrument['type'];
