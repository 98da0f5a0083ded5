import { nagFailure } from '../support/synth';

// Every option combination passes cdk-nag's AWS Solutions checks in the deploy rehearsal
// (test/stack/e2e/rehearsal.test.ts, `npm run rehearse`); here the default settings pass them in
// `npm test`, and a probe proves the check bites, as bin/app.ts runs it: the run's synth process
// adds the method (test/support/nag-probes.ts), synthesizes with the checks and records what the
// synth threw.
test('the check can fail: a public method added without a reason is reported', () => {
  expect(nagFailure('unreviewedPublicMethod')).toMatch(/APIG4|COG4/);
});

test('the stack with the default settings passes the checks, every finding acknowledged', () => {
  expect(nagFailure('asBuilt')).toBe('');
});

test('with -c waf=true the WAF finding is met by the web ACL on the stage, not acknowledged: without the association it is reported', () => {
  expect(nagFailure('withWaf')).toBe('');
  expect(nagFailure('withWafUnassociated')).toMatch(/AwsSolutions-APIG3/);
});

test('with -c api=http the HTTP API passes the checks, and a route added without an authorizer or a reason is reported', () => {
  expect(nagFailure('httpAsBuilt')).toBe('');
  expect(nagFailure('unreviewedPublicHttpRoute')).toMatch(/AwsSolutions-APIG4/);
});

test('with -c api=http and every option it takes (a custom domain, alarms, the site), every finding is met or acknowledged', () => {
  expect(nagFailure('httpEveryOption')).toBe('');
});
