import Ajv from 'ajv-draft-04';

export type BodyCheck = (body: string) => { ok: true } | { ok: false; error: string };

/**
 * The request validator of a method with a model, as API Gateway applies it: the body parsed as
 * JSON and checked against the model's JSON Schema (draft 4, the draft API Gateway reads).
 */
export function bodyValidator(schema: object): BodyCheck {
  const validate = new Ajv({ allErrors: false, strict: false }).compile(schema);
  return (body) => {
    try {
      if (validate(JSON.parse(body))) return { ok: true };
      return { ok: false, error: `[${validate.errors?.map((e) => `${e.instancePath || 'body'} ${e.message}`).join(', ')}]` };
    } catch {
      // Not JSON, or nested deeper than the parser or validator can follow: refused all the same.
      return { ok: false, error: '[body is not a JSON document]' };
    }
  };
}
