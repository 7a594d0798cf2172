import { describe, expect, it } from 'vitest';
import { parseAddCommandLine, parseIssueForm } from '../../src/github/commands/add/add-args.js';
import { parseCommand, ignoreReason, type CommentEvent } from '../../src/github/commands/command-parse.js';
import type { WorkflowContext } from '../../src/github/context.js';

describe('/add command line', () => {
  it('is a command on issues and pull requests, only as the first line', () => {
    expect(parseCommand('/add https://example.org/a')).toBe('add');
    expect(parseCommand('/add')).toBe('add');
    expect(parseCommand('/address the review')).toBeNull();
    expect(parseCommand('please /add https://example.org/a')).toBeNull();
    const ctx = { selfLogin: 'github-actions[bot]' } as WorkflowContext;
    const onIssue: CommentEvent = { action: 'created', issue: { number: 3, user: null }, comment: { id: 1, body: '/add https://example.org/a', user: { login: 'm', type: 'User' } } };
    expect(ignoreReason(onIssue, ctx)).toBeNull();
  });

  it("ignores the tool's own comment however GitHub cases its login (logins are case-insensitive)", () => {
    const ctx = { selfLogin: 'ListKeeper-Bot' } as WorkflowContext;
    const own: CommentEvent = { action: 'created', issue: { number: 3, user: null }, comment: { id: 1, body: '/sort', user: { login: 'listkeeper-bot', type: 'User' } } };
    expect(ignoreReason(own, ctx)).toBe("the tool's own comment");
  });

  it('reads the URL, the list path as the rest of the words, and the overrides in quotes', () => {
    expect(parseAddCommandLine('/add https://mp.weixin.qq.com/s/abc ChatGLM › blog --date 2024-01-02 --source "Zhipu AI"')).toEqual({
      ok: true,
      request: { url: 'https://mp.weixin.qq.com/s/abc', to: 'ChatGLM › blog', date: '2024-01-02', source: 'Zhipu AI' },
    });
    expect(parseAddCommandLine('/add https://example.org/a --title “大模型 | 综述”')).toEqual({ ok: true, request: { url: 'https://example.org/a', title: '大模型 | 综述' } });
    expect(parseAddCommandLine('/add https://example.org/a --to "Blogs"')).toEqual({ ok: true, request: { url: 'https://example.org/a', to: 'Blogs' } });
  });

  it('says what is wrong with a line it cannot read', () => {
    expect(parseAddCommandLine('/add')).toEqual({ ok: false, error: 'the URL is missing' });
    expect(parseAddCommandLine('/add https://example.org/a --date')).toEqual({ ok: false, error: '--date needs a value' });
    expect(parseAddCommandLine('/add https://example.org/a --tags x')).toEqual({ ok: false, error: '--tags is not an option of /add' });
    expect(parseAddCommandLine('/add https://example.org/a --title "open')).toEqual({ ok: false, error: 'the quote " at column 36 is not closed' });
  });
});

describe('the "Suggest an article" form', () => {
  it('reads the answers GitHub renders under each label, an empty optional field as absent', () => {
    const body = ['### URL', '', 'https://mp.weixin.qq.com/s/abc', '', '### List path', '', '_No response_', '', '### Date', '', '2024-01-02', ''].join('\n');
    expect(parseIssueForm(body)).toEqual({ ok: true, request: { url: 'https://mp.weixin.qq.com/s/abc', date: '2024-01-02' } });
    expect(parseIssueForm('### Link\r\n\r\nhttps://example.org/a\r\n\r\n### List path\r\n\r\nBlogs\r\n')).toEqual({ ok: true, request: { url: 'https://example.org/a', to: 'Blogs' } });
  });

  it('says when the issue has no URL answer (not made with the form)', () => {
    expect(parseIssueForm('Please add https://example.org/a')).toEqual({ ok: false, error: 'the issue has no answer under a `### URL` heading' });
  });
});
