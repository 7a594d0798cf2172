/**
 * GitHub's own OpenAPI description (api.github.com, from `@octokit/openapi`): the fake
 * answers only operations that exist there, and its answers are checked against the
 * described response shapes, so code tested against the fake cannot drift from the real API.
 */
import { createRequire } from 'node:module';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  required?: string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  nullable?: boolean;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

interface MediaType {
  schema?: JsonSchema;
}
interface Operation {
  operationId?: string;
  requestBody?: { content?: Record<string, MediaType> };
  responses?: Record<string, { $ref?: string; content?: Record<string, MediaType> }>;
}
interface OpenApiSpec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface SpecOperation {
  method: string;
  template: string;
  operationId: string;
  /** The JSON schema of the first 2xx response, when it has a JSON body. */
  responseSchema: JsonSchema | null;
  requestSchema: JsonSchema | null;
}

export interface RouteMatch {
  operation: SpecOperation;
  params: Record<string, string>;
}

interface CompiledRoute {
  operation: SpecOperation;
  names: string[];
  exact: RegExp;
  /** Same, with a last path/ref parameter allowed to span slashes. */
  greedy: RegExp | null;
  literalSegments: number;
}

/** Parameters whose values may contain unescaped slashes (file paths, git refs, branch names). */
const SLASHED_PARAMS = new Set(['path', 'ref', 'branch', 'basehead', 'dir']);

const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'];

let loaded: { spec: OpenApiSpec; routes: CompiledRoute[] } | null = null;

function load(): { spec: OpenApiSpec; routes: CompiledRoute[] } {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const spec = require('@octokit/openapi/generated/api.github.com.json') as OpenApiSpec;
  const routes: CompiledRoute[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      routes.push(compileRoute(template, method.toUpperCase(), op));
    }
  }
  loaded = { spec, routes };
  return loaded;
}

function jsonSchemaOf(content: Record<string, MediaType> | undefined): JsonSchema | null {
  if (!content) return null;
  const json = Object.entries(content).find(([type]) => type.includes('json'));
  return json?.[1].schema ?? null;
}

function compileRoute(template: string, method: string, op: Operation): CompiledRoute {
  const names: string[] = [];
  const segments = template.split('/').slice(1);
  let literalSegments = 0;
  const parts = segments.map((segment) => {
    if (!segment.includes('{')) literalSegments++;
    return segment
      .split(/(\{[^}]+\})/)
      .map((piece) => {
        const param = /^\{([^}]+)\}$/.exec(piece);
        if (!param) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(param[1]!);
        return '([^/]+)';
      })
      .join('');
  });
  const exactSource = '^/' + parts.join('/') + '$';
  const lastParam = /\{([^}]+)\}$/.exec(template)?.[1];
  const lastIsParam = lastParam !== undefined && SLASHED_PARAMS.has(lastParam);
  const greedySource = lastIsParam ? exactSource.replace(/\(\[\^\/\]\+\)\$$/, '(.+)$') : null;
  const success = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
  return {
    operation: {
      method,
      template,
      operationId: op.operationId ?? `${method} ${template}`,
      responseSchema: jsonSchemaOf(success?.[1].content),
      requestSchema: jsonSchemaOf(op.requestBody?.content),
    },
    names,
    exact: new RegExp(exactSource),
    greedy: greedySource ? new RegExp(greedySource) : null,
    literalSegments,
  };
}

/** The operation GitHub documents for `method path` (path without query), or null. */
export function matchOperation(method: string, rawPath: string): RouteMatch | null {
  const { routes } = load();
  const path = rawPath.length > 1 ? rawPath.replace(/\/$/, '') : rawPath;
  for (const mode of ['exact', 'greedy'] as const) {
    let best: { route: CompiledRoute; values: string[] } | null = null;
    for (const route of routes) {
      if (route.operation.method !== method) continue;
      const pattern = mode === 'exact' ? route.exact : route.greedy;
      const m = pattern?.exec(path);
      if (!m) continue;
      if (!best || route.literalSegments > best.route.literalSegments) best = { route, values: m.slice(1) };
    }
    if (best) {
      const params: Record<string, string> = {};
      best.route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(best.values[i]!);
      });
      return { operation: best.route.operation, params };
    }
  }
  return null;
}

function resolveRef(schema: JsonSchema): JsonSchema {
  const { spec } = load();
  let current = schema;
  while (current.$ref) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const next = spec.components.schemas[name];
    if (!next) throw new Error(`unknown schema ${current.$ref}`);
    current = next;
  }
  return current;
}

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/**
 * Where `value` departs from `schema`: missing required properties and wrong types,
 * as JSON-pointer-ish paths. A deliberately small checker (no formats, no patterns):
 * enough to catch a fake answer that lacks fields or has them in the wrong shape.
 */
export function shapeErrors(value: unknown, schema: JsonSchema, at = ''): string[] {
  const s = resolveRef(schema);
  if (value === null) return s.nullable || s.type === 'null' || (Array.isArray(s.type) && s.type.includes('null')) || isNullableUnion(s) ? [] : [`${at || '/'}: null not allowed`];
  // GitHub's description sometimes writes "a user or an enterprise" as allOf of two complete
  // object schemas (installation.account); real answers match one of them, so read it as anyOf.
  const allOfMeansAnyOf = (s.allOf?.filter((part) => (resolveRef(part).required ?? []).length > 0).length ?? 0) > 1;
  if (s.allOf && !allOfMeansAnyOf) return s.allOf.flatMap((part) => shapeErrors(value, part, at));
  const alternatives = s.oneOf ?? s.anyOf ?? (allOfMeansAnyOf ? s.allOf : undefined);
  if (alternatives) {
    const results = alternatives.map((alt) => shapeErrors(value, alt, at));
    return results.some((r) => r.length === 0) ? [] : (results.sort((a, b) => a.length - b.length)[0] ?? []);
  }
  const types = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  if (types.length > 0 && !types.some((t) => typeMatches(value, t))) {
    return [`${at || '/'}: expected ${types.join('|')}, got ${Array.isArray(value) ? 'array' : typeof value}`];
  }
  const errors: string[] = [];
  if (Array.isArray(value) && s.items) {
    value.forEach((item, i) => errors.push(...shapeErrors(item, s.items!, `${at}/${i}`)));
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of s.required ?? []) {
      if (!(key in record)) errors.push(`${at}/${key}: missing`);
    }
    for (const [key, propSchema] of Object.entries(s.properties ?? {})) {
      if (key in record && record[key] !== undefined) errors.push(...shapeErrors(record[key], propSchema, `${at}/${key}`));
    }
  }
  return errors;
}

function isNullableUnion(s: JsonSchema): boolean {
  const alternatives = s.oneOf ?? s.anyOf ?? s.allOf;
  return Boolean(alternatives?.some((alt) => resolveRef(alt).nullable || resolveRef(alt).type === 'null'));
}

/** A named component schema, e.g. `schemaRef('pull-request')`. */
export function schemaRef(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}
