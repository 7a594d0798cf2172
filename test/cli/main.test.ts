import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectOneLineError, root, runCli, scratch } from './run.js';

describe('listkeeper: help, version, usage errors', () => {
  it('--help lists the commands and exits 0', async () => {
    const run = await runCli(['--help'], root);
    expect(run.code).toBe(0);
    for (const command of ['lint', 'sort', 'links', 'demo']) expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version'], root);
    expect(run).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('every command has --help', async () => {
    for (const [command, words] of [['lint', '--changed-lines'], ['sort', '--check'], ['links', '--threshold'], ['demo', 'example list']]) {
      const run = await runCli([command, '--help'], root);
      expect(run.code, command).toBe(0);
      expect(run.stdout, command).toMatch(new RegExp(`^Usage: listkeeper ${command}`));
      expect(run.stdout, command).toContain(words);
    }
  });

  it('an unknown option is a one-line usage error, exit 2', async () => {
    const dir = await scratch();
    expectOneLineError(await runCli(['lint', '--fox', 'README.md'], dir), /^listkeeper: lint: unknown option '--fox' \(see listkeeper lint --help\)$/);
    expectOneLineError(await runCli(['sort', '--format', 'json', 'a.md'], dir), /sort: unknown option '--format'/);
    expectOneLineError(await runCli(['--frobnicate'], dir), /unknown option "--frobnicate"/);
  });

  it('an unknown command, no command, and a missing option value are usage errors', async () => {
    const dir = await scratch();
    expectOneLineError(await runCli(['lnit', 'README.md'], dir), /unknown command "lnit"; commands: lint, sort, links, add, demo/);
    expectOneLineError(await runCli([], dir), /name a command/);
    expectOneLineError(await runCli(['lint', 'README.md', '--format'], dir), /lint: option '--format <value>' argument missing/);
    expectOneLineError(await runCli(['lint'], dir), /lint: name at least one list file/);
  });
});

describe('listkeeper demo', () => {
  it('lints the bundled list offline, finds its planted defects, and exits 0', async () => {
    const dir = await scratch();
    const run = await runCli(['demo'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    // A link without a scheme, doubled spaces, a duplicate article, lists out of date order.
    expect(run.stdout).toMatch(/examples\/awesome-chatbots\.md:\d+:\d+ {2}error {2}URL `mp\.weixin\.qq\.com\/s\/\w+` lacks `https:\/\/`.* {2}url-format/);
    expect(run.stdout).toMatch(/ {2}warning {2}.*separator.* {2}whitespace/);
    expect(run.stdout).toMatch(/ {2}error {2}Duplicate link .* {2}duplicate-link/);
    expect(run.stdout).toMatch(/ {2}warning {2}The list under .* is not sorted by date.* {2}sort-order/);
    expect(run.stdout).toMatch(/2\. Sort check/);
    expect(run.stdout).toMatch(/would apply \d+ fixes/);
  });
});
