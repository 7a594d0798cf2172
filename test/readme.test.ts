/** The README's configuration example is what users copy: it must load as written. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config/config.js';

describe('README', () => {
  it('shows a configuration example that loads with every key it sets', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('# yaml-language-server');
    expect(start).toBeGreaterThan(-1);
    const example = readme.slice(start, readme.indexOf('```', start));
    const loaded = loadConfig(example, 'README.md example');
    expect(loaded).toMatchObject({ ok: true });
    if (!loaded.ok) return;
    expect(loaded.config.rules['duplicate-link'].options.allow).toEqual(['^https://github\\.com/[^/]+/[^/]+$']);
    expect(loaded.config.links).toMatchObject({ timeout: 5000, threshold: 2, acceptStatus: [999] });
    expect(loaded.config.links.rules[0]).toMatchObject({ hosts: ['*.example.org'], verdict: 'dead' });
  });

  it('gives every example workflow job a concurrency group, so runs of one kind never overlap', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const workflows = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).filter((yaml) => /^jobs:/m.test(yaml));
    expect(workflows.length).toBeGreaterThanOrEqual(5);
    for (const yaml of workflows) {
      // A group for the whole workflow covers its jobs; otherwise each job needs its own.
      if (/^concurrency:/m.test(yaml)) continue;
      const jobs = yaml.slice(yaml.search(/^jobs:/m)).split(/\n(?=  [\w-]+:\n)/).slice(1);
      for (const job of jobs) expect(job, job).toMatch(/^ {4}concurrency:/m);
    }
  });
});
