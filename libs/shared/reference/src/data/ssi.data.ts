import { CCPS, COUNTERPARTIES, FIRM, type TradingMarket } from './counterparties.data';
import type { Instrument } from './instrument.types';

/** Where a leg settles: a CSD/ICSD for securities (DVP), a cash correspondent for FX (PVP). */
export type Depository = 'DTC' | 'FEDWIRE' | 'CLEARSTREAM' | 'EUROCLEAR' | 'CREST' | 'CASH_AGENT';

export type SsiOwnerType = 'FIRM' | 'COUNTERPARTY' | 'CCP';

export interface Ssi {
  readonly ssiId: string;
  readonly ownerType: SsiOwnerType;
  /** LEI of the firm or counterparty; CCP code for a CCP. */
  readonly ownerId: string;
  readonly market: TradingMarket;
  readonly currency: string;
  readonly depository: Depository;
  /** BIC of the place of settlement (the CSD), or of the cash agent for FX. */
  readonly placeOfSettlementBic: string;
  /** Safekeeping or cash account at the depository. */
  readonly account: string;
  /** BIC of the settlement agent (custodian, clearing bank or correspondent) acting for the owner. */
  readonly agentBic: string;
}

/** The depository a security settles in; FX cash legs settle through each side's cash agent. */
export function settlementDepository(instrument: Instrument): Depository {
  switch (instrument.type) {
    case 'FX_SPOT':
      return 'CASH_AGENT';
    case 'BOND':
      if (instrument.settlementMarket === 'US') {
        return instrument.issuerType === 'GOVERNMENT' ? 'FEDWIRE' : 'DTC';
      }
      return instrument.settlementMarket === 'UK' ? 'CREST' : 'CLEARSTREAM';
    case 'EQUITY':
      if (instrument.settlementMarket === 'US') return 'DTC';
      if (instrument.settlementMarket === 'UK') return 'CREST';
      return instrument.mic === 'XETR' ? 'CLEARSTREAM' : 'EUROCLEAR';
  }
}

const PLACE_OF_SETTLEMENT: Record<Exclude<Depository, 'CASH_AGENT'>, string> = {
  DTC: 'DTCYUS33',
  FEDWIRE: 'FRNYUS33',
  CLEARSTREAM: 'DAKVDEFF',
  EUROCLEAR: 'MGTCBEBE',
  CREST: 'CRSTGB22',
};

const SECURITIES_SSIS: readonly {
  market: 'US' | 'EU' | 'UK';
  currency: string;
  depository: Exclude<Depository, 'CASH_AGENT'>;
}[] = [
  { market: 'US', currency: 'USD', depository: 'DTC' },
  { market: 'US', currency: 'USD', depository: 'FEDWIRE' },
  { market: 'EU', currency: 'EUR', depository: 'CLEARSTREAM' },
  { market: 'EU', currency: 'EUR', depository: 'EUROCLEAR' },
  { market: 'UK', currency: 'GBP', depository: 'CREST' },
];

export const FX_SSI_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD'] as const;

interface OwnerProfile {
  readonly ownerType: SsiOwnerType;
  readonly ownerId: string;
  /** Short code used to make account numbers readable. */
  readonly code: string;
  readonly markets: readonly TradingMarket[];
  /** Agent per securities market. */
  readonly agents: Partial<Record<'US' | 'EU' | 'UK', string>>;
}

// Cash correspondents for FX, by currency (the usual clearing banks of each currency).
const CASH_AGENTS: Record<(typeof FX_SSI_CURRENCIES)[number], string> = {
  USD: 'CHASUS33',
  EUR: 'DEUTDEFF',
  GBP: 'BARCGB22',
  JPY: 'BOTKJPJT',
  CHF: 'UBSWCHZH80A',
  CAD: 'ROYCCAT2',
};

// The counterparties' own US broker-dealers or clearing banks act for them at DTC and on Fedwire;
// the others use BNY Mellon.
const US_AGENTS: Readonly<Record<string, string>> = {
  GSI: 'GOLDUS33',
  JPMS: 'CHASUS33',
  BARC: 'BARCUS33',
  DB: 'BKTRUS33',
  UBS: 'UBSWUS33',
  MSIP: 'MSNYUS33',
  CGML: 'CITIUS33',
};

const PROFILES: readonly OwnerProfile[] = [
  {
    ownerType: 'FIRM',
    ownerId: FIRM.lei,
    code: 'TFLW',
    markets: ['US', 'EU', 'UK', 'FX'],
    agents: { US: 'IRVTUS3N', EU: 'DAKVDEFF', UK: 'TFLWGB2L' },
  },
  ...COUNTERPARTIES.map((c): OwnerProfile => ({
    ownerType: 'COUNTERPARTY',
    ownerId: c.lei,
    code: c.shortName,
    markets: c.markets,
    agents: {
      US: US_AGENTS[c.shortName] ?? 'IRVTUS3N',
      EU: c.bic,
      UK: c.bic,
    },
  })),
  ...CCPS.map((c): OwnerProfile => ({
    ownerType: 'CCP',
    ownerId: c.code,
    code: c.code,
    markets: c.markets,
    agents: c.code === 'NSCC' ? { US: 'DTCYUS33' } : { EU: 'LCHLGB2L', UK: 'LCHLGB2L' },
  })),
];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// Accounts are illustrative, derived from the owner's position in the list, not real accounts.
const accountFor = (depository: Depository, code: string, index: number, currency: string): string => {
  switch (depository) {
    case 'DTC':
      return pad(5100 + index, 4);
    case 'FEDWIRE':
      return `${code.toUpperCase()}-FED-${pad(index, 3)}`;
    case 'CLEARSTREAM':
      return pad(71000 + index, 5);
    case 'EUROCLEAR':
      return pad(94000 + index, 5);
    case 'CREST':
      return `${code.slice(0, 3).toUpperCase()}${pad(index, 2)}`;
    case 'CASH_AGENT':
      return `${code.toUpperCase()}-${currency}-${pad(100000 + index, 6)}`;
  }
};

const buildSsis = (): Ssi[] => {
  const out: Ssi[] = [];
  PROFILES.forEach((p, index) => {
    for (const s of SECURITIES_SSIS) {
      if (!p.markets.includes(s.market)) continue;
      // CCPs clear equities only: no Treasury (Fedwire) account.
      if (p.ownerType === 'CCP' && s.depository === 'FEDWIRE') continue;
      const agent = p.agents[s.market];
      if (!agent) continue;
      out.push({
        ssiId: `SSI-${p.code}-${s.market}-${s.depository}`,
        ownerType: p.ownerType,
        ownerId: p.ownerId,
        market: s.market,
        currency: s.currency,
        depository: s.depository,
        placeOfSettlementBic: PLACE_OF_SETTLEMENT[s.depository],
        account: accountFor(s.depository, p.code, index, s.currency),
        agentBic: agent,
      });
    }
    if (p.markets.includes('FX')) {
      for (const ccy of FX_SSI_CURRENCIES) {
        out.push({
          ssiId: `SSI-${p.code}-FX-${ccy}`,
          ownerType: p.ownerType,
          ownerId: p.ownerId,
          market: 'FX',
          currency: ccy,
          depository: 'CASH_AGENT',
          placeOfSettlementBic: CASH_AGENTS[ccy],
          account: accountFor('CASH_AGENT', p.code, index, ccy),
          agentBic: CASH_AGENTS[ccy],
        });
      }
    }
  });
  return out;
};

export const SSIS: readonly Ssi[] = buildSsis();
