import { nagFailure } from '../support/synth';

// Every option combination passes cdk-nag's AWS Solutions checks in test/stack/rehearsal.test.ts;
// this proves the check bites, as bin/app.ts runs it: the run's synth process adds the method
// (test/support/nag-probes.ts), synthesizes with the checks and records what the synth threw.
test('the check can fail: a public method added without a reason is reported', () => {
  expect(nagFailure('unreviewedPublicMethod')).toMatch(/APIG4|COG4/);
});
