import { BatchHeartbeat, PartitionLostError } from './batch-heartbeat';

describe('BatchHeartbeat', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const payload = (answer: () => Promise<void>, stale = () => false) => ({
    heartbeat: jest.fn(answer),
    isStale: stale,
  });

  it('heartbeats at its interval while the batch runs, and stops with it', async () => {
    const p = payload(() => Promise.resolve());
    const beat = new BatchHeartbeat(p, 1000, () => undefined);
    await jest.advanceTimersByTimeAsync(3500);
    expect(p.heartbeat).toHaveBeenCalledTimes(3);
    beat.stop();
    await jest.advanceTimersByTimeAsync(5000);
    expect(p.heartbeat).toHaveBeenCalledTimes(3);
    expect(beat.lost).toBe(false);
    expect(() => beat.throwIfLost()).not.toThrow();
  });

  it.each(['ILLEGAL_GENERATION', 'UNKNOWN_MEMBER_ID'])(
    'says the partition is lost once a heartbeat answers %s',
    async (type) => {
      const p = payload(() => Promise.reject(Object.assign(new Error(type), { type })));
      const beat = new BatchHeartbeat(p, 1000, () => undefined);
      expect(beat.lost).toBe(false);
      await jest.advanceTimersByTimeAsync(1000);
      expect(beat.lost).toBe(true);
      expect(() => beat.throwIfLost()).toThrow(PartitionLostError);
      expect(() => beat.throwIfLost()).toThrow(`(${type})`);
      beat.stop();
    },
  );

  it('keeps the partition through a rebalance in progress (the member still owns it until it rejoins), logging once', async () => {
    const type = 'REBALANCE_IN_PROGRESS';
    const logs: string[] = [];
    const p = payload(() => Promise.reject(Object.assign(new Error('The group is rebalancing'), { type })));
    const beat = new BatchHeartbeat(p, 1000, (m) => logs.push(m));
    await jest.advanceTimersByTimeAsync(3000);
    expect(beat.lost).toBe(false);
    expect(logs).toEqual(['heartbeat during a batch failed: The group is rebalancing']);
    beat.stop();
  });

  it('says the partition is lost when kafkajs marks it stale (to be read again from another offset)', () => {
    let stale = false;
    const beat = new BatchHeartbeat(
      payload(
        () => Promise.resolve(),
        () => stale,
      ),
      1000,
      () => undefined,
    );
    expect(beat.lost).toBe(false);
    stale = true;
    expect(beat.lost).toBe(true);
    expect(() => beat.throwIfLost()).toThrow(PartitionLostError);
    beat.stop();
  });
});
