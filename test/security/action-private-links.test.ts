/** The Action refuses private addresses unless `allow-private-links: true`: self-hosted runners sit inside networks. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../src/action/inputs.js';
import { actionLinkOptions } from '../../src/action/workflows.js';

const getter = (values: Record<string, string>) => (name: string) => values[name] ?? '';

function linkOptionsFor(values: Record<string, string>) {
  const read = readInputs(getter({ 'github-token': 't', ...values }));
  if (!read.ok) throw new Error(read.error);
  return actionLinkOptions(read.inputs, {});
}

describe('allow-private-links', () => {
  it('refuses private addresses by default', () => {
    expect(linkOptionsFor({}).privateAddresses).toBe('refuse');
  });

  it('allows them when the input is true', () => {
    expect(linkOptionsFor({ 'allow-private-links': 'true' }).privateAddresses).toBe('allow');
  });

  it('refuses a value that is not a boolean, naming the input', () => {
    expect(readInputs(getter({ 'github-token': 't', 'allow-private-links': 'yes' }))).toEqual({
      ok: false,
      error: 'input allow-private-links: expected true or false, got "yes"',
    });
  });

  it('is declared in action.yml with the default false', () => {
    const yml = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as { inputs: Record<string, { default?: string }> };
    expect(yml.inputs['allow-private-links']?.default).toBe('false');
  });
});
