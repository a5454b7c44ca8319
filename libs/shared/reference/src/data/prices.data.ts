// Reference prices, an illustrative end-of-day snapshot for 2026-11-20 (plausible levels, not market
// data). Equities: per share in the trading currency (London lines in GBP, not pence). Bonds: clean price
// in percent of par. FX: units of quote currency per one unit of base. Updated at run time through the
// risk API (PUT /api/prices/{isin}, PUT /api/fx-rates/{pair}).

export const REFERENCE_PRICES_AS_OF = '2026-11-20';

export const REFERENCE_PRICES: Readonly<Record<string, string>> = {
  // United States (USD)
  US0378331005: '268.45',
  US5949181045: '498.20',
  US02079K3059: '276.10',
  US0231351067: '231.85',
  US67066G1040: '192.40',
  US30303M1027: '712.30',
  US46625H1005: '318.75',
  US30231G1022: '121.60',
  US4781601046: '196.35',
  US92826C8394: '352.90',
  US7427181091: '151.25',
  US1912161007: '71.80',
  US0846707026: '508.40',
  // Germany (EUR)
  DE0007164600: '238.60',
  DE0007236101: '246.30',
  DE0008404005: '368.90',
  DE000BASF111: '44.72',
  DE0005557508: '28.64',
  DE0007100000: '58.36',
  DE0006231004: '37.85',
  // France (EUR)
  FR0000120271: '55.48',
  FR0000121014: '642.70',
  FR0000120578: '86.12',
  FR0000131104: '74.96',
  NL0000235190: '204.55',
  FR0000120321: '372.40',
  FR0000121972: '241.80',
  // Netherlands (EUR)
  NL0010273215: '912.40',
  GB00BP6MXD84: '31.27',
  NL0000009165: '71.34',
  NL0011821202: '21.68',
  NL0012969182: '1452.00',
  // United Kingdom (GBP)
  GB0005405286: '10.864',
  GB0007980591: '4.3215',
  GB0009895292: '131.42',
  GB00B10RZP78: '45.87',
  GB0002634946: '17.935',
  GB00BN7SWP63: '17.26',
  GB0007188757: '53.18',
  GB00B63H8491: '11.47',
  // Bonds (clean, % of par)
  US91282CLW90: '100.953125',
  US91282CJZ59: '99.671875',
  DE000BU2Z023: '96.84',
  GB0004893086: '100.12',
  US037833AK68: '87.35',
  US594918BY93: '99.81',
};

export const FX_RATES: Readonly<Record<string, string>> = {
  'EUR/USD': '1.1642',
  'GBP/USD': '1.3318',
  'USD/JPY': '151.87',
  'USD/CHF': '0.7984',
  'USD/CAD': '1.3962',
  'EUR/GBP': '0.87416',
};
