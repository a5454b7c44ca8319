import { type Decimal } from 'decimal.js';
import { currency } from './currency';
import { Dec, toDec } from './decimal';
import { roundCash } from './rounding';

export type EconomicsSide = 'BUY' | 'SELL';

interface CommonInput {
  readonly side: EconomicsSide;
  /** Total fees and commission, ≥ 0, in the currency of the gross amount; absent means none. */
  readonly fees?: Decimal;
}

export interface EquityEconomicsInput extends CommonInput {
  readonly instrumentType: 'EQUITY';
  readonly quantity: Decimal;
  /** Per share, in the trading currency. */
  readonly price: Decimal;
  readonly currency: string;
}

export interface BondEconomicsInput extends CommonInput {
  readonly instrumentType: 'BOND';
  readonly nominal: Decimal;
  /** Clean price in percent of par. */
  readonly cleanPrice: Decimal;
  /** Unrounded, from the bond's day count (computed elsewhere); rounded here, once. */
  readonly accruedInterest: Decimal;
  readonly currency: string;
}

export interface FxSpotEconomicsInput extends CommonInput {
  readonly instrumentType: 'FX_SPOT';
  /** Amount of the base currency, already within its minor units. */
  readonly quantity: Decimal;
  /** Units of quote currency per one unit of base. */
  readonly rate: Decimal;
  readonly baseCurrency: string;
  readonly quoteCurrency: string;
}

export type EconomicsInput = EquityEconomicsInput | BondEconomicsInput | FxSpotEconomicsInput;

interface CommonEconomics {
  /** Currency of gross, fees and net. */
  readonly currency: string;
  readonly gross: Dec;
  readonly fees: Dec;
  /** gross + fees for a buy, gross − fees for a sell. */
  readonly net: Dec;
}

export interface EquityEconomics extends CommonEconomics {
  readonly instrumentType: 'EQUITY';
}

export interface BondEconomics extends CommonEconomics {
  readonly instrumentType: 'BOND';
  /** nominal × clean price / 100, rounded. */
  readonly principal: Dec;
  readonly accruedInterest: Dec;
}

export interface FxSpotEconomics extends CommonEconomics {
  readonly instrumentType: 'FX_SPOT';
  readonly baseCurrency: string;
  /** The base leg: the quantity, in the base currency. */
  readonly baseAmount: Dec;
  readonly quoteCurrency: string;
  /** The quote leg: quantity × rate, rounded to the quote currency; equals `gross`. */
  readonly counterAmount: Dec;
}

export type Economics = EquityEconomics | BondEconomics | FxSpotEconomics;

const HUNDRED = new Dec(100);

/**
 * Gross, fees and net of a trade, every figure a final cash amount rounded half-even to its currency.
 * Inputs come from the parsers; a value they would have refused (zero price, negative fees, FX quantity
 * beyond the base currency's minor units, unknown currency) is a programming error and throws RangeError.
 */
export function computeEconomics(input: EconomicsInput): Economics {
  switch (input.instrumentType) {
    case 'EQUITY': {
      const quantity = positive(input.quantity, 'quantity');
      const price = positive(input.price, 'price');
      const gross = roundCash(quantity.times(price), currency(input.currency));
      return { instrumentType: 'EQUITY', ...settle(input, gross, input.currency) };
    }
    case 'BOND': {
      const ccy = currency(input.currency);
      const nominal = positive(input.nominal, 'nominal');
      const cleanPrice = positive(input.cleanPrice, 'cleanPrice');
      const accrued = toDec(input.accruedInterest);
      if (!accrued.isFinite()) throw new RangeError('accruedInterest must be finite');
      // Principal and accrued are each a cash figure of the confirmation; rounding each and adding them
      // keeps "principal + accrued = gross" true to the cent on every document.
      const principal = roundCash(nominal.times(cleanPrice).dividedBy(HUNDRED), ccy);
      const accruedInterest = roundCash(accrued, ccy);
      const gross = principal.plus(accruedInterest);
      return { instrumentType: 'BOND', principal, accruedInterest, ...settle(input, gross, input.currency) };
    }
    case 'FX_SPOT': {
      const base = currency(input.baseCurrency);
      const quote = currency(input.quoteCurrency);
      if (base.code === quote.code)
        throw new RangeError(`an FX pair needs two currencies, got ${base.code}/${quote.code}`);
      const quantity = positive(input.quantity, 'quantity');
      // The base leg is the quantity itself: rounding it would change the trade, so refuse instead.
      if (quantity.decimalPlaces() > base.minorUnits) {
        throw new RangeError(`quantity has more decimals than ${base.code} allows (${base.minorUnits})`);
      }
      const counterAmount = roundCash(quantity.times(positive(input.rate, 'rate')), quote);
      return {
        instrumentType: 'FX_SPOT',
        baseCurrency: base.code,
        baseAmount: quantity,
        quoteCurrency: quote.code,
        counterAmount,
        ...settle(input, counterAmount, quote.code),
      };
    }
  }
}

// Net is derived from the already rounded gross and fees, not rounded again: half-even rounding of
// (gross + fees) could differ by one minor unit on a tie, and the ledger needs net − gross = ±fees exactly.
function settle(input: CommonInput, gross: Dec, code: string): CommonEconomics {
  const raw = toDec(input.fees ?? new Dec(0));
  if (!raw.isFinite() || raw.isNegative()) throw new RangeError('fees must be a finite amount ≥ 0');
  const fees = roundCash(raw, code);
  const net = input.side === 'BUY' ? gross.plus(fees) : gross.minus(fees);
  return { currency: code, gross, fees, net };
}

function positive(value: Decimal, name: string): Dec {
  const d = toDec(value);
  if (!d.isFinite() || !d.isPositive() || d.isZero()) throw new RangeError(`${name} must be > 0`);
  return d;
}
