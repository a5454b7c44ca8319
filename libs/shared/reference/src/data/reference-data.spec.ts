import { checkCurrency, parsePrice } from '@tradeflow/shared/money';
import { checkIsin } from '../identifiers/isin';
import { checkLei } from '../identifiers/lei';
import { checkMic, micInfo } from '../identifiers/mic';
import type { BondInstrument, EquityInstrument, FxSpotInstrument, Instrument } from './instrument.types';
import {
  bookByCode,
  counterpartyByLei,
  instrumentById,
  REFERENCE_DATA,
  referencePrice,
  ssiFor,
} from './reference-data';
import { settlementDepository } from './ssi.data';

const { instruments, counterparties, ccps, books, traders, ssis, firm, prices } = REFERENCE_DATA;

const equities = instruments.filter((i): i is EquityInstrument => i.type === 'EQUITY');
const bonds = instruments.filter((i): i is BondInstrument => i.type === 'BOND');
const fxPairs = instruments.filter((i): i is FxSpotInstrument => i.type === 'FX_SPOT');

const securityCurrencies = (i: Instrument): string[] =>
  i.type === 'FX_SPOT' ? [i.baseCurrency, i.quoteCurrency] : [i.currency];

const duplicates = (values: readonly string[]): string[] =>
  values.filter((v, index) => values.indexOf(v) !== index);

describe('shipped reference data', () => {
  describe('identifiers pass their standard check', () => {
    it.each([...equities, ...bonds].map((i) => [i.isin, i]))('ISIN %s', (isin, instrument) => {
      expect(checkIsin(isin)).toEqual({ ok: true });
      expect(instrument.instrumentId).toBe(isin);
    });

    it.each(
      [firm, ...counterparties, ...ccps.filter((c) => c.lei !== undefined)].map((e) => [e.lei, e.name]),
    )('LEI %s (%s)', (lei) => {
      expect(checkLei(lei ?? '')).toEqual({ ok: true });
    });

    it('every equity MIC is known and maps to the instrument settlement market', () => {
      for (const e of equities) {
        expect({ mic: e.mic, check: checkMic(e.mic) }).toEqual({ mic: e.mic, check: { ok: true } });
        expect({ id: e.instrumentId, market: micInfo(e.mic)?.settlementMarket }).toEqual({
          id: e.instrumentId,
          market: e.settlementMarket,
        });
      }
    });

    it('every currency is a known ISO 4217 code', () => {
      const currencies = [
        ...instruments.flatMap(securityCurrencies),
        ...books.map((b) => b.baseCurrency),
        ...ssis.map((s) => s.currency),
      ];
      for (const ccy of currencies) expect({ ccy, ok: checkCurrency(ccy).ok }).toEqual({ ccy, ok: true });
    });

    it('every BIC has the 8 or 11 character format', () => {
      const bics = [
        firm.bic,
        ...counterparties.map((c) => c.bic),
        ...ssis.flatMap((s) => [s.agentBic, s.placeOfSettlementBic]),
      ];
      for (const bic of bics) expect(bic).toMatch(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/);
    });
  });

  describe('ids are unique', () => {
    it.each([
      ['instruments', instruments.map((i) => i.instrumentId)],
      ['counterparty LEIs', [firm.lei, ...counterparties.map((c) => c.lei)]],
      ['CCP codes', ccps.map((c) => c.code)],
      ['books', books.map((b) => b.bookCode)],
      ['traders', traders.map((t) => t.traderId)],
      ['SSIs', ssis.map((s) => s.ssiId)],
    ])('%s', (_what, ids) => {
      expect(duplicates(ids)).toEqual([]);
    });
  });

  describe('instruments', () => {
    it('has at least 30 equities across US, German, French, Dutch and UK listings', () => {
      expect(equities.length).toBeGreaterThanOrEqual(30);
      const byMic = (mic: string): number => equities.filter((e) => e.mic === mic).length;
      expect(byMic('XNYS') + byMic('XNAS')).toBeGreaterThanOrEqual(5);
      for (const mic of ['XETR', 'XPAR', 'XAMS', 'XLON']) {
        expect({ mic, count: byMic(mic) >= 4 }).toEqual({ mic, count: true });
      }
    });

    it('equity currency follows the listing', () => {
      const expected: Record<string, string> = { US: 'USD', EU: 'EUR', UK: 'GBP' };
      for (const e of equities) expect([e.isin, e.currency]).toEqual([e.isin, expected[e.settlementMarket]]);
    });

    it('has exactly 6 bonds: US Treasuries, a Bund, a Gilt and 30/360 corporates', () => {
      expect(bonds).toHaveLength(6);
      const gov = bonds.filter((b) => b.issuerType === 'GOVERNMENT');
      const corp = bonds.filter((b) => b.issuerType === 'CORPORATE');
      expect(gov.every((b) => b.dayCount === 'ACT/ACT-ICMA')).toBe(true);
      expect(corp.length).toBeGreaterThanOrEqual(1);
      expect(corp.every((b) => b.dayCount === '30/360')).toBe(true);
      expect(gov.filter((b) => b.isin.startsWith('US')).length).toBeGreaterThanOrEqual(1);
      expect(gov.some((b) => b.isin.startsWith('DE'))).toBe(true);
      expect(gov.some((b) => b.isin.startsWith('GB'))).toBe(true);
    });

    it('bond terms are well formed', () => {
      for (const b of bonds) {
        expect(b.issueDate < b.maturityDate).toBe(true);
        expect(parsePrice(b.minIncrement).ok).toBe(true);
        expect(Number(b.couponRate)).toBeGreaterThanOrEqual(0);
      }
    });

    it('has 6 FX pairs including USD/CAD and a cross', () => {
      expect(fxPairs).toHaveLength(6);
      expect(fxPairs.map((p) => p.pair)).toContain('USD/CAD');
      expect(fxPairs.some((p) => p.baseCurrency !== 'USD' && p.quoteCurrency !== 'USD')).toBe(true);
      for (const p of fxPairs) {
        expect(p.pair).toBe(`${p.baseCurrency}/${p.quoteCurrency}`);
        expect(p.instrumentId).toBe(p.pair);
      }
    });
  });

  describe('counterparties and CCPs', () => {
    it('has 10 counterparties with a positive USD credit limit', () => {
      expect(counterparties).toHaveLength(10);
      for (const c of counterparties) expect(parsePrice(c.creditLimitUsd).ok).toBe(true);
    });

    it('has 2 CCPs, one US and one European, each clearing only its CCP-eligible equities', () => {
      expect(ccps.map((c) => c.code).sort()).toEqual(['LCH', 'NSCC']);
      for (const ccp of ccps) {
        expect(ccp.clears.length).toBeGreaterThanOrEqual(1);
        for (const id of ccp.clears) {
          const i = instrumentById(id);
          expect(i?.type).toBe('EQUITY');
          expect(i?.type === 'EQUITY' && i.ccp).toBe(ccp.code);
          expect(ccp.markets).toContain(i?.type === 'EQUITY' && i.settlementMarket);
        }
      }
      const cleared = ccps.flatMap((c) => c.clears);
      expect(
        equities
          .filter((e) => e.ccp)
          .map((e) => e.instrumentId)
          .sort(),
      ).toEqual([...cleared].sort());
    });

    it('keeps some equities bilateral (no CCP)', () => {
      expect(equities.filter((e) => e.ccp === undefined).length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('SSIs', () => {
    const owners = [
      { id: firm.lei, name: firm.name, markets: ['US', 'EU', 'UK', 'FX'] },
      ...counterparties.map((c) => ({ id: c.lei, name: c.name, markets: c.markets })),
    ];

    it.each(owners.map((o) => [o.name, o]))(
      '%s has an SSI for every instrument and leg it trades',
      (_n, o) => {
        const missing: string[] = [];
        for (const i of instruments) {
          const market = i.type === 'FX_SPOT' ? 'FX' : i.settlementMarket;
          if (!o.markets.includes(market)) continue;
          for (const ccy of securityCurrencies(i)) {
            if (!ssiFor(o.id, i, ccy)) missing.push(`${i.instrumentId} ${ccy} ${settlementDepository(i)}`);
          }
        }
        expect(missing).toEqual([]);
      },
    );

    it('every counterparty has at least one SSI per market it trades', () => {
      for (const c of counterparties) {
        for (const m of c.markets) {
          expect({ lei: c.lei, m, found: ssis.some((s) => s.ownerId === c.lei && s.market === m) }).toEqual({
            lei: c.lei,
            m,
            found: true,
          });
        }
      }
    });

    it('each CCP has an SSI for every instrument it clears', () => {
      for (const ccp of ccps) {
        for (const id of ccp.clears) {
          const i = instrumentById(id);
          expect(i && ssiFor(ccp.code, i, securityCurrencies(i)[0] ?? '')).toBeDefined();
        }
      }
    });

    it('SSI owners exist', () => {
      const known = new Set([firm.lei, ...counterparties.map((c) => c.lei), ...ccps.map((c) => c.code)]);
      for (const s of ssis) expect(known.has(s.ownerId)).toBe(true);
    });
  });

  describe('prices', () => {
    it('every instrument has a reference price that parses as a price', () => {
      for (const i of instruments) {
        const price = referencePrice(i.instrumentId);
        expect({ id: i.instrumentId, ok: price !== undefined && parsePrice(price).ok }).toEqual({
          id: i.instrumentId,
          ok: true,
        });
      }
    });

    it('no price is left over for an unknown instrument', () => {
      for (const id of [...Object.keys(prices.instruments), ...Object.keys(prices.fxRates)]) {
        expect(instrumentById(id)).toBeDefined();
      }
    });

    it('FX rates cover the 6 pairs and the cross is consistent with the USD legs', () => {
      expect(Object.keys(prices.fxRates).sort()).toEqual(fxPairs.map((p) => p.pair).sort());
      const implied = Number(prices.fxRates['EUR/USD']) / Number(prices.fxRates['GBP/USD']);
      expect(Math.abs(implied - Number(prices.fxRates['EUR/GBP']))).toBeLessThan(0.0005);
    });
  });

  describe('books and lookups', () => {
    it('books have known traders, currencies and limits that parse', () => {
      const traderIds = new Set(traders.map((t) => t.traderId));
      for (const b of books) {
        expect(b.traders.every((t) => traderIds.has(t))).toBe(true);
        expect(parsePrice(b.limits.maxTradeNotionalUsd).ok).toBe(true);
        expect(parsePrice(b.limits.positionLimit).ok).toBe(true);
      }
      for (const t of traders) expect(parsePrice(t.dailyNotionalLimitUsd).ok).toBe(true);
    });

    it('finds by id, LEI and code, and answers undefined for unknown keys', () => {
      expect(instrumentById('US0378331005')?.name).toBe('Apple Inc.');
      expect(instrumentById('EUR/USD')?.type).toBe('FX_SPOT');
      expect(counterpartyByLei('7LTWFZYICNSX8D621K86')?.name).toBe('Deutsche Bank AG');
      expect(bookByCode('FX-SPOT')?.traders).toContain('dave');
      expect(instrumentById('US0373831005')).toBeUndefined();
      expect(counterpartyByLei('nope')).toBeUndefined();
      expect(bookByCode('nope')).toBeUndefined();
    });
  });
});
