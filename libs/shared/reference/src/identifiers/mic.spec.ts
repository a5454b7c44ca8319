import { checkMic, isKnownMic, micInfo, MICS } from './mic';

describe('MIC (ISO 10383 reference set)', () => {
  it.each([
    'XNYS',
    'XNAS',
    'ARCX',
    'BATS',
    'IEXG',
    'XETR',
    'XFRA',
    'XPAR',
    'XAMS',
    'XLON',
    'XBRU',
    'XMIL',
    'XMAD',
    'XSWX',
    'XTKS',
    'XHKG',
    'XOFF',
  ])('knows %s', (mic) => {
    expect(checkMic(mic)).toEqual({ ok: true });
    expect(isKnownMic(mic)).toBe(true);
  });

  it('maps venues to their country and settlement market', () => {
    expect(micInfo('XNYS')).toEqual({
      mic: 'XNYS',
      name: 'New York Stock Exchange',
      country: 'US',
      settlementMarket: 'US',
    });
    expect(micInfo('XETR')).toMatchObject({ country: 'DE', settlementMarket: 'EU' });
    expect(micInfo('XPAR')).toMatchObject({ country: 'FR', settlementMarket: 'EU' });
    expect(micInfo('XAMS')).toMatchObject({ country: 'NL', settlementMarket: 'EU' });
    expect(micInfo('XLON')).toMatchObject({ country: 'GB', settlementMarket: 'UK' });
    expect(micInfo('XSWX')).toMatchObject({ country: 'CH', settlementMarket: 'CH' });
    expect(micInfo('XOFF')).toMatchObject({ settlementMarket: 'OTC' });
    expect(micInfo('XXXX')).toBeUndefined();
    expect(MICS).toHaveLength(17);
    expect(new Set(MICS.map((m) => m.mic)).size).toBe(17);
  });

  it.each([
    ['XNYZ', 'MIC "XNYZ" is not a known MIC of the reference set'],
    ['XCME', 'MIC "XCME" is not a known MIC of the reference set'],
    ['xnys', 'MIC "xnys" is not a known MIC of the reference set: MICs are upper case, did you mean "XNYS"?'],
    ['', 'MIC "" is not a known MIC of the reference set: a MIC is 4 characters A-Z or 0-9'],
    ['XNYSE', 'MIC "XNYSE" is not a known MIC of the reference set: a MIC is 4 characters A-Z or 0-9'],
  ])('rejects %j', (input, reason) => {
    expect(checkMic(input)).toEqual({ ok: false, reason });
    expect(isKnownMic(input)).toBe(false);
  });
});
