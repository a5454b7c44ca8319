import { EQUITIES } from './instruments.data';

/** Where a counterparty trades with us: a securities settlement market, or FX cash. */
export type TradingMarket = 'US' | 'EU' | 'UK' | 'FX';

export interface LegalEntity {
  /** ISO 17442 LEI. */
  readonly lei: string;
  readonly name: string;
  /** ISO 3166 alpha-2 of the legal seat. */
  readonly country: string;
  /** BIC the entity is known by on settlement messages. */
  readonly bic: string;
}

export interface Counterparty extends LegalEntity {
  readonly shortName: string;
  /** Unsettled exposure allowed, in USD. */
  readonly creditLimitUsd: string;
  readonly markets: readonly TradingMarket[];
}

export interface Ccp {
  readonly code: string;
  readonly name: string;
  /** ISO 17442 LEI; absent where no verified LEI is on file yet. */
  readonly lei?: string;
  readonly country: string;
  /** Settlement markets whose CCP-eligible equities it clears. */
  readonly markets: readonly TradingMarket[];
  /** Instrument ids it clears: the equities whose `ccp` is this code. */
  readonly clears: readonly string[];
}

// The bank itself is fictional, so is its LEI: the prefix 'TRADEFLOWBANK00000' is made up and the check
// digits '68' were computed with leiCheckDigits('TRADEFLOWBANK00000'). No LOU issues the 'TRAD' prefix,
// so it cannot collide with a real entity.
export const FIRM = {
  lei: 'TRADEFLOWBANK0000068',
  name: 'Tradeflow Bank plc',
  country: 'GB',
  bic: 'TFLWGB2L',
} as const satisfies LegalEntity;

// Real LEIs of the real entities (public in GLEIF); credit limits are the demo's own figures.
export const COUNTERPARTIES = [
  {
    lei: 'W22LROWP2IHZNBB6K528',
    name: 'Goldman Sachs International',
    shortName: 'GSI',
    country: 'GB',
    bic: 'GOLDGB2L',
    creditLimitUsd: '750000000',
    markets: ['US', 'EU', 'UK', 'FX'],
  },
  {
    lei: 'K6Q0W1PS1L1O4IQL9C32',
    name: 'J.P. Morgan Securities plc',
    shortName: 'JPMS',
    country: 'GB',
    bic: 'JPMSGB2L',
    creditLimitUsd: '750000000',
    markets: ['US', 'EU', 'UK', 'FX'],
  },
  {
    lei: 'G5GSEF7VJP5I7OUK5573',
    name: 'Barclays Bank PLC',
    shortName: 'BARC',
    country: 'GB',
    bic: 'BARCGB22',
    creditLimitUsd: '500000000',
    markets: ['US', 'EU', 'UK', 'FX'],
  },
  {
    lei: '7LTWFZYICNSX8D621K86',
    name: 'Deutsche Bank AG',
    shortName: 'DB',
    country: 'DE',
    bic: 'DEUTDEFF',
    creditLimitUsd: '400000000',
    markets: ['US', 'EU', 'UK', 'FX'],
  },
  {
    lei: 'R0MUWSFPU8MPRO8K5P83',
    name: 'BNP Paribas',
    shortName: 'BNPP',
    country: 'FR',
    bic: 'BNPAFRPP',
    creditLimitUsd: '500000000',
    markets: ['EU', 'UK', 'FX'],
  },
  {
    lei: 'O2RNE8IBXP4R0TD8PU41',
    name: 'Société Générale',
    shortName: 'SG',
    country: 'FR',
    bic: 'SOGEFRPP',
    creditLimitUsd: '350000000',
    markets: ['EU', 'UK', 'FX'],
  },
  {
    lei: 'BFM8T61CT2L1QCEMIK50',
    name: 'UBS AG',
    shortName: 'UBS',
    country: 'CH',
    bic: 'UBSWCHZH80A',
    creditLimitUsd: '450000000',
    markets: ['US', 'EU', 'FX'],
  },
  {
    lei: '4PQUHN3JPFGFNF3BB653',
    name: 'Morgan Stanley & Co. International plc',
    shortName: 'MSIP',
    country: 'GB',
    bic: 'MSLNGB2X',
    creditLimitUsd: '600000000',
    markets: ['US', 'EU', 'UK'],
  },
  {
    lei: 'XKZZ2JZF41MRHTR1V493',
    name: 'Citigroup Global Markets Limited',
    shortName: 'CGML',
    country: 'GB',
    bic: 'SBILGB2L',
    creditLimitUsd: '600000000',
    markets: ['US', 'EU', 'UK', 'FX'],
  },
  {
    lei: 'MP6I5ZYZBEU3UXPYFY54',
    name: 'HSBC Bank plc',
    shortName: 'HSBC',
    country: 'GB',
    bic: 'MIDLGB22',
    creditLimitUsd: '400000000',
    markets: ['UK', 'EU', 'FX'],
  },
] as const satisfies readonly Counterparty[];

const clearedBy = (code: string): readonly string[] =>
  EQUITIES.filter((e) => e.ccp === code).map((e) => e.instrumentId);

export const CCPS = [
  {
    // NSCC's LEI is not in the set: none could be verified when it was built. Add it from GLEIF.
    code: 'NSCC',
    name: 'National Securities Clearing Corporation',
    country: 'US',
    markets: ['US'],
    clears: clearedBy('NSCC'),
  },
  {
    code: 'LCH',
    name: 'LCH Limited (EquityClear)',
    lei: 'F226TOH6YD6XJB17KS62',
    country: 'GB',
    markets: ['EU', 'UK'],
    clears: clearedBy('LCH'),
  },
] as const satisfies readonly Ccp[];
