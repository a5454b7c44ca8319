import { validateCaptureRequest } from './capture-request';
import { shippedReferenceLookup } from './reference-lookup';
import { toTradePayload } from './trade-view';
import { type ValidatedTrade } from './validated-trade';

const TODAY = '2026-11-20';
const DEUTSCHE_BANK = '7LTWFZYICNSX8D621K86';
const trader = (id: string, books: string[]) => ({
  principal: { id, role: 'trader', books },
  today: TODAY,
  reference: shippedReferenceLookup,
});

function validated(body: Record<string, string>, ctx: ReturnType<typeof trader>): ValidatedTrade {
  const result = validateCaptureRequest(body, ctx);
  if (!result.ok) throw new Error(JSON.stringify(result.failure));
  return result.trade;
}

describe('toTradePayload', () => {
  it('writes an equity trade with decimals as strings and cash to the cent', () => {
    const trade = validated(
      {
        book: 'EQ-US-FLOW',
        side: 'BUY',
        instrumentId: 'US0378331005',
        quantity: '1000.000',
        price: '190.2500',
        counterpartyLei: DEUTSCHE_BANK,
        tradeDate: TODAY,
        venueMic: 'XNAS',
        commission: '12.5',
        externalRef: 'OMS-1',
      },
      trader('alice', ['EQ-US-FLOW']),
    );
    expect(toTradePayload(trade, 'T-20261120-000123', 1, 'CAPTURED')).toEqual({
      tradeId: 'T-20261120-000123',
      version: 1,
      book: 'EQ-US-FLOW',
      trader: 'alice',
      side: 'BUY',
      instrumentId: 'US0378331005',
      instrumentType: 'EQUITY',
      quantity: '1000',
      price: '190.25',
      currency: 'USD',
      counterpartyLei: DEUTSCHE_BANK,
      tradeDate: TODAY,
      settlementDate: '2026-11-23',
      venueMic: 'XNAS',
      commission: '12.50',
      externalRef: 'OMS-1',
      grossAmount: '190250.00',
      netAmount: '190262.50',
      status: 'CAPTURED',
    });
  });

  it('adds accrued interest for a bond and nothing FX', () => {
    const trade = validated(
      {
        book: 'RATES-US',
        side: 'BUY',
        instrumentId: 'US91282CLW90',
        quantity: '1000000',
        price: '98.5',
        counterpartyLei: DEUTSCHE_BANK,
        tradeDate: TODAY,
      },
      trader('carol', ['RATES-US']),
    );
    const payload = toTradePayload(trade, 'T-20261120-000124', 2, 'APPROVED');
    expect(payload).toMatchObject({
      instrumentType: 'BOND',
      commission: '0.00',
      accruedInterest: '939.23',
      grossAmount: '985939.23',
      netAmount: '985939.23',
      version: 2,
      status: 'APPROVED',
    });
    expect(payload).not.toHaveProperty('counterAmount');
    expect(payload).not.toHaveProperty('venueMic');
  });

  it("gives FX its counter amount and currency, in the quote currency's minor units", () => {
    // 1,000,000 USD × 155.237 = 155,237,000 JPY: no decimals, JPY has no minor units.
    const trade = validated(
      {
        book: 'FX-SPOT',
        side: 'SELL',
        instrumentId: 'USD/JPY',
        quantity: '1000000',
        price: '155.237',
        counterpartyLei: DEUTSCHE_BANK,
        tradeDate: TODAY,
        commission: '1500',
      },
      trader('dave', ['FX-SPOT']),
    );
    expect(toTradePayload(trade, 'T-20261120-000125', 1, 'CAPTURED')).toMatchObject({
      instrumentId: 'USD/JPY',
      instrumentType: 'FX_SPOT',
      currency: 'JPY',
      counterCurrency: 'JPY',
      counterAmount: '155237000',
      grossAmount: '155237000',
      commission: '1500',
      netAmount: '155235500',
      settlementDate: '2026-11-24',
    });
  });
});
