import { everyHttpOption, everyOption } from '../support/configurations';
import { synthTemplate } from '../support/synth';

/**
 * CloudFormation takes at most 500 resources in a stack
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). With
 * every option that adds resources on, this stack must stay below that with room for a team's own
 * routes (docs/add-a-route.md: each adds a function, its role, policy, log group, permission and
 * method, and with alarms two more).
 */
const HEADROOM = 40;

test.each([
  ['api=rest', everyOption],
  ['api=http (all but waf, which it refuses)', everyHttpOption],
])(`with every option on, %s, the stack has at most ${500 - HEADROOM} resources`, (_flavor, context) => {
  const resources = Object.keys(synthTemplate(context).toJSON().Resources);
  expect(resources.length).toBeLessThanOrEqual(500 - HEADROOM);
});

test('each function behind the API has one invoke permission, for the stage, none for the console test', () => {
  const template = synthTemplate({}).toJSON();
  const permissions = Object.values<{ Type: string; Properties: Record<string, unknown> }>(template.Resources).filter(
    (r) => r.Type === 'AWS::Lambda::Permission' && r.Properties.Principal === 'apigateway.amazonaws.com',
  );
  expect(JSON.stringify(permissions)).not.toContain('test-invoke-stage');
  const functions = permissions.map((p) => JSON.stringify(p.Properties.FunctionName));
  expect(new Set(functions).size).toBe(functions.length);
});
