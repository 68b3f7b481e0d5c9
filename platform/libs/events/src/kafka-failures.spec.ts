import { OutboxParking } from './kafka-failures';

const leaderElection = { message: 'no leader', canRetry: true };
const tooLarge = { message: 'message too large', canRetry: false };

describe('OutboxParking', () => {
  let clock = 0;
  const parking = () => new OutboxParking(5, 60_000, () => clock);
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('parks a refusal Kafka calls final at the attempt limit, not before', () => {
    const policy = parking();
    for (let attempt = 1; attempt < 5; attempt += 1)
      expect(policy.refused('1', attempt, tooLarge, false)).toBe(false);
    expect(policy.refused('1', 5, tooLarge, false)).toBe(true);
  });

  it('keeps retrying a retryable refusal while other messages go out, until it has lasted the set time', () => {
    const policy = parking();
    // A partition without a leader for a moment after a restart: many quick refusals, others accepted.
    for (let attempt = 1; attempt <= 50; attempt += 1) {
      clock += 100;
      expect(policy.refused('1', attempt, leaderElection, true)).toBe(false);
    }
    clock += 60_000;
    expect(policy.refused('1', 51, leaderElection, true)).toBe(true);
  });

  it('never parks a retryable refusal when nothing went out (an outage), and counts from the last outage', () => {
    const policy = parking();
    expect(policy.refused('1', 1, leaderElection, false)).toBe(false);
    clock += 10 * 60_000;
    expect(policy.refused('1', 40, leaderElection, false)).toBe(false);
    policy.outage();
    clock += 30_000;
    expect(policy.refused('1', 41, leaderElection, true)).toBe(false);
    clock += 30_000;
    expect(policy.refused('1', 42, leaderElection, true)).toBe(true);
  });

  it('starts counting again for an entry that went out in between', () => {
    const policy = parking();
    expect(policy.refused('1', 5, leaderElection, true)).toBe(false);
    policy.settled('1');
    clock += 60_000;
    expect(policy.refused('1', 6, leaderElection, true)).toBe(false);
  });
});
