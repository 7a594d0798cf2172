import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { OUTPUT_NAMES } from '../../src/action/workflows.js';

interface ActionYml {
  name: string;
  description: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

const yml = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYml;

describe('action.yml', () => {
  it('declares exactly the inputs the Action reads, each described', () => {
    const asked: string[] = [];
    readInputs((name) => {
      asked.push(name);
      return name === 'github-token' ? 't' : '';
    });
    expect(Object.keys(yml.inputs).sort()).toEqual([...new Set(asked)].sort());
    for (const [name, input] of Object.entries(yml.inputs)) expect(input.description.length, name).toBeGreaterThan(20);
  });

  it('has defaults the Action accepts', () => {
    const result = readInputs((name) => (name === 'github-token' ? 'ghs_x' : (yml.inputs[name]?.default ?? '')));
    expect(result).toMatchObject({ ok: true, inputs: { mode: 'auto', failOn: 'error', checkNewLinks: true, configPath: '.github/listkeeper.yml', dryRun: false } });
  });

  it('declares the outputs the Action sets and runs the bundle on node24', () => {
    expect(Object.keys(yml.outputs).sort()).toEqual([...OUTPUT_NAMES].sort());
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  // GitHub Marketplace refuses to publish an action that breaks these (docs: "Publishing actions in GitHub Marketplace",
  // "Metadata syntax for GitHub Actions" → branding).
  it('meets GitHub Marketplace rules: a description of at most 125 characters, branding with an allowed colour', () => {
    expect(yml.name.length).toBeGreaterThan(0);
    expect(yml.description.length).toBeLessThanOrEqual(125);
    expect(yml.branding?.icon).toMatch(/^[a-z0-9-]+$/);
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(yml.branding?.color);
  });
});
