import type { BondInstrument, EquityInstrument, FxSpotInstrument, Instrument } from './instrument.types';

// Shipped instruments. ISINs are those of the real securities; every one passes checkIsin (tested).
// CCP eligibility is a modelling choice of the demo: US equities clear through NSCC, EU and UK equities
// through LCH (EquityClear). A few are deliberately left without a CCP so that bilateral equity DVP is
// exercised too (think of them as traded off-book, outside the CCP's service).

const usEquity = (
  isin: string,
  ticker: string,
  name: string,
  mic: 'XNYS' | 'XNAS',
  ccp: 'NSCC' | null = 'NSCC',
): EquityInstrument => ({
  type: 'EQUITY',
  instrumentId: isin,
  isin,
  ticker,
  name,
  currency: 'USD',
  mic,
  ...(ccp ? { ccp } : {}),
  settlementMarket: 'US',
  minIncrement: '1',
});

const euEquity = (
  isin: string,
  ticker: string,
  name: string,
  mic: 'XETR' | 'XPAR' | 'XAMS',
  ccp: 'LCH' | null = 'LCH',
): EquityInstrument => ({
  type: 'EQUITY',
  instrumentId: isin,
  isin,
  ticker,
  name,
  currency: 'EUR',
  mic,
  ...(ccp ? { ccp } : {}),
  settlementMarket: 'EU',
  minIncrement: '1',
});

// London quotes equities in pence (GBX); the reference set carries them in pounds (GBP), as ISO 4217 has
// no GBX and cash settles in GBP.
const ukEquity = (
  isin: string,
  ticker: string,
  name: string,
  ccp: 'LCH' | null = 'LCH',
): EquityInstrument => ({
  type: 'EQUITY',
  instrumentId: isin,
  isin,
  ticker,
  name,
  currency: 'GBP',
  mic: 'XLON',
  ...(ccp ? { ccp } : {}),
  settlementMarket: 'UK',
  minIncrement: '1',
});

export const EQUITIES: readonly EquityInstrument[] = [
  // United States
  usEquity('US0378331005', 'AAPL', 'Apple Inc.', 'XNAS'),
  usEquity('US5949181045', 'MSFT', 'Microsoft Corporation', 'XNAS'),
  usEquity('US02079K3059', 'GOOGL', 'Alphabet Inc. Class A', 'XNAS'),
  usEquity('US0231351067', 'AMZN', 'Amazon.com, Inc.', 'XNAS'),
  usEquity('US67066G1040', 'NVDA', 'NVIDIA Corporation', 'XNAS'),
  usEquity('US30303M1027', 'META', 'Meta Platforms, Inc. Class A', 'XNAS'),
  usEquity('US46625H1005', 'JPM', 'JPMorgan Chase & Co.', 'XNYS'),
  usEquity('US30231G1022', 'XOM', 'Exxon Mobil Corporation', 'XNYS'),
  usEquity('US4781601046', 'JNJ', 'Johnson & Johnson', 'XNYS'),
  usEquity('US92826C8394', 'V', 'Visa Inc. Class A', 'XNYS'),
  usEquity('US7427181091', 'PG', 'The Procter & Gamble Company', 'XNYS'),
  usEquity('US1912161007', 'KO', 'The Coca-Cola Company', 'XNYS'),
  usEquity('US0846707026', 'BRK.B', 'Berkshire Hathaway Inc. Class B', 'XNYS', null),
  // Germany (Xetra)
  euEquity('DE0007164600', 'SAP', 'SAP SE', 'XETR'),
  euEquity('DE0007236101', 'SIE', 'Siemens AG', 'XETR'),
  euEquity('DE0008404005', 'ALV', 'Allianz SE', 'XETR'),
  euEquity('DE000BASF111', 'BAS', 'BASF SE', 'XETR'),
  euEquity('DE0005557508', 'DTE', 'Deutsche Telekom AG', 'XETR'),
  euEquity('DE0007100000', 'MBG', 'Mercedes-Benz Group AG', 'XETR'),
  euEquity('DE0006231004', 'IFX', 'Infineon Technologies AG', 'XETR'),
  // France (Euronext Paris); Airbus is a Dutch SE listed in Paris
  euEquity('FR0000120271', 'TTE', 'TotalEnergies SE', 'XPAR'),
  euEquity('FR0000121014', 'MC', 'LVMH Moët Hennessy Louis Vuitton SE', 'XPAR'),
  euEquity('FR0000120578', 'SAN', 'Sanofi', 'XPAR'),
  euEquity('FR0000131104', 'BNP', 'BNP Paribas SA', 'XPAR'),
  euEquity('NL0000235190', 'AIR', 'Airbus SE', 'XPAR'),
  euEquity('FR0000120321', 'OR', "L'Oréal SA", 'XPAR'),
  euEquity('FR0000121972', 'SU', 'Schneider Electric SE', 'XPAR', null),
  // Netherlands (Euronext Amsterdam); Shell plc is an English company with an Amsterdam line in EUR
  euEquity('NL0010273215', 'ASML', 'ASML Holding N.V.', 'XAMS'),
  euEquity('GB00BP6MXD84', 'SHELL', 'Shell plc', 'XAMS'),
  euEquity('NL0000009165', 'HEIA', 'Heineken N.V.', 'XAMS'),
  euEquity('NL0011821202', 'INGA', 'ING Groep N.V.', 'XAMS'),
  euEquity('NL0012969182', 'ADYEN', 'Adyen N.V.', 'XAMS', null),
  // United Kingdom (London Stock Exchange)
  ukEquity('GB0005405286', 'HSBA', 'HSBC Holdings plc'),
  ukEquity('GB0007980591', 'BP.', 'BP p.l.c.'),
  ukEquity('GB0009895292', 'AZN', 'AstraZeneca PLC'),
  ukEquity('GB00B10RZP78', 'ULVR', 'Unilever PLC'),
  ukEquity('GB0002634946', 'BA.', 'BAE Systems plc'),
  ukEquity('GB00BN7SWP63', 'GSK', 'GSK plc'),
  ukEquity('GB0007188757', 'RIO', 'Rio Tinto plc'),
  ukEquity('GB00B63H8491', 'RR.', 'Rolls-Royce Holdings plc', null),
];

// Coupon schedules roll back from maturity; issue dates are the first settlement of the line.
export const BONDS: readonly BondInstrument[] = [
  {
    type: 'BOND',
    instrumentId: 'US91282CLW90',
    isin: 'US91282CLW90',
    name: 'United States Treasury Note 4.25% 15 Nov 2034',
    currency: 'USD',
    issuerType: 'GOVERNMENT',
    couponRate: '4.25',
    couponFrequency: 2,
    dayCount: 'ACT/ACT-ICMA',
    issueDate: '2024-11-15',
    maturityDate: '2034-11-15',
    minIncrement: '100',
    settlementMarket: 'US',
  },
  {
    type: 'BOND',
    instrumentId: 'US91282CJZ59',
    isin: 'US91282CJZ59',
    name: 'United States Treasury Note 4% 15 Feb 2034',
    currency: 'USD',
    issuerType: 'GOVERNMENT',
    couponRate: '4',
    couponFrequency: 2,
    dayCount: 'ACT/ACT-ICMA',
    issueDate: '2024-02-15',
    maturityDate: '2034-02-15',
    minIncrement: '100',
    settlementMarket: 'US',
  },
  {
    // First settled 2024-01-10 with a long first coupon (2025-02-15), which the schedule does not model;
    // accrual from 2025-02-15 on is exact.
    type: 'BOND',
    instrumentId: 'DE000BU2Z023',
    isin: 'DE000BU2Z023',
    name: 'Bundesrepublik Deutschland Bund 2.2% 15 Feb 2034',
    currency: 'EUR',
    issuerType: 'GOVERNMENT',
    couponRate: '2.2',
    couponFrequency: 1,
    dayCount: 'ACT/ACT-ICMA',
    issueDate: '2024-01-10',
    maturityDate: '2034-02-15',
    minIncrement: '1000',
    settlementMarket: 'EU',
  },
  {
    // Old line (first issued in 2000); the issue date is approximate and does not affect accrual today.
    type: 'BOND',
    instrumentId: 'GB0004893086',
    isin: 'GB0004893086',
    name: 'United Kingdom Gilt 4.25% 7 Jun 2032',
    currency: 'GBP',
    issuerType: 'GOVERNMENT',
    couponRate: '4.25',
    couponFrequency: 2,
    dayCount: 'ACT/ACT-ICMA',
    issueDate: '2000-05-25',
    maturityDate: '2032-06-07',
    minIncrement: '1000',
    settlementMarket: 'UK',
  },
  {
    type: 'BOND',
    instrumentId: 'US037833AK68',
    isin: 'US037833AK68',
    name: 'Apple Inc. 3.85% Senior Notes 4 May 2043',
    currency: 'USD',
    issuerType: 'CORPORATE',
    couponRate: '3.85',
    couponFrequency: 2,
    dayCount: '30/360',
    issueDate: '2013-05-03',
    maturityDate: '2043-05-04',
    minIncrement: '1000',
    settlementMarket: 'US',
  },
  {
    type: 'BOND',
    instrumentId: 'US594918BY93',
    isin: 'US594918BY93',
    name: 'Microsoft Corporation 3.3% Notes 6 Feb 2027',
    currency: 'USD',
    issuerType: 'CORPORATE',
    couponRate: '3.3',
    couponFrequency: 2,
    dayCount: '30/360',
    issueDate: '2017-02-06',
    maturityDate: '2027-02-06',
    minIncrement: '1000',
    settlementMarket: 'US',
  },
];

const fxPair = (base: string, quote: string, name: string): FxSpotInstrument => ({
  type: 'FX_SPOT',
  instrumentId: `${base}/${quote}`,
  pair: `${base}/${quote}`,
  baseCurrency: base,
  quoteCurrency: quote,
  name,
});

export const FX_PAIRS: readonly FxSpotInstrument[] = [
  fxPair('EUR', 'USD', 'Euro / US Dollar'),
  fxPair('GBP', 'USD', 'Pound Sterling / US Dollar'),
  fxPair('USD', 'JPY', 'US Dollar / Yen'),
  fxPair('USD', 'CHF', 'US Dollar / Swiss Franc'),
  fxPair('USD', 'CAD', 'US Dollar / Canadian Dollar'),
  fxPair('EUR', 'GBP', 'Euro / Pound Sterling (cross)'),
];

export const INSTRUMENTS: readonly Instrument[] = [...EQUITIES, ...BONDS, ...FX_PAIRS];
