import { type CheckResult, describeChar, invalid, valid } from './check-result';

/** Where trades on a venue settle: decides the settlement calendar and cycle. */
export type SettlementMarket = 'US' | 'EU' | 'UK' | 'CH' | 'JP' | 'HK' | 'OTC';

export interface MicInfo {
  readonly mic: string;
  readonly name: string;
  /** ISO 3166 alpha-2; `ZZ` for off-exchange, which has no country of its own. */
  readonly country: string;
  readonly settlementMarket: SettlementMarket;
}

// The venues the system trades on; ISO 10383 has thousands more, which we refuse on purpose.
// XOFF settles wherever the instrument does, hence `OTC`.
const MIC_LIST: readonly MicInfo[] = [
  { mic: 'XNYS', name: 'New York Stock Exchange', country: 'US', settlementMarket: 'US' },
  { mic: 'XNAS', name: 'Nasdaq - All Markets', country: 'US', settlementMarket: 'US' },
  { mic: 'ARCX', name: 'NYSE Arca', country: 'US', settlementMarket: 'US' },
  { mic: 'BATS', name: 'Cboe BZX U.S. Equities Exchange', country: 'US', settlementMarket: 'US' },
  { mic: 'IEXG', name: 'Investors Exchange', country: 'US', settlementMarket: 'US' },
  { mic: 'XETR', name: 'Xetra', country: 'DE', settlementMarket: 'EU' },
  { mic: 'XFRA', name: 'Boerse Frankfurt', country: 'DE', settlementMarket: 'EU' },
  { mic: 'XPAR', name: 'Euronext Paris', country: 'FR', settlementMarket: 'EU' },
  { mic: 'XAMS', name: 'Euronext Amsterdam', country: 'NL', settlementMarket: 'EU' },
  { mic: 'XBRU', name: 'Euronext Brussels', country: 'BE', settlementMarket: 'EU' },
  { mic: 'XMIL', name: 'Euronext Milan (Borsa Italiana)', country: 'IT', settlementMarket: 'EU' },
  { mic: 'XMAD', name: 'Bolsa de Madrid', country: 'ES', settlementMarket: 'EU' },
  { mic: 'XLON', name: 'London Stock Exchange', country: 'GB', settlementMarket: 'UK' },
  { mic: 'XSWX', name: 'SIX Swiss Exchange', country: 'CH', settlementMarket: 'CH' },
  { mic: 'XTKS', name: 'Tokyo Stock Exchange', country: 'JP', settlementMarket: 'JP' },
  { mic: 'XHKG', name: 'Hong Kong Exchanges and Clearing', country: 'HK', settlementMarket: 'HK' },
  {
    mic: 'XOFF',
    name: 'Off-exchange (OTC) transactions - listed instruments',
    country: 'ZZ',
    settlementMarket: 'OTC',
  },
];

const BY_MIC: ReadonlyMap<string, MicInfo> = new Map(MIC_LIST.map((m) => [m.mic, m]));

export const MICS: readonly MicInfo[] = MIC_LIST;

export function micInfo(mic: string): MicInfo | undefined {
  return BY_MIC.get(mic);
}

export function checkMic(s: string): CheckResult {
  if (BY_MIC.has(s)) return valid;
  if (BY_MIC.has(s.toUpperCase())) {
    return invalid(
      `MIC ${describeChar(s)} is not a known MIC of the reference set: MICs are upper case, did you mean ${describeChar(s.toUpperCase())}?`,
    );
  }
  if (!/^[A-Z0-9]{4}$/.test(s)) {
    return invalid(
      `MIC ${describeChar(s)} is not a known MIC of the reference set: a MIC is 4 characters A-Z or 0-9`,
    );
  }
  return invalid(`MIC ${describeChar(s)} is not a known MIC of the reference set`);
}

export function isKnownMic(s: string): boolean {
  return BY_MIC.has(s);
}
