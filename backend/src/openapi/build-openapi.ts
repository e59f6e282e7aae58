/** Builds the OpenAPI 3.1 document from the operation registry and the contracts' zod schemas. */
import { z } from 'zod';
import * as contracts from '../contracts/index.js';
import { OPERATIONS, type Operation } from './registry.js';

type Json = Record<string, unknown>;

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: {},
        requestId: { type: 'string' },
      },
    },
  },
};

/** JSON Schema (2020-12, what OpenAPI 3.1 uses) of a zod schema. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

function parameters(op: Operation): Json[] {
  const params: Json[] = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  if (!op.query) return params;
  const schema = jsonSchemaOf(op.query, 'input') as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  for (const [name, prop] of Object.entries(schema.properties ?? {})) {
    const { description, ...rest } = prop;
    params.push({
      name,
      in: 'query',
      required: schema.required?.includes(name) ?? false,
      schema: rest,
      description,
    });
  }
  return params;
}

function operation(op: Operation): Json {
  const ok: Json = { description: 'OK' };
  if (op.response) ok.content = { 'application/json': { schema: jsonSchemaOf(op.response) } };
  else if (op.responseType) ok.content = { [op.responseType]: { schema: {} } };
  return {
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: `${op.method}${op.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
    parameters: parameters(op),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchemaOf(op.body, 'input') } },
          },
        }
      : {}),
    ...(op.public ? { security: [{}, { bearerToken: [] }] } : {}),
    responses: {
      [op.method === 'post' ? '201' : '200']: ok,
      ...(op.method === 'get' ? { '304': { description: 'Not modified (ETag)' } } : {}),
      default: {
        description: 'An error',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
}

/** Every zod schema the contracts export, as named components (those JSON Schema can express). */
function contractComponents(): Record<string, Json> {
  const out: Record<string, Json> = { Error: ERROR };
  for (const [name, value] of Object.entries(contracts)) {
    if (!(value instanceof z.ZodType)) continue;
    try {
      out[name.charAt(0).toUpperCase() + name.slice(1)] = jsonSchemaOf(value);
    } catch {
      // Schemas with transforms or refinements JSON Schema cannot express are left out.
    }
  }
  return out;
}

let cached: Json | undefined;

/** The OpenAPI 3.1 document (built once per process). */
export function buildOpenApi(version: string): Json {
  if (cached) return cached;
  const paths: Record<string, Json> = {};
  for (const op of OPERATIONS) (paths[op.path] ??= {})[op.method] = operation(op);
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Cotejo API',
      version,
      description:
        'Cross-checked public datasets from officials’ PDFs. Public reads need no account, are open to ' +
        'any origin (CORS) and rate limited per IP; a read-only API token (Bearer) raises the limit. ' +
        'Errors always have the shape `{"error":{"code","message","details","requestId"}}`.',
      license: { name: 'ODC-By-1.0 (data)', url: 'https://opendatacommons.org/licenses/by/1-0/' },
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: contractComponents(),
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'A read-only API token' },
      },
    },
    paths,
  };
  return cached;
}
