import fc from 'fast-check';
import { calendar, type CalendarCode } from '@tradeflow/shared/reference';
import { defaultSettlementDate } from './settlement-date';
import { validateSettlementDate } from './settlement-date.validator';
import { type SettlementInstrument } from './settlement-instrument';

const usEquity: SettlementInstrument = { type: 'EQUITY', settlementMarket: 'US' };
const eurUsd: SettlementInstrument = { type: 'FX_SPOT', pair: 'EUR/USD' };
const today = '2026-11-25';

describe('validateSettlementDate: accepted', () => {
  it('gives the default when no date is requested', () => {
    // Wed 25 Nov 2026, T+1 over Thanksgiving → Fri 27.
    expect(validateSettlementDate({ instrument: usEquity, tradeDate: '2026-11-25', today })).toEqual({
      ok: true,
      settlementDate: '2026-11-27',
      defaultSettlementDate: '2026-11-27',
    });
  });

  it('accepts a later business day', () => {
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-11-25',
        requested: '2026-11-30',
        today,
      }),
    ).toEqual({ ok: true, settlementDate: '2026-11-30', defaultSettlementDate: '2026-11-27' });
  });

  it('accepts a back-loaded trade, settling under the cycle of its own trade date', () => {
    // Fri 24 May 2024 was T+2 (Mon 27 Memorial Day) → Wed 29.
    expect(validateSettlementDate({ instrument: usEquity, tradeDate: '2024-05-24', today })).toEqual({
      ok: true,
      settlementDate: '2024-05-29',
      defaultSettlementDate: '2024-05-29',
    });
  });

  it('accepts an FX trade on a holiday of one currency (FX trades every weekday)', () => {
    // Thanksgiving: first day Fri 27 (TARGET2), spot Mon 30.
    expect(
      validateSettlementDate({ instrument: eurUsd, tradeDate: '2026-11-26', today: '2026-11-26' }),
    ).toEqual({
      ok: true,
      settlementDate: '2026-11-30',
      defaultSettlementDate: '2026-11-30',
    });
  });
});

describe('validateSettlementDate: refused, with the reason', () => {
  it('requested date before the default', () => {
    // Fri 20 Nov, T+1 → Mon 23; the trader asks for the trade date itself.
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-11-20',
        requested: '2026-11-20',
        today,
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'settlementDate',
          message: 'settlement date 2026-11-20 is before the default 2026-11-23 (T+1)',
        },
      ],
    });
  });

  it('requested date on a weekend', () => {
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-11-25',
        requested: '2026-11-28',
        today,
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'settlementDate',
          message:
            'settlement date 2026-11-28 is not a business day of the US settlement calendar (Saturday)',
        },
      ],
    });
  });

  it('requested date on a holiday, which is also before the default', () => {
    // Wed 25 Nov, T+1 → Fri 27 (Thu 26 Thanksgiving).
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-11-25',
        requested: '2026-11-26',
        today,
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'settlementDate',
          message:
            'settlement date 2026-11-26 is not a business day of the US settlement calendar (Thanksgiving Day)',
        },
        {
          field: 'settlementDate',
          message: 'settlement date 2026-11-26 is before the default 2026-11-27 (T+1)',
        },
      ],
    });
  });

  it('requested FX value date on a holiday of one currency', () => {
    // Easter Monday 2026-04-06: TARGET2 closed, US open. Traded Mon 30 Mar → spot Wed 1 Apr.
    expect(
      validateSettlementDate({ instrument: eurUsd, tradeDate: '2026-03-30', requested: '2026-04-06', today }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'settlementDate',
          message:
            'settlement date 2026-04-06 is not a business day of the TARGET2+US settlement calendar (TARGET2: Easter Monday)',
        },
      ],
    });
  });

  it('requested value date of a cross on a US holiday (a cross settles against USD)', () => {
    // EUR/GBP traded Tue 2026-06-30 → spot Thu 2 Jul. Fri 3 Jul 2026 is Independence Day observed
    // (4 Jul is a Saturday): TARGET2 and London are open, New York is not.
    const eurGbp: SettlementInstrument = { type: 'FX_SPOT', pair: 'EUR/GBP' };
    expect(
      validateSettlementDate({ instrument: eurGbp, tradeDate: '2026-06-30', requested: '2026-07-02', today }),
    ).toMatchObject({ ok: true, settlementDate: '2026-07-02' });
    const refused = validateSettlementDate({
      instrument: eurGbp,
      tradeDate: '2026-06-30',
      requested: '2026-07-03',
      today,
    });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.errors.map((e) => e.field)).toEqual(['settlementDate']);
    expect(refused.errors[0]!.message).toMatch(
      /^settlement date 2026-07-03 is not a business day of .*US.*Independence Day/,
    );
  });

  it('trade date in the future', () => {
    expect(validateSettlementDate({ instrument: usEquity, tradeDate: '2026-11-27', today })).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message: 'trade date 2026-11-27 is after today 2026-11-25: a trade cannot be booked in the future',
        },
      ],
    });
  });

  it('trade date on a holiday of the market', () => {
    expect(
      validateSettlementDate({ instrument: usEquity, tradeDate: '2026-11-26', today: '2026-11-30' }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message: 'trade date 2026-11-26 is not a business day of the US market calendar (Thanksgiving Day)',
        },
      ],
    });
  });

  it('FX trade date on a weekend', () => {
    expect(validateSettlementDate({ instrument: eurUsd, tradeDate: '2026-11-21', today })).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message:
            'trade date 2026-11-21 is not a business day of the FX (weekdays) market calendar (Saturday)',
        },
      ],
    });
  });

  it('malformed dates name their field', () => {
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-02-30',
        requested: '27/11/2026',
        today,
      }),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'tradeDate', message: "trade date '2026-02-30' is not a calendar date" },
        {
          field: 'settlementDate',
          message: "settlement date must be a date as YYYY-MM-DD, got '27/11/2026'",
        },
      ],
    });
    expect(validateSettlementDate({ instrument: usEquity, tradeDate: '', today })).toEqual({
      ok: false,
      errors: [{ field: 'tradeDate', message: "trade date must be a date as YYYY-MM-DD, got ''" }],
    });
  });

  it('a malformed clock is a programming error', () => {
    expect(() =>
      validateSettlementDate({ instrument: usEquity, tradeDate: '2026-11-25', today: 'now' }),
    ).toThrow(RangeError);
  });
});

describe('validateSettlementDate: dates at the ends of the calendar never throw', () => {
  // 9999-12-31 is a Friday (so 9999-12-25 is a Saturday and Christmas is observed on Fri 9999-12-24);
  // the calendars know the years 0001 to 9999, so T+1 or T+2 from it has no date to land on.
  it('a future trade date of 9999-12-31 is refused as such, without computing a settlement date', () => {
    for (const instrument of [usEquity, eurUsd]) {
      expect(validateSettlementDate({ instrument, tradeDate: '9999-12-31', today })).toEqual({
        ok: false,
        errors: [
          {
            field: 'tradeDate',
            message:
              'trade date 9999-12-31 is after today 2026-11-25: a trade cannot be booked in the future',
          },
        ],
      });
    }
  });

  it('a trade date in error is reported with a bad requested date, but not compared with a default', () => {
    // Fri 27 Nov is after today; Sat 28 Nov is no business day. No default is computed from the 27th.
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-11-27',
        requested: '2026-11-28',
        today,
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message: 'trade date 2026-11-27 is after today 2026-11-25: a trade cannot be booked in the future',
        },
        {
          field: 'settlementDate',
          message:
            'settlement date 2026-11-28 is not a business day of the US settlement calendar (Saturday)',
        },
      ],
    });
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '9999-12-31',
        requested: '9999-12-31',
        today,
      }).ok,
    ).toBe(false);
  });

  it('a requested date late in 9999 is checked like any other', () => {
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '2026-11-25',
        requested: '9999-12-31',
        today,
      }),
    ).toEqual({ ok: true, settlementDate: '9999-12-31', defaultSettlementDate: '2026-11-27' });
    expect(
      validateSettlementDate({ instrument: eurUsd, tradeDate: '2026-11-25', requested: '9999-12-24', today }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'settlementDate',
          message:
            'settlement date 9999-12-24 is not a business day of the TARGET2+US settlement calendar (US: Christmas Day (observed))',
        },
      ],
    });
  });

  it('a trade date whose settlement date would fall after 9999-12-31 is a trade date error', () => {
    const endOfTime = '9999-12-31';
    expect(
      validateSettlementDate({ instrument: usEquity, tradeDate: '9999-12-31', today: endOfTime }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message:
            'trade date 9999-12-31 has no settlement date (T+1) on or before 9999-12-31, the last day the business calendars know',
        },
      ],
    });
    // Thu 30 Dec: T+2 FX spot would be Mon 10000-01-03; a US equity settles T+1 on Fri 31 Dec.
    expect(
      validateSettlementDate({
        instrument: eurUsd,
        tradeDate: '9999-12-30',
        requested: '9999-12-31',
        today: endOfTime,
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message:
            'trade date 9999-12-30 has no settlement date (T+2 FX spot) on or before 9999-12-31, the last day the business calendars know',
        },
      ],
    });
    for (const pair of PAIRS) {
      const instrument: SettlementInstrument = { type: 'FX_SPOT', pair };
      expect(() =>
        validateSettlementDate({ instrument, tradeDate: '9999-12-31', today: endOfTime }),
      ).not.toThrow();
    }
    expect(
      validateSettlementDate({ instrument: usEquity, tradeDate: '9999-12-30', today: endOfTime }),
    ).toEqual({
      ok: true,
      settlementDate: '9999-12-31',
      defaultSettlementDate: '9999-12-31',
    });
  });

  it('a date in the year 0000, before the calendars begin, is refused by field', () => {
    expect(
      validateSettlementDate({
        instrument: usEquity,
        tradeDate: '0000-01-01',
        requested: '0000-01-02',
        today,
      }),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'tradeDate',
          message: 'trade date 0000-01-01 is before 0001-01-01, the first day the business calendars know',
        },
        {
          field: 'settlementDate',
          message:
            'settlement date 0000-01-02 is before 0001-01-01, the first day the business calendars know',
        },
      ],
    });
  });
});

// Properties over every kind of instrument and every business trade date 2020-2035.
const CURRENCY_CALENDAR: Record<string, CalendarCode | undefined> = { USD: 'US', EUR: 'TARGET2', GBP: 'UK' };
const PAIRS = [
  'EUR/USD',
  'GBP/USD',
  'USD/JPY',
  'USD/CHF',
  'USD/CAD',
  'CAD/USD',
  'EUR/GBP',
  'EUR/CHF',
  'CHF/JPY',
];
const MARKET_CALENDAR = { US: 'US', EU: 'TARGET2', UK: 'UK' } as const;

const instrumentArb: fc.Arbitrary<SettlementInstrument> = fc.oneof(
  fc.record({
    type: fc.constant('EQUITY' as const),
    settlementMarket: fc.constantFrom('US', 'EU', 'UK' as const),
  }),
  fc.record({
    type: fc.constant('BOND' as const),
    settlementMarket: fc.constantFrom('US', 'EU', 'UK' as const),
    issuerType: fc.constantFrom('GOVERNMENT', 'CORPORATE' as const),
  }),
  fc.record({ type: fc.constant('FX_SPOT' as const), pair: fc.constantFrom(...PAIRS) }),
);

const dateArb = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const isWeekday = (date: string): boolean => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/** The calendars a settlement date must be open in, written independently of the code under test. */
const settlementCalendars = (instrument: SettlementInstrument): CalendarCode[] => {
  if (instrument.type !== 'FX_SPOT') return [MARKET_CALENDAR[instrument.settlementMarket]];
  const ccys = instrument.pair.split('/');
  // The spot date is good for both currencies, and for USD too on a cross.
  return [...ccys, 'USD'].flatMap((c) => {
    const code = CURRENCY_CALENDAR[c];
    return code ? [code] : [];
  });
};

const isTradeDay = (instrument: SettlementInstrument, date: string): boolean =>
  instrument.type === 'FX_SPOT'
    ? isWeekday(date)
    : calendar(MARKET_CALENDAR[instrument.settlementMarket]).isBusinessDay(date);

describe('settlement date properties', () => {
  it('the default is a business day of its calendars, strictly after the trade date and within 10 days', () => {
    fc.assert(
      fc.property(instrumentArb, dateArb, (instrument, tradeDate) => {
        fc.pre(isTradeDay(instrument, tradeDate));
        const settle = defaultSettlementDate({ instrument, tradeDate });
        expect(settle > tradeDate).toBe(true);
        expect(isWeekday(settle)).toBe(true);
        for (const code of settlementCalendars(instrument))
          expect(calendar(code).isBusinessDay(settle)).toBe(true);
        const days = (Date.parse(settle) - Date.parse(tradeDate)) / 86_400_000;
        expect(days).toBeLessThanOrEqual(10);
      }),
      { numRuns: 2000 },
    );
  });

  it('a requested date equal to the default is accepted', () => {
    fc.assert(
      fc.property(instrumentArb, dateArb, (instrument, tradeDate) => {
        fc.pre(isTradeDay(instrument, tradeDate));
        const requested = defaultSettlementDate({ instrument, tradeDate });
        expect(validateSettlementDate({ instrument, tradeDate, requested, today: '2036-01-01' })).toEqual({
          ok: true,
          settlementDate: requested,
          defaultSettlementDate: requested,
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('a requested date before the default is refused', () => {
    fc.assert(
      fc.property(instrumentArb, dateArb, (instrument, tradeDate) => {
        fc.pre(isTradeDay(instrument, tradeDate));
        // The trade date itself is always before the default.
        const result = validateSettlementDate({
          instrument,
          tradeDate,
          requested: tradeDate,
          today: '2036-01-01',
        });
        expect(result.ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
