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

  it('with the login unknown accepts a bot, an owner, a member or a collaborator, and refuses everyone else', () => {
    expect(reportAuthorVerdict(by('github-actions[bot]', 'Bot', 'NONE'), null).ok).toBe(true);
    for (const association of ['OWNER', 'MEMBER', 'COLLABORATOR']) {
      expect(reportAuthorVerdict(by('maintainer', 'User', association), undefined).ok).toBe(true);
    }
    for (const association of ['CONTRIBUTOR', 'FIRST_TIME_CONTRIBUTOR', 'FIRST_TIMER', 'NONE']) {
      expect(reportAuthorVerdict(by('mallory', 'User', association), null)).toEqual({
        ok: false,
        reason: `it was opened by @mallory (${association}), neither a bot nor an owner, member or collaborator`,
      });
    }
    // A login that merely ends in [bot] is not a bot: the account type says so.
    expect(reportAuthorVerdict(by('mallory[bot]', 'User', 'NONE'), null).ok).toBe(false);
  });

  it('refuses an issue without an author (a deleted account)', () => {
    expect(reportAuthorVerdict({ user: null, author_association: 'OWNER' }, null)).toEqual({ ok: false, reason: 'its author is unknown' });
    expect(reportAuthorVerdict({ user: null }, 'listkeeper[bot]').ok).toBe(false);
  });
});
