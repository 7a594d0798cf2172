import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blog, expectNoTempFiles, expectOneLineError, gitIn, readText, runCli, scratch } from './run.js';

const CLEAN = ['## Blogs', '', blog('One', '2023-01-05'), blog('Two', '2023-02-01'), ''].join('\n');
/** One error (no scheme, fixable), one warning (trailing space, fixable), one error without a fix (bad day). */
const FLAWED = [
  '## Blogs',
  '',
  '- [First](mp.weixin.qq.com/s/one) | AINLP 2023-01-05',
  `${blog('Second', '2023-02-01')}   `,
  blog('Third', '2023-02-30'),
  '',
].join('\n');

describe('listkeeper lint: exit codes and text output', () => {
  it('exits 0 on a clean list and says so', async () => {
    const dir = await scratch({ 'README.md': CLEAN });
    const run = await runCli(['lint', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No problems in 1 file.\n');
  });

  it('exits 1 with errors, one `file:line:col  severity  reason  ruleId` line each, and a summary', async () => {
    const dir = await scratch({ 'README.md': FLAWED });
    const run = await runCli(['lint', 'README.md'], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^README\.md:3:\d+ {2}error {2}.+ {2}url-format$/);
    expect(lines.some((l) => /^README\.md:4:\d+ {2}warning {2}.+ {2}whitespace$/.test(l))).toBe(true);
    expect(lines.some((l) => /^README\.md:5:\d+ {2}error {2}.+ {2}date-format$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^2 errors, 1 warning in 1 file \(2 fixable with --fix\)\.$/);
  });

  it('exits 0 when only warnings remain', async () => {
    const dir = await scratch({ 'README.md': `${blog('One', '2023-01-05')}  \n${blog('Two', '2023-02-01')}\n` });
    const run = await runCli(['lint', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 errors, 1 warning/);
  });

  it('finds duplicates across all the files given', async () => {
    const dir = await scratch({
      'a.md': `${blog('Shared', '2023-01-05')}\n${blog('Only A', '2023-01-06')}\n`,
      'b.md': `${blog('Only B', '2023-01-01')}\n- [Shared again](https://mp.weixin.qq.com/s/Shared?utm_source=x) | AINLP 2023-01-07\n`,
    });
    const run = await runCli(['lint', 'a.md', 'b.md'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^b\.md:2:\d+ {2}error {2}.*a\.md:1.* {2}duplicate-link$/m);
    expect(run.stdout).toMatch(/in 2 files/);
  });

  it('reads a file named twice once', async () => {
    const dir = await scratch({ 'README.md': CLEAN });
    const run = await runCli(['lint', 'README.md', './README.md'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No problems in 1 file.\n');
  });

  it('applies severities from .github/listkeeper.yml, or --config', async () => {
    const dir = await scratch({ 'README.md': FLAWED, 'strict.yml': 'rules:\n  whitespace: error\n  url-format: off\n' });
    execFileSync('mkdir', ['-p', `${dir}/.github`]);
    await import('node:fs/promises').then((fs) => fs.writeFile(`${dir}/.github/listkeeper.yml`, 'rules:\n  date-format: off\n  url-format: off\n'));
    const byDefaultFile = await runCli(['lint', 'README.md'], dir);
    expect(byDefaultFile.stdout).not.toMatch(/date-format|url-format/);
    expect(byDefaultFile.code).toBe(0);
    const byFlag = await runCli(['lint', 'README.md', '--config', 'strict.yml'], dir);
    expect(byFlag.stdout).toMatch(/README\.md:4:\d+ {2}error {2}.* {2}whitespace/);
    expect(byFlag.stdout).not.toMatch(/url-format/);
    expect(byFlag.code).toBe(1);
  });
});

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
}

describe('listkeeper lint --format json and sarif', () => {
  it('prints the vfile-reporter-json shape, fatal for errors', async () => {
    const dir = await scratch({ 'README.md': FLAWED, 'clean.md': CLEAN });
    const run = await runCli(['lint', '--format', 'json', 'README.md', 'clean.md'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as Array<{ path: string; messages: Array<Record<string, unknown>> }>;
    expect(report.map((f) => f.path)).toEqual(['README.md', 'clean.md']);
    expect(report[1].messages).toEqual([]);
    const url = report[0].messages.find((m) => m.ruleId === 'url-format');
    // `expected` replaces the message's range (the URL), so it is the whole URL with its scheme.
    expect(url).toMatchObject({ source: 'listkeeper', line: 3, fatal: true, actual: 'mp.weixin.qq.com/s/one', expected: ['https://mp.weixin.qq.com/s/one'] });
    // vfile-reporter-json's keys, in its order; the span is in `place`.
    expect(Object.keys(url ?? {})).toEqual(['column', 'fatal', 'line', 'place', 'reason', 'ruleId', 'source', 'actual', 'expected', 'url']);
    expect(url?.place).toEqual({ start: { line: 3, column: 11, offset: 20 }, end: { line: 3, column: 33, offset: 42 } });
    expect(report[0]).toMatchObject({ cwd: dir, history: ['README.md'] });
    expect(report[0].messages.find((m) => m.ruleId === 'whitespace')).toMatchObject({ fatal: false, line: 4 });
  });

  it('prints SARIF 2.1.0 with rules and located results', async () => {
    const dir = await scratch({ 'README.md': FLAWED });
    const run = await runCli(['lint', '--format=sarif', `${dir}/README.md`], dir);
    expect(run.code).toBe(1);
    const sarif = JSON.parse(run.stdout) as {
      version: string;
      runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: Array<SarifResult> }>;
    };
    expect(sarif.version).toBe('2.1.0');
    const [runLog] = sarif.runs;
    expect(runLog.tool.driver.name).toBe('listkeeper');
    expect(runLog.tool.driver.rules.map((r) => r.id)).toContain('sort-order');
    const result = runLog.results.find((r) => r.ruleId === 'date-format');
    expect(result?.level).toBe('error');
    expect(result?.locations[0].physicalLocation.artifactLocation.uri).toBe('README.md');
    expect(result?.locations[0].physicalLocation.region.startLine).toBe(5);
    expect(runLog.tool.driver.rules[result?.ruleIndex ?? -1]?.id).toBe('date-format');
  });

  it('gives SARIF URIs relative to the repository root when run in a folder of it, and help at the README', async () => {
    const dir = await scratch();
    await mkdir(join(dir, 'examples'));
    await writeFile(join(dir, 'examples', 'awesome chatbots.md'), FLAWED);
    gitIn(dir)('init', '-q');
    const run = await runCli(['lint', '--format=sarif', 'awesome chatbots.md'], join(dir, 'examples'));
    const sarif = JSON.parse(run.stdout) as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } }; results: Array<SarifResult> }>;
    };
    const [runLog] = sarif.runs;
    expect(runLog.results[0].locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'examples/awesome%20chatbots.md', uriBaseId: '%SRCROOT%' });
    for (const rule of runLog.tool.driver.rules) expect(rule.helpUri).toBe('https://github.com/listkeeper/listkeeper/blob/main/README.md#rules');
  });
});

describe('listkeeper lint with directories', () => {
  it('lints the Markdown files below a directory, not its dot folders or other files', async () => {
    const dir = await scratch({ 'README.md': CLEAN });
    await mkdir(join(dir, 'docs', 'deep'), { recursive: true });
    await mkdir(join(dir, 'docs', '.drafts'));
    await writeFile(join(dir, 'docs', 'deep', 'a.md'), FLAWED);
    await writeFile(join(dir, 'docs', '.drafts', 'b.md'), FLAWED);
    await writeFile(join(dir, 'docs', 'notes.txt'), FLAWED);
    const run = await runCli(['lint', 'README.md', 'docs'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^docs\/deep\/a\.md:3:\d+ {2}error/m);
    expect(run.stdout).not.toMatch(/drafts|notes/);
    expect(run.stdout).toMatch(/in 2 files/);
  });

  it('refuses a symlink in the directory that leads outside it', async () => {
    const outside = await scratch({ 'secret.md': CLEAN });
    const dir = await scratch();
    await mkdir(join(dir, 'docs'));
    await symlink(join(outside, 'secret.md'), join(dir, 'docs', 'leak.md'));
    expectOneLineError(await runCli(['lint', 'docs'], dir), /^listkeeper: docs\/leak\.md: a symlink to a file outside docs; listkeeper does not follow it$/);
  });
});

describe('listkeeper lint --fix', () => {
  it('applies the fixes, writes the file, and reports what remains', async () => {
    const dir = await scratch({ 'README.md': FLAWED });
    const run = await runCli(['lint', '--fix', 'README.md'], dir);
    const fixed = await readText(dir, 'README.md');
    expect(fixed).toBe(FLAWED.replace('](mp.weixin', '](https://mp.weixin').replace('2023-02-01   \n', '2023-02-01\n'));
    expect(run.stdout).toMatch(/^Fixed 2 problems\.$/m);
    expect(run.stdout).toMatch(/README\.md:5:\d+ {2}error .* {2}date-format/);
    expect(run.stdout).not.toMatch(/url-format|whitespace/);
    expect(run.code).toBe(1);
    await expectNoTempFiles(dir);
  });

  it('keeps CRLF line endings and the BOM', async () => {
    const text = `\uFEFF${FLAWED.replaceAll('\n', '\r\n')}`;
    const dir = await scratch({ 'README.md': text });
    await runCli(['lint', '--fix', 'README.md'], dir);
    const fixed = await readText(dir, 'README.md');
    expect(fixed.startsWith('\uFEFF')).toBe(true);
    expect(fixed).toBe(text.replace('](mp.weixin', '](https://mp.weixin').replace('2023-02-01   \r\n', '2023-02-01\r\n'));
  });

  it('leaves a clean file untouched (same bytes, same inode)', async () => {
    const dir = await scratch({ 'README.md': CLEAN });
    const { statSync } = await import('node:fs');
    const before = statSync(`${dir}/README.md`).ino;
    const run = await runCli(['lint', '--fix', 'README.md'], dir);
    expect(run.code).toBe(0);
    expect(statSync(`${dir}/README.md`).ino).toBe(before);
    expect(await readText(dir, 'README.md')).toBe(CLEAN);
  });

  it('writes nothing when one of the files cannot be read', async () => {
    const dir = await scratch({ 'README.md': FLAWED });
    const run = await runCli(['lint', '--fix', 'README.md', 'missing.md'], dir);
    expectOneLineError(run, /missing\.md: cannot read: no such file/);
    expect(await readText(dir, 'README.md')).toBe(FLAWED);
  });
});

describe('listkeeper lint on changed lines only', () => {
  // Line 5 repeats line 3's link: the duplicate is found against the whole file but reported on the new line.
  const LIST = ['## Blogs', '', blog('Old', '2023-01-05'), '- [Old trailing](mp.weixin.qq.com/x) | AINLP 2023-01-06', '- [Old again](https://mp.weixin.qq.com/s/Old) | AINLP 2023-01-07', ''].join('\n');

  it('--changed-lines reports only messages on those lines', async () => {
    const dir = await scratch({ 'README.md': LIST });
    const run = await runCli(['lint', 'README.md', '--changed-lines', '5'], dir);
    expect(run.stdout).toMatch(/^README\.md:5:\d+ {2}error {2}.*README\.md:3.* {2}duplicate-link$/m);
    expect(run.stdout).not.toMatch(/url-format/);
    expect(run.code).toBe(1);
    // Now line 3 is the added copy, inserted above the old one: it is the one reported.
    const other = await runCli(['lint', 'README.md', '--changed-lines', '1-3,4'], dir);
    expect(other.stdout).toMatch(/README\.md:4:\d+ .* {2}url-format/);
    expect(other.stdout).toMatch(/^README\.md:3:\d+ {2}error {2}.*README\.md:5.* {2}duplicate-link$/m);
    expect(other.stdout).not.toMatch(/README\.md:5:.*duplicate-link/);
  });

  it('--diff takes the added lines from a full git diff', async () => {
    const diff = [
      'diff --git a/README.md b/README.md',
      'index 1111111..2222222 100644',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -4,0 +5 @@',
      '+- [Old again](https://mp.weixin.qq.com/s/Old) | AINLP 2023-01-07',
      '',
    ].join('\n');
    const dir = await scratch({ 'README.md': LIST, 'pr.diff': diff });
    const run = await runCli(['lint', 'README.md', '--diff', 'pr.diff'], dir);
    expect(run.stdout).toMatch(/README\.md:5:.* {2}duplicate-link/);
    expect(run.stdout).not.toMatch(/url-format/);
    expect(run.code).toBe(1);
  });

  it('--diff takes a bare GitHub patch of one file (only @@ hunks)', async () => {
    const patch = `@@ -3,2 +3,2 @@\n ${blog('Old', '2023-01-05')}\n-- [Old trailing](x)\n+- [Old trailing](mp.weixin.qq.com/x) | AINLP 2023-01-06\n`;
    const dir = await scratch({ 'README.md': LIST, 'file.patch': patch });
    const run = await runCli(['lint', 'README.md', '--diff', 'file.patch'], dir);
    expect(run.stdout).toMatch(/README\.md:4:.* {2}url-format/);
    expect(run.stdout).not.toMatch(/duplicate-link/);
  });

  describe('--diff names each file by its whole path', () => {
    // Both files have a flaw on line 4, so a diff that lends one file's lines to the other shows.
    const flawedAt4 = ['## Blogs', '', blog('Old', '2023-01-05'), '- [New](mp.weixin.qq.com/new) | AINLP 2023-01-06', ''].join('\n');
    const diffOf = (path: string): string =>
      [`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`, '@@ -3,0 +4 @@', '+- [New](mp.weixin.qq.com/new) | AINLP 2023-01-06', ''].join('\n');
    const project = async (): Promise<string> => {
      const dir = await scratch({ 'README.md': flawedAt4, 'docs.diff': diffOf('docs/README.md'), 'root.diff': diffOf('README.md') });
      const fs = await import('node:fs/promises');
      await fs.mkdir(`${dir}/docs`);
      await fs.writeFile(`${dir}/docs/README.md`, flawedAt4);
      return dir;
    };
    const reported = (stdout: string): string[] => stdout.split('\n').filter((l) => / {2}url-format$/.test(l)).map((l) => l.replace(/:\d+ .*$/, ''));

    it('a diff of docs/README.md lends no lines to README.md, and the reverse', async () => {
      const dir = await project();
      const docs = await runCli(['lint', 'README.md', 'docs/README.md', '--diff', 'docs.diff'], dir);
      expect(reported(docs.stdout)).toEqual(['docs/README.md:4']);
      expect(docs.code).toBe(1);
      const onlyRoot = await runCli(['lint', 'README.md', '--diff', 'docs.diff'], dir);
      expect(onlyRoot.stdout).toBe('No problems in 1 file.\n');
      expect(onlyRoot.code).toBe(0);
      const root = await runCli(['lint', 'README.md', 'docs/README.md', '--diff', 'root.diff'], dir);
      expect(reported(root.stdout)).toEqual(['README.md:4']);
      const onlyDocs = await runCli(['lint', 'docs/README.md', '--diff', 'root.diff'], dir);
      expect(onlyDocs.stdout).toBe('No problems in 1 file.\n');
    });

    it('in a git checkout, reads the diff\'s paths from the top level, also when run from a sub-directory', async () => {
      const dir = await project();
      execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
      const sub = `${dir}/docs`;
      const docs = await runCli(['lint', 'README.md', '../README.md', '--diff', '../docs.diff'], sub);
      expect(reported(docs.stdout)).toEqual(['README.md:4']);
      const root = await runCli(['lint', 'README.md', '../README.md', '--diff', '../root.diff'], sub);
      expect(reported(root.stdout)).toEqual(['../README.md:4']);
      expect(root.stderr).toBe('');
    });

    it('says so, rather than only reporting a clean file, when a diff path names the linted file only from the sub-directory', async () => {
      // root.diff names README.md: from the top level that is the top README, not docs/README.md linted here.
      const dir = await project();
      execFileSync('git', ['init', '-q'], { cwd: dir, stdio: 'ignore' });
      const run = await runCli(['lint', 'README.md', '--diff', '../root.diff'], `${dir}/docs`);
      expect(run.stdout).toBe('No problems in 1 file.\n');
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^listkeeper: warning: \.\.\/root\.diff: "README\.md" is read from the git top level \(.+\), so its lines do not count for README\.md here; make the diff at the top level \(git diff without --relative\)\n$/);
    });

    it('takes diffs git wrote under any prefix setting', async () => {
      const dir = await project();
      const base = ['## Blogs', '', blog('Old', '2023-01-05'), ''].join('\n');
      const fs = await import('node:fs/promises');
      await fs.writeFile(`${dir}/docs/README.md`, base);
      const git = gitIn(dir);
      git('init', '-q');
      git('add', 'README.md', 'docs/README.md');
      git('commit', '-q', '-m', 'base');
      await fs.writeFile(`${dir}/docs/README.md`, flawedAt4);
      const settings = [[], ['-c', 'diff.mnemonicPrefix=true'], ['-c', 'diff.noprefix=true'], ['--src-prefix=old/', '--dst-prefix=new/']];
      for (const setting of settings) {
        const [flags, options] = setting[0] === '-c' ? [setting, []] : [[], setting];
        await fs.writeFile(`${dir}/pr.diff`, git(...flags, 'diff', '--no-color', ...options));
        const run = await runCli(['lint', 'README.md', 'docs/README.md', '--diff', 'pr.diff'], dir);
        expect(reported(run.stdout), setting.join(' ')).toEqual(['docs/README.md:4']);
      }
    });
  });

  it('--base REV uses git diff REV (run without a shell)', async () => {
    const dir = await scratch({ 'README.md': LIST.split('\n').slice(0, 4).join('\n') + '\n' });
    const git = gitIn(dir);
    git('init', '-q');
    git('add', 'README.md');
    git('commit', '-q', '-m', 'base');
    await import('node:fs/promises').then((fs) => fs.writeFile(`${dir}/README.md`, LIST));
    const run = await runCli(['lint', 'README.md', '--base', 'HEAD'], dir);
    expect(run.stdout).toMatch(/README\.md:5:.* {2}duplicate-link/);
    expect(run.stdout).not.toMatch(/url-format/);
    expect(run.code).toBe(1);
    const bad = await runCli(['lint', 'README.md', '--base', 'no-such-rev'], dir);
    expectOneLineError(bad, /--base no-such-rev: git diff failed/);
    const option = await runCli(['lint', 'README.md', '--base=--output=x'], dir);
    expectOneLineError(option, /is not a revision/);
  });

  it('--base from a sub-directory sees a file outside it, whatever the git diff settings', async () => {
    const base = ['## Blogs', '', blog('Old', '2023-01-05'), ''].join('\n');
    const dir = await scratch({ 'README.md': base });
    const fs = await import('node:fs/promises');
    await fs.mkdir(`${dir}/docs`);
    await fs.writeFile(`${dir}/docs/README.md`, base);
    const git = gitIn(dir);
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    // `w/`, `i/` instead of `b/`, `a/` in diff headers, and diffs limited to the working directory.
    git('config', 'diff.mnemonicPrefix', 'true');
    git('config', 'diff.relative', 'true');
    await fs.writeFile(`${dir}/README.md`, `${base}- [New](mp.weixin.qq.com/new) | AINLP 2023-01-06\n`);
    const run = await runCli(['lint', '../README.md', 'README.md', '--base', 'HEAD'], `${dir}/docs`);
    expect(run.stdout).toMatch(/^\.\.\/README\.md:4:.* {2}url-format/m);
    // docs/README.md is unchanged: the root file's new line 4 is not its line 4.
    expect(run.stdout).not.toMatch(/^README\.md:/m);
    expect(run.code).toBe(1);
  });

  it('--base outside a git checkout says so', async () => {
    const dir = await scratch({ 'README.md': LIST });
    expectOneLineError(await runCli(['lint', 'README.md', '--base', 'HEAD'], dir, { GIT_CEILING_DIRECTORIES: dir.replace(/\/[^/]*$/, '') }), /--base needs a git checkout: not a git repository/);
  });

  it('refuses a malformed line spec', async () => {
    const dir = await scratch({ 'README.md': LIST });
    expectOneLineError(await runCli(['lint', 'README.md', '--changed-lines', '20-12'], dir), /--changed-lines: invalid line range "20-12"/);
  });
});
