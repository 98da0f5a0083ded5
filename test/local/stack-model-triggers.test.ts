import { readPool } from '../../local/stack-model/pool';
import { TemplateResources } from '../../local/stack-model/template';

// LambdaConfig as local mode reads it: the triggers the twin runs, by function, and a refusal for any other.

const templateWith = (lambdaConfig: Record<string, unknown>) =>
  new TemplateResources({
    Pool: {
      Type: 'AWS::Cognito::UserPool',
      Properties: { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'], LambdaConfig: lambdaConfig },
    },
  });
const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });

test('PreSignUp, PostConfirmation and PreTokenGenerationConfig name their functions, with the event version', () => {
  const pool = readPool(
    templateWith({
      PreSignUp: arnOf('SignUpFn'),
      PostConfirmation: arnOf('ConfirmFn'),
      PreTokenGenerationConfig: { LambdaArn: arnOf('TokenFn'), LambdaVersion: 'V2_0' },
    }),
    'us-east-1',
    { Pool: 'us-east-1_Local' },
  );
  expect(pool.lambdaTriggers).toEqual({
    preSignUp: 'SignUpFn',
    postConfirmation: 'ConfirmFn',
    preTokenGeneration: { functionId: 'TokenFn', version: 'V2_0' },
  });
  expect(pool.featurePlan).toBe('ESSENTIALS');
});

test('the older PreTokenGeneration key is V1_0', () => {
  const pool = readPool(templateWith({ PreTokenGeneration: arnOf('TokenFn') }), 'us-east-1', { Pool: 'p' });
  expect(pool.lambdaTriggers.preTokenGeneration).toEqual({ functionId: 'TokenFn', version: 'V1_0' });
});

test('a trigger the twin does not run, or a V3_0 event, refuses to load rather than be skipped', () => {
  expect(() => readPool(templateWith({ CustomMessage: arnOf('MessageFn') }), 'us-east-1', { Pool: 'p' })).toThrow(
    /the template also configures CustomMessage/,
  );
  expect(() =>
    readPool(templateWith({ PreTokenGenerationConfig: { LambdaArn: arnOf('TokenFn'), LambdaVersion: 'V3_0' } }), 'us-east-1', {
      Pool: 'p',
    }),
  ).toThrow(/not V3_0/);
});

test("a function outside the template (an ARN string) is refused: local mode runs the template's functions only", () => {
  expect(() =>
    readPool(templateWith({ PreSignUp: 'arn:aws:lambda:us-east-1:123456789012:function:elsewhere' }), 'us-east-1', { Pool: 'p' }),
  ).toThrow(/functions only/);
});
