/**
 * `/add`'s planning in the App's parsing worker: the two steps (the listed
 * short WeChat addresses to read, then the plan with what they name) cross
 * the worker boundary, the identities as a Map.
 */
import { describe, expect, it } from 'vitest';
import { workerCoreSteps } from '../../src/app/core-worker.js';
import { defaultConfig } from '../../src/core/config/config-types.js';
import { wechatPage } from '../core/add/helpers.js';

const SHORT = 'https://mp.weixin.qq.com/s/SameDay';
const LONG = 'https://mp.weixin.qq.com/s?__biz=MzA3MzI4MjgzMw==&mid=1&idx=1';
const LIST = ['# Reading', '', '## Blogs', '', `- [ChatGLM 内测](${SHORT}) | 机器之心 2023-03-14`, ''].join('\n');

describe("/add's planning in the worker", () => {
  it('asks for the listed short address, then refuses the same article with what its page named', async () => {
    const steps = workerCoreSteps({ timeMs: 20_000, memoryMb: 256 }, 1);
    const page = wechatPage(LONG, { title: 'ChatGLM-6B 开源', source: '机器之心', date: '2023-03-14', identity: 'wechat:MzA3MzI4MjgzMw==/1/1' });
    const input = { lists: [{ path: 'README.md', text: LIST }], page, request: { url: LONG, to: 'Blogs' }, config: defaultConfig() };
    expect(await steps.planAdd(input)).toEqual({ ok: false, kind: 'read-listed', pages: [SHORT] });
    const plan = await steps.planAdd({ ...input, listed: new Map([[SHORT, 'wechat:MzA3MzI4MjgzMw==/1/1']]) });
    expect(plan).toMatchObject({ ok: false, kind: 'duplicate', path: 'README.md', line: 5 });
  }, 120_000);
});
