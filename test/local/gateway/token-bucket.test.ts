import { TokenBucket } from '../../../local/gateway/token-bucket';

test('a full bucket lets the burst through, then refills at the rate', () => {
  let now = 0;
  const bucket = new TokenBucket(10, 3, () => now);
  expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
  now = 100; // 0.1 s at 10/s: one token back
  expect([bucket.tryTake(), bucket.tryTake()]).toEqual([true, false]);
});

test('an idle bucket never holds more than the burst', () => {
  let now = 0;
  const bucket = new TokenBucket(10, 2, () => now);
  now = 60_000;
  expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
});
