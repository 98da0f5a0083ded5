import { codeMessage, type EmailMessage, limitViolations } from '../../lib/email-messages';
import { synthTemplate } from '../support/synth';

const ses = {
  stage: 'prod',
  emailFrom: 'no-reply@example.com',
  emailFromName: 'Example App',
  replyTo: 'support@example.com',
  sesRegion: 'us-east-1',
  sesConfigurationSet: 'auth-mail',
};

const poolOf = (context: Record<string, unknown>): Record<string, any> => {
  const pools = Object.values(synthTemplate(context).findResources('AWS::Cognito::UserPool'));
  expect(pools).toHaveLength(1);
  return pools[0].Properties;
};

describe('the pool sends its email through Amazon SES when emailFrom is set', () => {
  test('without emailFrom, Cognito sends it itself (no SES identity, no From)', () => {
    const pool = poolOf({});
    expect(pool.EmailConfiguration?.EmailSendingAccount ?? 'COGNITO_DEFAULT').toBe('COGNITO_DEFAULT');
    expect(pool.EmailConfiguration?.SourceArn).toBeUndefined();
  });

  test('emailFrom alone: SES in the stack Region, the address as From', () => {
    expect(poolOf({ emailFrom: 'no-reply@example.com' }).EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'no-reply@example.com',
      SourceArn: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':ses:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':identity/no-reply@example.com',
          ],
        ],
      },
    });
  });

  test('every SES setting lands in EmailConfiguration: display name, reply-to, Region and configuration set', () => {
    expect(poolOf(ses).EmailConfiguration).toEqual({
      EmailSendingAccount: 'DEVELOPER',
      From: 'Example App <no-reply@example.com>',
      ReplyToEmailAddress: 'support@example.com',
      ConfigurationSet: 'auth-mail',
      SourceArn: {
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':ses:us-east-1:', { Ref: 'AWS::AccountId' }, ':identity/no-reply@example.com'],
        ],
      },
    });
  });
});

describe('the code message is the branded template from lib/email/, with the stage in it', () => {
  test.each([{}, ses])('the pool sends lib/email/code.* for %j, with the code as {####}', (context) => {
    const stage = (context as { stage?: string }).stage ?? 'dev';
    const message = codeMessage(`cognito-auth-api (${stage})`);
    expect(message.subject).toBe(`cognito-auth-api (${stage}): your code`);
    expect(message.body).toContain(`cognito-auth-api (${stage})`);
    expect(poolOf(context).VerificationMessageTemplate).toEqual({
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      EmailSubject: message.subject,
      EmailMessage: message.body,
      SmsMessage: expect.any(String),
    });
  });
});

describe("Cognito's limits on the code message", () => {
  // The longest stage name the config allows (20 characters) makes the longest message.
  const longest = codeMessage(`cognito-auth-api (${'a'.repeat(20)})`);

  test('the message from lib/email/ keeps every limit, with the longest stage name', () => {
    expect(limitViolations(longest)).toEqual([]);
  });

  const broken: Array<[string, EmailMessage, string]> = [
    [
      'a body without {####}',
      { ...longest, body: '<p>Hello</p>' },
      'the body has no {####} or characters EmailMessage does not allow',
    ],
    [
      'a body over 20,000 characters with its code',
      { ...longest, body: `${'x'.repeat(19_995)}{####}` },
      'the body has 20001 characters with its code, not 6 to 20000',
    ],
    ['a subject over 140 characters', { ...longest, subject: 's'.repeat(141) }, 'the subject has 141 characters, not 1 to 140'],
    ['an empty subject', { ...longest, subject: '' }, 'the subject has 0 characters, not 1 to 140'],
    [
      '{username}, for invitations only',
      { ...longest, body: `${longest.body}{username}` },
      '{username} is for invitation messages only',
    ],
    [
      'a control character in the subject',
      { ...longest, subject: 'Code\u0007' },
      'the subject has characters EmailSubject does not allow',
    ],
  ];
  test.each(broken)('the check refuses %s', (_, message, problem) => {
    expect(limitViolations(message)).toContain(problem);
  });
});
