import { Dec, formatCash } from '@tradeflow/shared/money';
import { type Fill, foldFills } from './position';
import {
  roundValuation,
  valuePosition,
  type PositionCash,
  type PositionValuation,
} from './position-valuation';

const buy = (quantity: string, price: string): Fill => ({
  side: 'BUY',
  quantity: new Dec(quantity),
  price: new Dec(price),
});
const sell = (quantity: string, price: string): Fill => ({
  side: 'SELL',
  quantity: new Dec(quantity),
  price: new Dec(price),
});

function plain(cash: PositionCash): Record<string, string> {
  return {
    currency: cash.currency,
    realised: cash.realisedPnl.toFixed(),
    marketValue: cash.marketValue.toFixed(),
    unrealised: cash.unrealisedPnl.toFixed(),
  };
}

function shown(valuation: PositionValuation): Record<string, string> {
  const { local, usd } = valuation;
  return {
    realised: formatCash(local.realisedPnl, local.currency),
    marketValue: formatCash(local.marketValue, local.currency),
    unrealised: formatCash(local.unrealisedPnl, local.currency),
    realisedUsd: formatCash(usd.realisedPnl, 'USD'),
    marketValueUsd: formatCash(usd.marketValue, 'USD'),
    unrealisedUsd: formatCash(usd.unrealisedPnl, 'USD'),
  };
}

describe('valuing a position', () => {
  // long 50 at 11 with 300 realised (buy 100 @ 10, buy 100 @ 12, sell 150 @ 13)
  const long = foldFills([buy('100', '10'), buy('100', '12'), sell('150', '13')]);

  it('gives market value and unrealised P&L at the reference price, in the currency and in USD', () => {
    const valuation = valuePosition(long, {
      referencePrice: new Dec(14),
      currency: 'EUR',
      usdPerUnit: new Dec('1.085'),
    });
    expect(valuation.quantity.toFixed()).toBe('50');
    expect(valuation.averageCost?.toFixed()).toBe('11');
    // market value 50 × 14 = 700; unrealised (14 − 11) × 50 = 150; realised 300
    expect(plain(valuation.local)).toEqual({
      currency: 'EUR',
      realised: '300',
      marketValue: '700',
      unrealised: '150',
    });
    // × 1.085: 300 → 325.5, 700 → 759.5, 150 → 162.75
    expect(plain(valuation.usd)).toEqual({
      currency: 'USD',
      realised: '325.5',
      marketValue: '759.5',
      unrealised: '162.75',
    });
    expect(shown(roundValuation(valuation))).toEqual({
      realised: '300.00',
      marketValue: '700.00',
      unrealised: '150.00',
      realisedUsd: '325.50',
      marketValueUsd: '759.50',
      unrealisedUsd: '162.75',
    });
  });

  it('values a short negatively and gains when the price falls below its average', () => {
    const short = foldFills([buy('100', '10'), buy('100', '12'), sell('150', '13'), sell('100', '9')]); // short 50 at 9, realised 200
    const atTen = valuePosition(short, {
      referencePrice: new Dec(10),
      currency: 'USD',
      usdPerUnit: new Dec(1),
    });
    // market value −50 × 10 = −500; unrealised (10 − 9) × −50 = −50
    expect(plain(atTen.local)).toEqual({
      currency: 'USD',
      realised: '200',
      marketValue: '-500',
      unrealised: '-50',
    });
    expect(plain(atTen.usd)).toEqual(plain(atTen.local));
    const atEight = valuePosition(short, {
      referencePrice: new Dec(8),
      currency: 'USD',
      usdPerUnit: new Dec(1),
    });
    expect(atEight.local.unrealisedPnl.toFixed()).toBe('50'); // (8 − 9) × −50
  });

  it('rounds each figure once, half-even, to its own currency, converting the unrounded local figure', () => {
    const yen = foldFills([buy('7', '101.5')]); // cost 710.5 JPY
    const valuation = valuePosition(yen, {
      referencePrice: new Dec('101.5'),
      currency: 'JPY',
      usdPerUnit: new Dec('0.0066925'),
    });
    expect(plain(valuation.local)).toEqual({
      currency: 'JPY',
      realised: '0',
      marketValue: '710.5',
      unrealised: '0',
    });
    // 710.5 × 0.0066925 = 4.75502125 → 4.76 (converting the rounded 710 would give 4.751675 → 4.75)
    expect(valuation.usd.marketValue.toFixed()).toBe('4.75502125');
    expect(shown(roundValuation(valuation))).toEqual({
      realised: '0',
      marketValue: '710', // the tie 710.5 goes to the even yen
      unrealised: '0',
      realisedUsd: '0.00',
      marketValueUsd: '4.76',
      unrealisedUsd: '0.00',
    });
  });

  it('applies the multiplier of a bond priced in percent of par', () => {
    const bond = foldFills([buy('1000000', '99.5')]); // nominal 1,000,000 at 99.5%: cost 995,000
    const valuation = valuePosition(bond, {
      referencePrice: new Dec('100.25'),
      currency: 'EUR',
      usdPerUnit: new Dec('1.085'),
      multiplier: new Dec('0.01'),
    });
    expect(valuation.averageCost?.toFixed()).toBe('99.5'); // the average stays a price
    // 1,000,000 × 100.25% = 1,002,500; unrealised 1,002,500 − 995,000 = 7,500; × 1.085 in USD
    expect(plain(valuation.local)).toEqual({
      currency: 'EUR',
      realised: '0',
      marketValue: '1002500',
      unrealised: '7500',
    });
    expect(plain(valuation.usd)).toEqual({
      currency: 'USD',
      realised: '0',
      marketValue: '1087712.5',
      unrealised: '8137.5',
    });
  });

  it('has no average cost when flat, and only realised P&L', () => {
    const flat = foldFills([buy('10', '5'), sell('10', '6')]);
    const valuation = valuePosition(flat, {
      referencePrice: new Dec(7),
      currency: 'GBP',
      usdPerUnit: new Dec('1.27'),
    });
    expect(valuation.averageCost).toBeUndefined();
    expect(plain(valuation.usd)).toEqual({
      currency: 'USD',
      realised: '12.7',
      marketValue: '0',
      unrealised: '0',
    });
  });
});
