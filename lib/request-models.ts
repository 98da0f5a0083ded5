import type * as apigateway from 'aws-cdk-lib/aws-apigateway';
import type { $ZodType } from 'zod/v4/core';
import { z } from 'zod';

/**
 * A request schema as an API Gateway model: JSON Schema draft 4, the only draft API Gateway
 * reads. `format` is dropped because zod also writes the email rule as a `pattern`, and one rule
 * enforced the same way by API Gateway and by local mode beats two that may disagree.
 */
export function requestModelSchema(schema: $ZodType): apigateway.JsonSchema {
  const json = z.toJSONSchema(schema, { target: 'draft-4' }) as Record<string, any>;
  return JSON.parse(JSON.stringify(json, (key, value) => (key === 'format' ? undefined : value)));
}
