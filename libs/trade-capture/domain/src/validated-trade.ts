import { type Dec } from '@tradeflow/shared/money';
import { type InstrumentSettlementMarket } from '@tradeflow/shared/reference';

// A capture request that passed every rule: what the service stores and publishes.

export type TradeSide = 'BUY' | 'SELL';

/** What the rest of the service needs to know about the instrument, without another lookup. */
export type TradeInstrument =
  | {
      readonly type: 'EQUITY';
      readonly id: string;
      readonly isin: string;
      readonly currency: string;
      readonly settlementMarket: InstrumentSettlementMarket;
      readonly ccp?: string;
    }
  | {
      readonly type: 'BOND';
      readonly id: string;
      readonly isin: string;
      readonly currency: string;
      readonly settlementMarket: InstrumentSettlementMarket;
    }
  | {
      readonly type: 'FX_SPOT';
      readonly id: string;
      readonly pair: string;
      readonly baseCurrency: string;
      readonly quoteCurrency: string;
      /** The quote currency: gross, commission and net are in it. */
      readonly currency: string;
    };

/** Final cash figures, each rounded once, half-even, to `currency`'s minor units. */
export interface TradeEconomics {
  readonly currency: string;
  readonly grossAmount: Dec;
  /** Bonds: from the last coupon date to the settlement date, rounded; included in the gross. */
  readonly accruedInterest?: Dec;
  readonly netAmount: Dec;
  /** FX: the quote leg (equal to the gross). */
  readonly counterAmount?: Dec;
  readonly counterCurrency?: string;
}

export interface ValidatedTrade {
  readonly book: string;
  readonly trader: string;
  readonly side: TradeSide;
  readonly instrument: TradeInstrument;
  readonly quantity: Dec;
  readonly price: Dec;
  readonly counterpartyLei: string;
  readonly tradeDate: string;
  readonly settlementDate: string;
  readonly venueMic?: string;
  /** In `economics.currency`; 0 when the request had none. */
  readonly commission: Dec;
  readonly externalRef?: string;
  readonly economics: TradeEconomics;
}
