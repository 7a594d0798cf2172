/**
 * Load `.github/listkeeper.yml`: parse the YAML, validate it against the JSON
 * Schema, and map its kebab-case keys onto `ListkeeperConfig`. Every problem
 * becomes one line that names the file, the line and the key.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { CONFIG_SCHEMA, LINK_LIMITS } from './config-schema.js';
import { compileUserPattern } from './user-pattern.js';
import { hostGlobProblem } from './host-glob.js';
import { defaultConfig, RULE_IDS, type LinkRuleConfig, type ListkeeperConfig, type RuleId } from './config-types.js';

export type LoadConfigResult = { ok: true; config: ListkeeperConfig } | { ok: false; error: string };

let validator: ValidateFunction | null = null;

function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: true, strictTypes: false }).compile(CONFIG_SCHEMA);
  return validator;
}

/** A problem found in the config, at a line of the file. */
interface ConfigProblem {
  line: number;
  message: string;
}

/**
 * Aliases the YAML may expand in all: far above what a hand-written config
 * uses, far below what a "billion laughs" file needs to exhaust memory.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * A config file's YAML as plain data, with the same guards as `loadConfig`
 * (alias expansion bounded, deep nesting caught), for callers that merge
 * several files before validating (the App: `_extends`, the organisation's
 * `.github`). Errors are `path:line: message`, one line each.
 */
export function parseConfigYaml(text: string, path: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lines.linePos(offset).line;
  const problems: ConfigProblem[] = doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: yamlMessage(e.message) }));
  if (problems.length === 0) {
    const js = toPlainValue(doc, lineAt);
    if (js.ok) return { ok: true, value: js.value };
    problems.push(js.problem);
  }
  return { ok: false, error: sortedProblems(problems).map(({ line, message }) => `${path}:${line}: ${message}`).join('\n') };
}

export function loadConfig(text: string, path: string): LoadConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lines.linePos(offset).line;
  // Every problem, in line order, so fixing one does not reveal the next (issue 11).
  const fail = (problems: ConfigProblem[]): LoadConfigResult => ({
    ok: false,
    error: sortedProblems(problems)
      .map(({ line, message }) => `${path}:${line}: ${message}`)
      .join('\n'),
  });
  if (doc.errors.length > 0) return fail(doc.errors.map((e) => ({ line: lineAt(e.pos[0]), message: yamlMessage(e.message) })));
  const js = toPlainValue(doc, lineAt);
  if (!js.ok) return fail([js.problem]);
  const value = withoutEmptySections(js.value);
  if (value === null || value === undefined) return { ok: true, config: defaultConfig() };
  const check = validate();
  const problems: ConfigProblem[] = check(value) ? [] : usefulErrors(check.errors ?? []).map((error) => describeError(doc, error, lineAt));
  const data = (typeof value === 'object' ? value : {}) as RawConfig;
  for (const bad of findBadPatterns(data)) {
    const node = nodeAt(doc, bad.path);
    problems.push({ line: lineOf(node, lineAt), message: `"${keyName(bad.path)}" is not a valid regular expression: ${bad.reason}` });
  }
  for (const bad of findBadHostGlobs(data)) {
    // A `links.hosts` glob is a key: point at the key's line.
    const node = bad.key ? keyNodeIn(nodeAt(doc, ['links', 'hosts']), bad.key) : nodeAt(doc, bad.path);
    problems.push({ line: lineOf(node, lineAt), message: `"${keyName(bad.path)}" ${JSON.stringify(bad.glob)} can match no host: it ${bad.reason}` });
  }
  const headers = nodeAt(doc, ['links', 'headers']);
  for (const bad of findBadHeaders(data)) problems.push({ line: lineOf(keyNodeIn(headers, bad.name) ?? headers, lineAt), message: bad.message });
  if (problems.length > 0) return fail(problems);
  const maxAge = data.links?.['max-age'];
  if (maxAge !== undefined && !(parseDuration(maxAge) <= LINK_LIMITS.maxAge)) {
    return fail([{ line: lineOf(nodeAt(doc, ['links', 'max-age']), lineAt), message: '"links.max-age" must be at most 366d' }]);
  }
  return { ok: true, config: toConfig(data) };
}

/** Host globs that can match no host (a rule with them would silently never fire), with their paths in the YAML. */
function findBadHostGlobs(data: RawConfig): Array<{ path: Array<string | number>; key?: string; glob: string; reason: string }> {
  const links = isPlainObject(data.links) ? data.links : {};
  const candidates: Array<{ path: Array<string | number>; key?: string; glob: unknown }> = [];
  const excluded = links['exclude-hosts'];
  if (Array.isArray(excluded)) excluded.forEach((glob, i) => candidates.push({ path: ['links', 'exclude-hosts', i], glob }));
  if (isPlainObject(links.hosts)) for (const key of Object.keys(links.hosts)) candidates.push({ path: ['links', 'hosts', key], key, glob: key });
  if (Array.isArray(links.rules)) {
    links.rules.forEach((rule, i) => {
      if (isPlainObject(rule) && Array.isArray(rule.hosts)) rule.hosts.forEach((glob, j) => candidates.push({ path: ['links', 'rules', i, 'hosts', j], glob }));
    });
  }
  return candidates.flatMap(({ path, key, glob }) => {
    if (typeof glob !== 'string') return [];
    const reason = hostGlobProblem(glob);
    return reason === null ? [] : [{ path, key, glob, reason }];
  });
}

/** In line order; a problem named twice (two schema branches saying the same) once. */
function sortedProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return [...problems]
    .sort((a, b) => a.line - b.line)
    .filter((p) => {
      const key = `${p.line}\u0000${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The YAML parser's message, first line; its stack overflow on deep nesting said in words. */
function yamlMessage(message: string): string {
  if (/Maximum call stack size exceeded/.test(message)) return 'the YAML is nested too deeply';
  return `invalid YAML: ${firstLine(message)}`;
}

/**
 * The document as plain data, with aliases expanded at most MAX_ALIAS_COUNT
 * times in all: an alias bomb is reported at its first alias instead of
 * exhausting memory or ending in the library's "Excessive alias count".
 */
function toPlainValue(doc: Document, lineAt: (offset: number) => number): { ok: true; value: unknown } | { ok: false; problem: ConfigProblem } {
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof RangeError) return { ok: false, problem: { line: 1, message: 'the YAML is nested too deeply' } };
    if (/alias/i.test(message)) {
      return { ok: false, problem: { line: lineOf(firstAlias(doc), lineAt), message: `the YAML expands aliases (*name) more than ${MAX_ALIAS_COUNT} times` } };
    }
    return { ok: false, problem: { line: 1, message: `invalid YAML: ${firstLine(message)}` } };
  }
}

function firstAlias(doc: Document): Node | null {
  let found: Node | null = null;
  visit(doc, {
    Alias(_key, node) {
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}

/** An HTTP header name is a token (RFC 9110 §5.6.2). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** What undici accepts in a header value: no line breaks, no characters beyond Latin-1. */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** Headers undici refuses to send (it frames the request itself). */
const UNSENDABLE_HEADERS = new Set(['transfer-encoding', 'keep-alive', 'upgrade', 'expect']);

/**
 * A header undici would refuse fails every request of a run, and every link
 * would be reported dead; reject it here, naming the key.
 */
function findBadHeaders(data: RawConfig): Array<{ name: string; message: string }> {
  const headers = data.links?.headers;
  if (!isPlainObject(headers)) return [];
  const out: Array<{ name: string; message: string }> = [];
  for (const [name, value] of Object.entries(headers)) {
    const key = `"${keyName(['links', 'headers', name])}"`;
    if (!HEADER_NAME.test(name)) out.push({ name, message: `${key} is not a valid HTTP header name` });
    else if (UNSENDABLE_HEADERS.has(name.toLowerCase())) out.push({ name, message: `${key} cannot be set: the link checker sends it itself` });
    else if (typeof value === 'string' && !HEADER_VALUE.test(value)) {
      out.push({ name, message: `${key} has characters an HTTP header cannot carry (line breaks or non-Latin-1 text)` });
    }
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `rules:` with every line below it commented out is null in YAML; it means "no settings". */
function withoutEmptySections(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}

function firstLine(message: string): string {
  return message.split('\n')[0].trim();
}

/** ajv's errors that name a problem: the `if` wrappers of rule settings only repeat their branch's error. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
  const useful = errors.filter((e) => e.keyword !== 'if');
  return useful.length > 0 ? useful : errors;
}

function pathOf(instancePath: string): Array<string | number> {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** `links.rules[0].verdict` */
function keyName(path: Array<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (!/^[\w-]+$/.test(part)) out += `[${JSON.stringify(part)}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}

function describeError(doc: Document, error: ErrorObject, lineAt: (offset: number) => number): ConfigProblem {
  const path = pathOf(error.instancePath);
  const node = nodeAt(doc, path);
  const name = keyName(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const keyNode = keyNodeIn(node, key);
      return { line: lineOf(keyNode ?? node, lineAt), message: `unknown key "${keyName([...path, key])}"` };
    }
    case 'required':
      return { line: lineOf(node, lineAt), message: `"${name}" needs the key "${String(params.missingProperty)}"` };
    case 'type': {
      if (path.length === 0) return { line: lineOf(node, lineAt), message: 'the config must be a mapping of keys' };
      const isNumber = isScalar(node) && typeof node.value === 'number';
      const type = String(params.type) === 'integer' && !isNumber ? 'number' : String(params.type);
      return { line: lineOf(node, lineAt), message: `"${name}" must be ${typeWords(type)}` };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String).join(', ');
      return { line: lineOf(node, lineAt), message: `"${name}" must be one of ${allowed}` };
    }
    case 'minimum':
    case 'maximum': {
      const word = error.keyword === 'minimum' ? 'at least' : 'at most';
      return { line: lineOf(node, lineAt), message: `"${name}" must be ${word} ${String(params.limit)}` };
    }
    case 'minItems':
    case 'minLength':
      return { line: lineOf(node, lineAt), message: `"${name}" must not be empty` };
    case 'pattern':
      return { line: lineOf(node, lineAt), message: `"${name}" must be milliseconds or a duration such as 1d, 12h, 30m` };
    default:
      return { line: lineOf(node, lineAt), message: `"${name}" ${error.message ?? 'is invalid'}` };
  }
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    number: 'a number',
    integer: 'a whole number',
    string: 'a string',
    array: 'a list',
    object: 'a mapping of keys',
    boolean: 'true or false',
    'integer,string': 'a number or a string',
  };
  return words[type] ?? `of type ${type}`;
}

function nodeAt(doc: Document, path: Array<string | number>): Node | null {
  if (path.length === 0) return (doc.contents as Node | null) ?? null;
  const node = doc.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node ? (node as Node) : null;
}

function keyNodeIn(node: Node | null, key: string): Node | null {
  if (!node || !isMap(node)) return null;
  for (const pair of node.items) {
    if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
  }
  return null;
}

function lineOf(node: Node | null, lineAt: (offset: number) => number): number {
  const range = node?.range;
  return range ? lineAt(range[0]) : 1;
}

// ---- the validated YAML, and its mapping onto ListkeeperConfig ----

type RawRule = string | ({ severity?: string } & Record<string, unknown>);

interface RawConfig {
  files?: string[];
  rules?: Partial<Record<RuleId, RawRule>>;
  sort?: { order?: 'auto' | 'asc' | 'desc'; undated?: 'keep' | 'top' | 'bottom' };
  add?: { label?: string };
  links?: {
    timeout?: number;
    retries?: number;
    concurrency?: number;
    'host-concurrency'?: number;
    interval?: number;
    'max-age'?: number | string;
    threshold?: number;
    exclude?: string[];
    'exclude-hosts'?: string[];
    'accept-status'?: number[];
    headers?: Record<string, string>;
    hosts?: Record<string, { concurrency?: number; interval?: number }>;
    cache?: string;
    rules?: Array<{ hosts?: string[]; status?: number[]; body?: string; verdict: LinkRuleConfig['verdict'] }>;
  };
}

/**
 * The user regexes that do not compile, with their paths in the YAML. Run
 * also when the schema failed, so types are checked here, not assumed.
 */
function findBadPatterns(data: RawConfig): Array<{ path: Array<string | number>; reason: string }> {
  const candidates: Array<{ path: Array<string | number>; source: unknown }> = [];
  const dup = isPlainObject(data.rules) ? data.rules['duplicate-link'] : undefined;
  if (isPlainObject(dup) && Array.isArray(dup.allow)) {
    dup.allow.forEach((source, i) => candidates.push({ path: ['rules', 'duplicate-link', 'allow', i], source }));
  }
  const links = isPlainObject(data.links) ? data.links : {};
  if (Array.isArray(links.exclude)) links.exclude.forEach((source, i) => candidates.push({ path: ['links', 'exclude', i], source }));
  if (Array.isArray(links.rules)) {
    links.rules.forEach((rule, i) => {
      if (isPlainObject(rule)) candidates.push({ path: ['links', 'rules', i, 'body'], source: rule.body });
    });
  }
  const out: Array<{ path: Array<string | number>; reason: string }> = [];
  for (const { path, source } of candidates) {
    if (typeof source !== 'string') continue;
    // Compiled as they will run: on the linear-time engine, which refuses backreferences and lookaround.
    const compiled = compileUserPattern(source);
    if (!compiled.ok) out.push({ path, reason: compiled.reason });
  }
  return out;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `1d` → 86400000; numbers are milliseconds already. */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const m = /^\s*(\d+)\s*(ms|s|m|h|d|w)\s*$/.exec(value);
  return m ? Number(m[1]) * DURATION_UNITS[m[2]] : Number.NaN;
}

function toConfig(data: RawConfig): ListkeeperConfig {
  const config = defaultConfig();
  if (data.files) config.files = [...data.files];
  for (const id of RULE_IDS) {
    const raw = data.rules?.[id];
    if (raw === undefined) continue;
    if (typeof raw === 'string') {
      config.rules[id].severity = raw as ListkeeperConfig['rules'][RuleId]['severity'];
    } else {
      const { severity, ...options } = raw;
      if (severity) config.rules[id].severity = severity as ListkeeperConfig['rules'][RuleId]['severity'];
      config.rules[id].options = options;
    }
  }
  if (data.sort?.order) config.sort.order = data.sort.order;
  if (data.sort?.undated) config.sort.undated = data.sort.undated;
  if (data.add?.label) config.add.label = data.add.label.trim();
  const raw = data.links;
  if (raw) {
    const links = config.links;
    links.timeout = raw.timeout ?? links.timeout;
    links.retries = raw.retries ?? links.retries;
    links.concurrency = raw.concurrency ?? links.concurrency;
    links.hostConcurrency = raw['host-concurrency'] ?? links.hostConcurrency;
    links.interval = raw.interval ?? links.interval;
    links.maxAge = raw['max-age'] !== undefined ? parseDuration(raw['max-age']) : links.maxAge;
    links.threshold = raw.threshold ?? links.threshold;
    links.exclude = raw.exclude ?? links.exclude;
    links.excludeHosts = raw['exclude-hosts'] ?? links.excludeHosts;
    links.acceptStatus = raw['accept-status'] ?? links.acceptStatus;
    links.headers = raw.headers ?? links.headers;
    links.hosts = raw.hosts ?? links.hosts;
    links.cache = raw.cache ?? links.cache;
    links.rules = (raw.rules ?? []).map((rule) => ({
      hosts: rule.hosts ?? [],
      status: rule.status ?? [],
      body: rule.body ?? null,
      verdict: rule.verdict,
    }));
  }
  return config;
}
