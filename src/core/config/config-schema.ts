/**
 * JSON Schema of `.github/listkeeper.yml`. The same object is published as
 * `schema/listkeeper.schema.json` for editors (a test keeps the two equal);
 * it lives in code so the core needs no file I/O and bundles cleanly.
 */

import { DATE_STYLES } from '../date.js';

const severity = { enum: ['error', 'warning', 'off'], description: 'error | warning | off' };

/** A rule is set with a severity, or with an object holding the severity and the rule's options. */
function ruleSetting(description: string, options: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    description,
    if: { type: 'string' },
    then: severity,
    else: {
      type: 'object',
      properties: { severity, ...options },
      additionalProperties: false,
    },
  };
}

const regexList = { type: 'array', items: { type: 'string', description: 'A regular expression' } };
const hostGlobs = { type: 'array', items: { type: 'string', description: 'A host name or glob: `*` every host, `*.example.org` the domain and below, `127.0.0.*` one label' } };
/**
 * Upper bounds of the numbers in `links:`. Past them a run is broken, not
 * slower: Node's timers refuse delays above 2^31-1 ms ("delay is out of
 * range"), and thousands of sockets exhaust the runner. The CLI flags share them.
 */
export const LINK_LIMITS = {
  timeout: 600_000,
  retries: 10,
  concurrency: 256,
  hostConcurrency: 64,
  interval: 600_000,
  /** 366 days, in ms. */
  maxAge: 31_622_400_000,
  threshold: 100,
} as const;

const positiveInteger = (maximum: number) => ({ type: 'integer', minimum: 1, maximum });
const nonNegativeInteger = (maximum: number) => ({ type: 'integer', minimum: 0, maximum });
const statusList = { type: 'array', items: { type: 'integer', minimum: 100, maximum: 999 } };

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://raw.githubusercontent.com/listkeeper/listkeeper/main/schema/listkeeper.schema.json',
  title: 'listkeeper configuration (.github/listkeeper.yml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    files: { description: 'List files (globs; a glob led by `!` leaves files out); default [README.md]', type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    rules: {
      description: 'Severity and options per rule',
      type: 'object',
      additionalProperties: false,
      properties: {
        'entry-format': ruleSetting('Blog entries read `[title](url) | source YYYY-MM-DD`'),
        'date-format': ruleSetting('Dates are written in one style and exist', {
          style: { enum: [...DATE_STYLES], description: 'How dates are written; default YYYY-MM-DD' },
        }),
        'future-date': ruleSetting('Dates are not after today'),
        'url-format': ruleSetting('Links are absolute http(s) URLs'),
        'duplicate-link': ruleSetting('The same resource is linked once', {
          allow: { ...regexList, description: 'URL regexes whose links may repeat' },
        }),
        'duplicate-title': ruleSetting('The same title is not linked to two resources'),
        whitespace: ruleSetting('No trailing whitespace, single spaces around the separator'),
        'list-structure': ruleSetting('Lists render with the nesting their indentation shows'),
        'sort-order': ruleSetting('Lists are sorted by date'),
        'entry-metadata': ruleSetting('Blog entries give the date, title and source of their pages (read by links --metadata and the PR check)'),
      },
    },
    sort: {
      type: 'object',
      additionalProperties: false,
      properties: {
        order: { enum: ['auto', 'asc', 'desc'], description: 'auto (the direction the document keeps; default) | asc (oldest first) | desc (newest first)' },
        undated: { enum: ['keep', 'top', 'bottom'], description: 'keep | top | bottom' },
      },
    },
    add: {
      description: '`/add` on GitHub',
      type: 'object',
      additionalProperties: false,
      properties: {
        label: { type: 'string', minLength: 1, description: 'Label that turns a "Suggest an article" issue into a pull request (default add-entry)' },
      },
    },
    links: {
      description: 'The link checker',
      type: 'object',
      additionalProperties: false,
      properties: {
        timeout: { ...positiveInteger(LINK_LIMITS.timeout), description: 'Per request, ms' },
        retries: { ...nonNegativeInteger(LINK_LIMITS.retries), description: 'Retries of a failed request' },
        concurrency: { ...positiveInteger(LINK_LIMITS.concurrency), description: 'Requests in flight' },
        'host-concurrency': { ...positiveInteger(LINK_LIMITS.hostConcurrency), description: 'Requests in flight per host' },
        interval: { ...nonNegativeInteger(LINK_LIMITS.interval), description: 'Minimum ms between two requests to one host' },
        'max-age': {
          type: ['integer', 'string'],
          minimum: 0,
          maximum: LINK_LIMITS.maxAge,
          pattern: '^\\s*\\d+\\s*(ms|s|m|h|d|w)\\s*$',
          description: 'How long a result is reused: milliseconds, or a duration such as 1d, 12h, 30m (at most 366d)',
        },
        threshold: { ...positiveInteger(LINK_LIMITS.threshold), description: 'Failed runs in a row before a link counts as dead' },
        exclude: { ...regexList, description: 'URL regexes not to check' },
        'exclude-hosts': { ...hostGlobs, description: 'Hosts not to check' },
        'accept-status': { ...statusList, description: 'HTTP statuses that count as alive' },
        headers: { type: 'object', additionalProperties: { type: 'string' }, description: 'Request headers' },
        hosts: {
          type: 'object',
          description: 'Per-host limits, by host glob',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: { concurrency: positiveInteger(LINK_LIMITS.hostConcurrency), interval: nonNegativeInteger(LINK_LIMITS.interval) },
          },
        },
        cache: { type: 'string', description: 'Path of the result cache' },
        rules: {
          type: 'array',
          description: 'Verdicts for known responses',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['verdict'],
            properties: {
              hosts: hostGlobs,
              status: statusList,
              body: { type: 'string', description: 'A regular expression the response body matches' },
              verdict: { enum: ['dead', 'blocked', 'alive'] },
            },
          },
        },
      },
    },
  },
} as const;
