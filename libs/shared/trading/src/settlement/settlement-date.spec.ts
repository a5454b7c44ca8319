import { defaultSettlementDate, fxPairCurrencies, settlementConvention } from './settlement-date';
import { type SettlementInstrument } from './settlement-instrument';

const usEquity: SettlementInstrument = { type: 'EQUITY', settlementMarket: 'US' };
const euEquity: SettlementInstrument = { type: 'EQUITY', settlementMarket: 'EU' };
const ukEquity: SettlementInstrument = { type: 'EQUITY', settlementMarket: 'UK' };
const treasury: SettlementInstrument = { type: 'BOND', settlementMarket: 'US', issuerType: 'GOVERNMENT' };
const usCorporate: SettlementInstrument = { type: 'BOND', settlementMarket: 'US', issuerType: 'CORPORATE' };
const bund: SettlementInstrument = { type: 'BOND', settlementMarket: 'EU', issuerType: 'GOVERNMENT' };
const gilt: SettlementInstrument = { type: 'BOND', settlementMarket: 'UK', issuerType: 'GOVERNMENT' };
const fx = (pair: string): SettlementInstrument => ({ type: 'FX_SPOT', pair });

describe('defaultSettlementDate: securities, worked by hand', () => {
  it.each<[string, SettlementInstrument, string, string]>([
    // 2026 Thanksgiving is Thu 26 Nov (4th Thursday). T+1 from Wed 25: Thu 26 closed → Fri 27.
    ['US equity across Thanksgiving', usEquity, '2026-11-25', '2026-11-27'],
    // Thu 24 Dec, T+1: Fri 25 Christmas, Sat 26, Sun 27 → Mon 28.
    ['US equity across Christmas', usEquity, '2026-12-24', '2026-12-28'],
    // Easter Sunday 2026 is 5 Apr. Thu 2 Apr, T+2: Fri 3 Good Friday, Sat 4, Sun 5, Mon 6 Easter Monday
    // closed; Tue 7 = day 1, Wed 8 = day 2.
    ['XETR equity across Easter', euEquity, '2026-04-02', '2026-04-08'],
    // Fri 28 Aug, T+2: Mon 31 Aug is the last Monday of August (summer bank holiday); Tue 1 Sep = day 1,
    // Wed 2 Sep = day 2.
    ['XLON equity across the August bank holiday', ukEquity, '2026-08-28', '2026-09-02'],
    // US switch: Fri 24 May 2024 is before 2024-05-28, so T+2: Sat, Sun, Mon 27 Memorial Day; Tue 28 =
    // day 1, Wed 29 = day 2.
    ['US equity traded the Friday before the T+1 switch', usEquity, '2024-05-24', '2024-05-29'],
    ['US corporate bond traded the Friday before the T+1 switch', usCorporate, '2024-05-24', '2024-05-29'],
    // Tue 28 May 2024 is the first T+1 trade date → Wed 29: both trades settle together.
    ['US equity traded on the first T+1 day', usEquity, '2024-05-28', '2024-05-29'],
    ['US corporate bond traded on the first T+1 day', usCorporate, '2024-05-28', '2024-05-29'],
    // Fri 2024-05-03, T+2 (old cycle, no holiday): Mon 6 = 1, Tue 7 = 2.
    ['US equity in the T+2 era', usEquity, '2024-05-03', '2024-05-07'],
    // EU/UK switch: Fri 8 Oct 2027 is still T+2: Mon 11 = 1, Tue 12 = 2.
    ['EU equity traded the Friday before the EU switch', euEquity, '2027-10-08', '2027-10-12'],
    ['UK equity traded the Friday before the UK switch', ukEquity, '2027-10-08', '2027-10-12'],
    // Mon 11 Oct 2027 is the first T+1 trade date → Tue 12.
    ['EU equity traded on the first EU T+1 day', euEquity, '2027-10-11', '2027-10-12'],
    ['UK equity traded on the first UK T+1 day', ukEquity, '2027-10-11', '2027-10-12'],
    // Treasuries are T+1 always, even in 2024 before the equity switch: Fri 24 May → Mon 27 Memorial
    // Day closed → Tue 28.
    ['US Treasury before the equity switch', treasury, '2024-05-24', '2024-05-28'],
    ['US Treasury across Thanksgiving', treasury, '2026-11-25', '2026-11-27'],
    // Bund T+2 in 2026 like EU equities: Thu 2 Apr → Wed 8 Apr (see XETR above).
    ['Bund across Easter (T+2)', bund, '2026-04-02', '2026-04-08'],
    // Bund T+1 after the switch: Fri 24 Dec 2027; 25/26 Dec fall on Sat/Sun and TARGET2 has no
    // substitute days → Mon 27.
    ['Bund after the EU switch (T+1)', bund, '2027-12-24', '2027-12-27'],
    // Gilts are T+1 already: Fri 28 Aug 2026, Mon 31 summer bank holiday → Tue 1 Sep.
    ['Gilt across the August bank holiday (T+1)', gilt, '2026-08-28', '2026-09-01'],
    // Issue 18: Veterans Day 2023 fell on Saturday 11 Nov and the US market stayed open on Friday 10 Nov
    // (SIFMA observes no Friday for it). T+2 from Thu 9 Nov: Fri 10 = day 1, Mon 13 = day 2.
    ['US equity across Veterans Day on a Saturday (T+2)', usEquity, '2023-11-09', '2023-11-13'],
    ['US Treasury across Veterans Day on a Saturday (T+1)', treasury, '2023-11-09', '2023-11-10'],
    // Hurricane Sandy: the bond market closed on Tue 30 Oct 2012. T+1 from Mon 29 → Wed 31.
    ['US Treasury across Hurricane Sandy', treasury, '2012-10-29', '2012-10-31'],
  ])('%s', (_name, instrument, tradeDate, expected) => {
    expect(defaultSettlementDate({ instrument, tradeDate })).toBe(expected);
  });

  it('names the cycle in force on the trade date', () => {
    expect(settlementConvention({ instrument: usEquity, tradeDate: '2024-05-27' }).cycle).toBe('T+2');
    expect(settlementConvention({ instrument: usEquity, tradeDate: '2024-05-28' }).cycle).toBe('T+1');
    expect(settlementConvention({ instrument: ukEquity, tradeDate: '2027-10-10' }).cycle).toBe('T+2');
    expect(settlementConvention({ instrument: ukEquity, tradeDate: '2027-10-11' }).cycle).toBe('T+1');
    expect(settlementConvention({ instrument: fx('USD/CAD'), tradeDate: '2026-01-05' }).cycle).toBe(
      'T+1 FX spot',
    );
  });
});

describe('defaultSettlementDate: FX spot, worked by hand', () => {
  it.each<[string, string, string, string]>([
    // EUR/USD Wed 25 Nov 2026: the first day, Thu 26, need only be a TARGET2 day (it is, though the US
    // is closed); spot Fri 27 is good in both.
    ['EUR/USD, US holiday on the first day does not count', 'EUR/USD', '2026-11-25', '2026-11-27'],
    // Tue 24 Nov: first day Wed 25 (TARGET2 open); spot Thu 26 is a US holiday → roll to Fri 27.
    ['EUR/USD, spot on a US holiday rolls', 'EUR/USD', '2026-11-24', '2026-11-27'],
    // USD/CAD is T+1 and the one day must be good for both: Thu 26 US holiday → Fri 27.
    ['USD/CAD T+1 across Thanksgiving', 'USD/CAD', '2026-11-25', '2026-11-27'],
    ['CAD/USD is the same pair', 'CAD/USD', '2026-11-25', '2026-11-27'],
    // USD/CAD Mon 23 Nov: Tue 24 good for both.
    ['USD/CAD T+1 on a plain day', 'USD/CAD', '2026-11-23', '2026-11-24'],
    // Cross EUR/GBP Tue 24 Nov: first day Wed 25 (TARGET2 and UK open); spot Thu 26 is a US holiday →
    // crosses avoid USD holidays on the spot date → Fri 27.
    ['EUR/GBP cross, spot on a US holiday rolls', 'EUR/GBP', '2026-11-24', '2026-11-27'],
    // Cross EUR/GBP Wed 25 Nov: the first day Thu 26 needs no USD; spot Fri 27.
    ['EUR/GBP cross, US holiday on the first day does not count', 'EUR/GBP', '2026-11-25', '2026-11-27'],
    // GBP/USD Fri 28 Aug 2026: the first day must be a UK day: Mon 31 summer bank holiday → Tue 1 Sep;
    // spot Wed 2 Sep.
    ['GBP/USD, UK holiday on the first day', 'GBP/USD', '2026-08-28', '2026-09-02'],
    // EUR/USD Thu 24 Dec 2026: first TARGET2 day after is Mon 28 (25 Christmas, 26/27 weekend); spot Tue 29.
    ['EUR/USD across Christmas', 'EUR/USD', '2026-12-24', '2026-12-29'],
    // USD/JPY: JPY has no calendar here (weekends only). Tue 24 Nov: first day Wed 25; spot Thu 26 US
    // holiday → Fri 27.
    ['USD/JPY, JPY weekends only', 'USD/JPY', '2026-11-24', '2026-11-27'],
    // EUR/CHF Fri 2026-04-03 (Good Friday, FX still trades): first TARGET2 day after is Tue 7 Apr (Mon 6
    // Easter Monday); spot Wed 8 (US open, CHF weekends only).
    ['EUR/CHF across Easter', 'EUR/CHF', '2026-04-03', '2026-04-08'],
  ])('%s: %s traded %s → %s', (_name, pair, tradeDate, expected) => {
    expect(defaultSettlementDate({ instrument: fx(pair), tradeDate })).toBe(expected);
  });
});

describe('defaultSettlementDate: bad input', () => {
  it.each([
    ['EURUSD', 'FX pair must be two ISO 4217 codes as \'EUR/USD\', got "EURUSD"'],
    ['eur/usd', 'FX pair must be two ISO 4217 codes as \'EUR/USD\', got "eur/usd"'],
    ['EUR/EUR', 'FX pair EUR/EUR has the same currency twice'],
    ['EUR/ABC', 'FX pair EUR/ABC: currency "ABC" is not a known ISO 4217 currency'],
  ])('refuses FX pair %s', (pair, message) => {
    expect(() => fxPairCurrencies(pair)).toThrow(new RangeError(message));
    expect(() => defaultSettlementDate({ instrument: fx(pair), tradeDate: '2026-11-25' })).toThrow(
      RangeError,
    );
  });

  it('refuses a market without settlement rules', () => {
    const swiss = { type: 'EQUITY', settlementMarket: 'CH' } as unknown as SettlementInstrument;
    expect(() => defaultSettlementDate({ instrument: swiss, tradeDate: '2026-11-25' })).toThrow(
      'settlement market "CH" has no settlement rules: expected one of US, EU, UK',
    );
  });

  it.each(['2026-02-30', '25/11/2026', ''])('refuses trade date %j', (tradeDate) => {
    expect(() => defaultSettlementDate({ instrument: usEquity, tradeDate })).toThrow(RangeError);
  });
});
