import { describe, expect, it } from 'vitest';
import { reportAuthorVerdict } from '../../src/github/report/report-author.js';

const by = (login: string, type: 'User' | 'Bot', association: string) => ({ user: { login, type }, author_association: association });

describe('reportAuthorVerdict: who may have opened the report issue', () => {
  it('with a known login accepts only that author (any letter case), not even the repository owner', () => {
    expect(reportAuthorVerdict(by('Listkeeper[bot]', 'Bot', 'NONE'), 'listkeeper[bot]')).toEqual({ ok: true });
    expect(reportAuthorVerdict(by('octo-owner', 'User', 'OWNER'), 'listkeeper[bot]')).toEqual({
      ok: false,
      reason: 'it was opened by @octo-owner, not by @listkeeper[bot]',
    });
    expect(reportAuthorVerdict(by('dependabot[bot]', 'Bot', 'NONE'), 'listkeeper[bot]').ok).toBe(false);
  });

  it("under GITHUB_TOKEN accepts only github-actions[bot]: a member's or another bot's issue is not the report", () => {
    expect(reportAuthorVerdict(by('github-actions[bot]', 'Bot', 'NONE'), 'github-actions[bot]').ok).toBe(true);
    expect(reportAuthorVerdict(by('maintainer', 'User', 'MEMBER'), 'github-actions[bot]')).toEqual({
      ok: false,
      reason: 'it was opened by @maintainer, not by @github-actions[bot]',
    });
    expect(reportAuthorVerdict(by('renovate[bot]', 'Bot', 'NONE'), 'github-actions[bot]').ok).toBe(false);
  });

  it('with no login at all adopts nothing, not even a bot', () => {
    expect(reportAuthorVerdict(by('github-actions[bot]', 'Bot', 'NONE'), null)).toEqual({
      ok: false,
      reason: 'it was opened by @github-actions[bot] and listkeeper cannot tell which login is its own',
    });
    expect(reportAuthorVerdict(by('octo-owner', 'User', 'OWNER'), undefined).ok).toBe(false);
  });

  it('refuses an issue without an author (a deleted account)', () => {
    expect(reportAuthorVerdict({ user: null, author_association: 'OWNER' }, null)).toEqual({ ok: false, reason: 'its author is unknown' });
    expect(reportAuthorVerdict({ user: null }, 'listkeeper[bot]').ok).toBe(false);
  });
});
