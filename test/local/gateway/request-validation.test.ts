import { modelOf } from '../../../local/stack-model';
import { synthTemplate } from '../../support/synth';

// The stack has no request validator or model (lib/auth-rest-api.ts), so local mode emulates none;
// a template that gained one would be checked on AWS and not here, so local mode refuses to run it.
// Only the template is read, so the one synthesized without bundling will do.
const cdkOut = process.cwd();
const readTemplate = () => synthTemplate().toJSON() as Parameters<typeof modelOf>[0];

test("the stack's template runs locally: it declares no request validator or model", () => {
  expect(() => modelOf(readTemplate(), cdkOut, 'us-east-1')).not.toThrow();
});

test.each([
  ['a request validator', { Type: 'AWS::ApiGateway::RequestValidator', Properties: { ValidateRequestBody: true } }],
  ['a model', { Type: 'AWS::ApiGateway::Model', Properties: { ContentType: 'application/json', Schema: { type: 'object' } } }],
])('a template with %s is refused, not run without the check AWS would make', (_, resource) => {
  const template = readTemplate();
  template.Resources.AddedByTheTest = resource;
  expect(() => modelOf(template, cdkOut, 'us-east-1')).toThrow(/does not emulate API Gateway request validators or models/);
});
