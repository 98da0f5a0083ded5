import type { Template } from 'aws-cdk-lib/assertions';
import { synthTemplate } from '../support/synth';

type Resources = Record<string, { Properties: Record<string, any> }>;
const all = (template: Template, type: string) => Object.values(template.findResources(type) as Resources);
const preflights = (template: Template) =>
  all(template, 'AWS::ApiGateway::Method').filter((m) => m.Properties.HttpMethod === 'OPTIONS');
const gatewayResponseOrigins = (template: Template) =>
  all(template, 'AWS::ApiGateway::GatewayResponse').map(
    (r) => r.Properties.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'],
  );
// The route handlers: the ones that know the app client (the site's deployment adds a function of its own).
const handlerOrigins = (template: Template) =>
  all(template, 'AWS::Lambda::Function')
    .filter((fn) => fn.Properties.Environment?.Variables?.USER_POOL_CLIENT_ID)
    .map((fn) => fn.Properties.Environment.Variables.CORS_ALLOWED_ORIGINS);

describe('a stage other than dev allows no browser origin by default', () => {
  const prod = synthTemplate({ stage: 'prod' });

  test('no resource answers a CORS preflight: there is no OPTIONS method', () => {
    expect(preflights(prod)).toEqual([]);
  });

  test('no gateway response, no handler and nothing else in the template names an allowed origin', () => {
    expect(gatewayResponseOrigins(prod).length).toBeGreaterThan(0);
    expect(gatewayResponseOrigins(prod).filter((origin) => origin !== undefined)).toEqual([]);
    expect(handlerOrigins(prod).length).toBeGreaterThan(0);
    expect(handlerOrigins(prod).filter((origins) => origins !== undefined)).toEqual([]);
    expect(JSON.stringify(prod.toJSON())).not.toMatch(/Access-Control-Allow-Origin|127\.0\.0\.1:5173|localhost:5173/);
  });
});

describe('prod with -c corsOrigins=https://app.example', () => {
  const prod = synthTemplate({ stage: 'prod', corsOrigins: 'https://app.example' });

  test('every resource answers preflights for that origin, and only it', () => {
    const resources = all(prod, 'AWS::ApiGateway::Resource').length + 1;
    expect(preflights(prod)).toHaveLength(resources);
    for (const preflight of preflights(prod)) {
      const [response] = preflight.Properties.Integration.IntegrationResponses;
      expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Origin']).toBe("'https://app.example'");
    }
    expect(JSON.stringify(prod.toJSON())).not.toMatch(/127\.0\.0\.1:5173|localhost:5173/);
  });

  test('a preflight allows GET, POST, PUT (admin group membership), PATCH (PATCH /me) and DELETE (DELETE /me), with the Authorization and SigV4 headers', () => {
    for (const preflight of preflights(prod)) {
      const [response] = preflight.Properties.Integration.IntegrationResponses;
      expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Methods']).toBe(
        "'GET,POST,PUT,PATCH,DELETE,OPTIONS'",
      );
      // X-Amz-Date and X-Amz-Security-Token: a page that signs GET /private with SigV4 sends them.
      expect(response.ResponseParameters['method.response.header.Access-Control-Allow-Headers']).toBe(
        "'Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token'",
      );
    }
  });

  test('a preflight answer says Cache-Control: no-store, declared on its method response, like every other answer', () => {
    expect(preflights(prod).length).toBeGreaterThan(0);
    for (const preflight of preflights(prod)) {
      const [response] = preflight.Properties.Integration.IntegrationResponses;
      expect(response.ResponseParameters['method.response.header.Cache-Control']).toBe("'no-store'");
      const [declared] = preflight.Properties.MethodResponses;
      expect(declared.StatusCode).toBe(response.StatusCode);
      expect(declared.ResponseParameters['method.response.header.Cache-Control']).toBe(true);
    }
  });

  test('the gateway responses and the handlers allow it', () => {
    expect(new Set(gatewayResponseOrigins(prod))).toEqual(new Set(["'https://app.example'"]));
    expect(new Set(handlerOrigins(prod))).toEqual(new Set([JSON.stringify(['https://app.example'])]));
  });
});

test("prod with the demo site allows the site's own origin, and no local one", () => {
  const prodSite = synthTemplate({ stage: 'prod', site: 'true' });
  expect(preflights(prodSite).length).toBeGreaterThan(0);
  const [allowed] = new Set(handlerOrigins(prodSite));
  // ["https://<the distribution's domain>"], the domain known at deploy time.
  expect(allowed).toEqual({
    'Fn::Join': ['', ['["https://', { 'Fn::GetAtt': [expect.stringMatching(/^SiteDistribution/), 'DomainName'] }, '"]']],
  });
  expect(JSON.stringify(prodSite.toJSON())).not.toMatch(/127\.0\.0\.1:5173|localhost:5173/);
});

describe('the dev stage allows the local page by default', () => {
  const dev = synthTemplate({ stage: 'dev' });

  test('its preflights, gateway responses and handlers name http://127.0.0.1:5173 and http://localhost:5173', () => {
    expect(preflights(dev).length).toBeGreaterThan(0);
    for (const preflight of preflights(dev)) {
      const template = preflight.Properties.Integration.IntegrationResponses[0].ResponseTemplates['application/json'];
      expect(template).toContain('http://localhost:5173');
    }
    expect(new Set(gatewayResponseOrigins(dev))).toEqual(new Set(['method.request.header.Origin']));
    expect(new Set(handlerOrigins(dev))).toEqual(new Set([JSON.stringify(['http://127.0.0.1:5173', 'http://localhost:5173'])]));
  });
});

test("with '*' the demo site adds no origin of its own: '*' already allows it, and CDK refuses '*' beside another origin", () => {
  const open = synthTemplate({ site: 'true', corsOrigins: '*' });
  expect(handlerOrigins(open)).toEqual(expect.arrayContaining(['["*"]']));
  expect(handlerOrigins(open).filter((origins) => origins !== '["*"]')).toEqual([]);
});
