import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA } from '../src/core/config/config-schema.js';
import { loadConfig, parseDuration } from '../src/core/config/config.js';
import { defaultConfig } from '../src/core/config/config-types.js';

const PATH = '.github/listkeeper.yml';

function errorOf(text: string): string {
  const result = loadConfig(text, PATH);
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

function configOf(text: string) {
  const result = loadConfig(text, PATH);
  if (!result.ok) throw new Error(result.error);
  return result.config;
}

describe('loadConfig', () => {
  it.each(['', '\n', '# just a comment\n', '---\n', '\uFEFF'])('gives the defaults for an empty file (%j)', (text) => {
    expect(configOf(text)).toEqual(defaultConfig());
  });

  it('reads the full shape and maps kebab-case keys', () => {
    const config = configOf(`
files: [README.md, docs/*.md]
rules:
  entry-format: warning
  future-date: off
  duplicate-link: { severity: error, allow: ["^https://example\\\\.com/"] }
  whitespace: { severity: off }
sort: { order: desc, undated: bottom }
links:
  timeout: 5000
  retries: 2
  concurrency: 16
  host-concurrency: 2
  interval: 250
  max-age: 12h
  threshold: 3
  exclude: ["^https://localhost"]
  exclude-hosts: ["*.internal.example"]
  accept-status: [999, 429]
  headers: { user-agent: "listkeeper-test" }
  hosts:
    "*.example.org": { concurrency: 2, interval: 500 }
  cache: .cache/links.json
  rules:
    - { hosts: ["*.example.org"], status: [200], body: "removed", verdict: dead }
    - { verdict: blocked, status: [403] }
`);
    expect(config.files).toEqual(['README.md', 'docs/*.md']);
    expect(config.rules['entry-format']).toEqual({ severity: 'warning', options: {} });
    expect(config.rules['future-date'].severity).toBe('off');
    expect(config.rules['duplicate-link']).toEqual({ severity: 'error', options: { allow: ['^https://example\\.com/'] } });
    expect(config.rules.whitespace.severity).toBe('off');
    expect(config.rules['date-format']).toEqual({ severity: 'error', options: {} });
    expect(config.sort).toEqual({ order: 'desc', undated: 'bottom' });
    expect(config.links).toEqual({
      timeout: 5000,
      retries: 2,
      concurrency: 16,
      hostConcurrency: 2,
      interval: 250,
      maxAge: 12 * 3_600_000,
      threshold: 3,
      exclude: ['^https://localhost'],
      excludeHosts: ['*.internal.example'],
      acceptStatus: [999, 429],
      headers: { 'user-agent': 'listkeeper-test' },
      hosts: { '*.example.org': { concurrency: 2, interval: 500 } },
      cache: '.cache/links.json',
      rules: [
        { hosts: ['*.example.org'], status: [200], body: 'removed', verdict: 'dead' },
        { hosts: [], status: [403], body: null, verdict: 'blocked' },
      ],
    });
  });

  it('reads a section whose lines are all commented out as no settings', () => {
    expect(configOf('rules:\n  # entry-format: off\nlinks:\n')).toEqual(defaultConfig());
  });

  it('keeps defaults for keys not given', () => {
    const config = configOf('links:\n  timeout: 5000\n');
    expect(config.links.timeout).toBe(5000);
    expect(config.links.retries).toBe(defaultConfig().links.retries);
    expect(config.rules).toEqual(defaultConfig().rules);
  });

  it.each([
    ['1d', 86_400_000],
    ['30m', 1_800_000],
    ['45s', 45_000],
    ['500ms', 500],
    ['2w', 1_209_600_000],
  ])('reads max-age %s', (value, ms) => {
    expect(configOf(`links:\n  max-age: ${value}\n`).links.maxAge).toBe(ms);
    expect(parseDuration(value)).toBe(ms);
  });

  it('reads the date style of date-format', () => {
    expect(configOf('rules:\n  date-format: { style: YYYY年MM月DD日 }\n').rules['date-format']).toEqual({
      severity: 'error',
      options: { style: 'YYYY年MM月DD日' },
    });
  });

  it('reads max-age in milliseconds', () => {
    expect(configOf('links:\n  max-age: 60000\n').links.maxAge).toBe(60000);
  });

  describe('errors: one line naming the file, the line and the key', () => {
    it.each([
      ['an unknown rule', 'files: [README.md]\nrules:\n  entry-format: error\n  entry-formt: warning\n', `${PATH}:4: unknown key "rules.entry-formt"`],
      ['an unknown top-level key', 'file: [README.md]\n', `${PATH}:1: unknown key "file"`],
      ['an unknown links key', 'links:\n  timeout: 1000\n  time-out: 5\n', `${PATH}:3: unknown key "links.time-out"`],
      ['an option the rule does not take', 'rules:\n  whitespace: { severity: warning, allow: [x] }\n', `${PATH}:2: unknown key "rules.whitespace.allow"`],
      ['a string for a number', 'sort: {order: asc}\nlinks:\n  retries: 2\n  concurrency: 4\n  host-concurrency: 2\n  interval: 0\n  timeout: fast\n', `${PATH}:7: "links.timeout" must be a number`],
      ['a fraction for a whole number', 'links:\n  retries: 1.5\n', `${PATH}:2: "links.retries" must be a whole number`],
      ['a bad severity', 'rules:\n  entry-format: fatal\n', `${PATH}:2: "rules.entry-format" must be one of error, warning, off`],
      ['a bad severity in object form', 'rules:\n  duplicate-link:\n    severity: loud\n', `${PATH}:3: "rules.duplicate-link.severity" must be one of error, warning, off`],
      ['a bad sort order', 'sort:\n  order: newest\n', `${PATH}:2: "sort.order" must be one of auto, asc, desc`],
      [
        'a date style listkeeper cannot write',
        'rules:\n  date-format:\n    style: DD/MM/YYYY\n',
        `${PATH}:3: "rules.date-format.style" must be one of YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年MM月DD日, YYYY年M月D日`,
      ],
      ['a negative number', 'links:\n  interval: -5\n', `${PATH}:2: "links.interval" must be at least 0`],
      ['a zero concurrency', 'links:\n  hosts:\n    "*.example.org": { concurrency: 0 }\n', `${PATH}:3: "links.hosts["*.example.org"].concurrency" must be at least 1`],
      ['a bad duration', 'links:\n  max-age: 1 day\n', `${PATH}:2: "links.max-age" must be milliseconds or a duration such as 1d, 12h, 30m`],
      ['a string for a list', 'files: README.md\n', `${PATH}:1: "files" must be a list`],
      ['a link rule without verdict', 'links:\n  rules:\n    - hosts: [a.example]\n', `${PATH}:3: "links.rules[0]" needs the key "verdict"`],
      ['a host glob with a scheme', 'links:\n  rules:\n    - hosts: ["*", "https://example.org"]\n      verdict: dead\n', `${PATH}:3: "links.rules[0].hosts[1]" "https://example.org" can match no host: it is a URL: write the host name alone (\`example.org\`)`],
      ['a per-host limit under a host with a port', 'links:\n  hosts:\n    "example.org:8080": { concurrency: 1 }\n', `${PATH}:3: "links.hosts["example.org:8080"]" "example.org:8080" can match no host: it has a port: write the host name alone (\`example.org\`); IPv6 addresses go in brackets`],
      ['an excluded host with a trailing dot', 'links:\n  exclude-hosts: ["example.org."]\n', `${PATH}:2: "links.exclude-hosts[0]" "example.org." can match no host: it has an empty label (a leading, trailing or doubled \`.\`): write \`*.example.org\` for a domain and the names below it`],
      ['a bad verdict', 'links:\n  rules:\n    - verdict: gone\n', `${PATH}:3: "links.rules[0].verdict" must be one of dead, blocked, alive`],
      ['a non-string header', 'links:\n  headers:\n    x-n: [1]\n', `${PATH}:3: "links.headers.x-n" must be a string`],
      ['an empty file list', 'files: []\n', `${PATH}:1: "files" must not be empty`],
      ['an empty file name', 'files: [""]\n', `${PATH}:1: "files[0]" must not be empty`],
      ['a list at the top level', '- README.md\n', `${PATH}:1: the config must be a mapping of keys`],
    ])('%s', (_name, text, error) => {
      expect(errorOf(text)).toBe(error);
    });

    it.each([
      ['an allow pattern', 'rules:\n  duplicate-link:\n    allow:\n      - "^https://ok"\n      - "(unclosed"\n', 5, 'rules.duplicate-link.allow[1]'],
      ['an exclude pattern', 'links:\n  exclude: ["[a-"]\n', 2, 'links.exclude[0]'],
      ['a body pattern', 'links:\n  rules:\n    - verdict: dead\n      body: "*removed"\n', 4, 'links.rules[0].body'],
    ])('rejects an invalid regex in %s', (_name, text, line, key) => {
      const error = errorOf(text);
      expect(error.startsWith(`${PATH}:${line}: "${key}" is not a valid regular expression`)).toBe(true);
      expect(error).not.toContain('\n');
    });

    it.each([
      ['a header name with a space', 'links:\n  timeout: 1000\n  headers:\n    Accept-Language: en\n    "x bad": "1"\n', `${PATH}:5: "links.headers["x bad"]" is not a valid HTTP header name`],
      ['a header value with a line break', 'links:\n  headers:\n    X-A: "a\\nb"\n', `${PATH}:3: "links.headers.X-A" has characters an HTTP header cannot carry (line breaks or non-Latin-1 text)`],
      ['a header value in Chinese', 'links:\n  headers:\n    X-Src: "中文"\n', `${PATH}:3: "links.headers.X-Src" has characters an HTTP header cannot carry (line breaks or non-Latin-1 text)`],
      ['a header undici will not send', 'links:\n  headers:\n    Transfer-Encoding: chunked\n', `${PATH}:3: "links.headers.Transfer-Encoding" cannot be set: the link checker sends it itself`],
    ])('rejects %s (every request would fail and every link would look dead)', (_name, text, error) => {
      expect(errorOf(text)).toBe(error);
    });

    it('accepts ordinary headers', () => {
      expect(configOf('links:\n  headers: { Accept-Language: "zh-CN,zh;q=0.9,en;q=0.8", Cookie: "a=b; c=d" }\n').links.headers).toEqual({
        'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8',
        Cookie: 'a=b; c=d',
      });
    });

    it('reports YAML syntax errors with their line', () => {
      const error = errorOf('files: [README.md]\nrules:\n  entry-format: [error\n');
      expect(error).toMatch(/^\.github\/listkeeper\.yml:\d+: invalid YAML: /);
      expect(error).not.toContain('\n');
    });

    it('reports duplicate keys', () => {
      expect(errorOf('sort:\n  order: asc\n  order: desc\n')).toMatch(/^\.github\/listkeeper\.yml:3: invalid YAML: .*unique/i);
    });
  });
});

describe('upper bounds of numbers (past them a run breaks instead of slowing down)', () => {
  it.each([
    ['a timeout past what Node timers take', 'links:\n  timeout: 2147483648\n', `${PATH}:2: "links.timeout" must be at most 600000`],
    ['a huge concurrency', 'links:\n  concurrency: 100000\n', `${PATH}:2: "links.concurrency" must be at most 256`],
    ['a huge host concurrency', 'links:\n  host-concurrency: 5000\n', `${PATH}:2: "links.host-concurrency" must be at most 64`],
    ['a huge per-host concurrency', 'links:\n  hosts:\n    a.example: { concurrency: 5000 }\n', `${PATH}:3: "links.hosts[\"a.example\"].concurrency" must be at most 64`],
    ['retries by the thousand', 'links:\n  retries: 1000\n', `${PATH}:2: "links.retries" must be at most 10`],
    ['an interval of days', 'links:\n  interval: 86400000\n', `${PATH}:2: "links.interval" must be at most 600000`],
    ['a threshold no link reaches', 'links:\n  threshold: 100000\n', `${PATH}:2: "links.threshold" must be at most 100`],
    ['a max-age in milliseconds past a year', 'links:\n  max-age: 99999999999999\n', `${PATH}:2: "links.max-age" must be at most 31622400000`],
    ['a max-age duration past a year', 'links:\n  timeout: 1000\n  max-age: 100000d\n', `${PATH}:3: "links.max-age" must be at most 366d`],
    ['a max-age too long for a number', `links:\n  max-age: ${'9'.repeat(400)}d\n`, `${PATH}:2: "links.max-age" must be at most 366d`],
  ])('rejects %s', (_name, text, error) => {
    expect(errorOf(text)).toBe(error);
  });

  it('accepts the bounds themselves', () => {
    const links = configOf('links:\n  timeout: 600000\n  concurrency: 256\n  host-concurrency: 64\n  retries: 10\n  max-age: 366d\n').links;
    expect(links).toMatchObject({ timeout: 600_000, concurrency: 256, hostConcurrency: 64, retries: 10, maxAge: 366 * 86_400_000 });
  });
});

describe('every config error at once, in line order (issue 11)', () => {
  it('a bad value below an unknown key: both, the unknown key first', () => {
    const text = 'links:\n  time-out: 5\n  retries: 2\n  timeout: fast\n';
    expect(errorOf(text).split('\n')).toEqual([`${PATH}:2: unknown key "links.time-out"`, `${PATH}:4: "links.timeout" must be a number`]);
  });

  it('schema errors, bad regexes and bad headers together, sorted by line', () => {
    const text = [
      'links:',
      '  exclude: ["(unclosed"]',
      '  headers:',
      '    "x bad": "1"',
      '  concurrency: 0',
      'rules:',
      '  entry-format: fatal',
      '  duplicate-link:',
      '    allow: ["(a)\\\\1"]',
      'colour: red',
      '',
    ].join('\n');
    const lines = errorOf(text).split('\n');
    expect(lines.map((line) => line.split(': ')[0])).toEqual([2, 4, 5, 7, 9, 10].map((n) => `${PATH}:${n}`));
    expect(lines[0]).toContain('"links.exclude[0]" is not a valid regular expression');
    expect(lines[1]).toContain('"links.headers["x bad"]" is not a valid HTTP header name');
    expect(lines[2]).toContain('"links.concurrency" must be at least 1');
    expect(lines[3]).toContain('"rules.entry-format" must be one of error, warning, off');
    expect(lines[4]).toContain('"rules.duplicate-link.allow[0]" is not a valid regular expression: a backreference');
    expect(lines[5]).toContain('unknown key "colour"');
  });
});

describe('hostile YAML', () => {
  it('an alias bomb is one clear error at the first alias, not "Excessive alias count"', () => {
    const layers = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i <= 9; i++) layers.push(`l${i}: &l${i} [${Array(9).fill(`*${i === 1 ? 'a' : `l${i - 1}`}`).join(', ')}]`);
    const text = `files: [README.md]\n${layers.join('\n')}\n`;
    expect(errorOf(text)).toBe(`${PATH}:3: the YAML expands aliases (*name) more than 100 times`);
  });

  it('a few aliases (an ordinary use of anchors) still load', () => {
    const text = 'links:\n  hosts:\n    a.example: &slow { concurrency: 1, interval: 2000 }\n    b.example: *slow\n';
    expect(configOf(text).links.hosts['b.example']).toEqual({ concurrency: 1, interval: 2000 });
  });

  it('nesting thousands of levels deep is one clear error, not a stack overflow', () => {
    const error = errorOf(`files: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(error).toBe(`${PATH}:1: the YAML is nested too deeply`);
  });
});

describe('schema/listkeeper.schema.json', () => {
  it('is the schema the loader validates with (regenerate it from src/core/config/config-schema.ts)', () => {
    const published: unknown = JSON.parse(readFileSync(fileURLToPath(new URL('../schema/listkeeper.schema.json', import.meta.url)), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(CONFIG_SCHEMA)));
  });
});
