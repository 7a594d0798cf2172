/**
 * Built-in knowledge of sites whose answers lie: WeChat serves deleted
 * articles and its anti-bot checks as 200 pages; Zhihu answers bots with 403.
 */
import type { Verdict } from './types.js';

export interface QuirkVerdict {
  verdict: Verdict;
  reason: string;
}

interface SiteQuirk {
  matches(host: string): boolean;
  /** Whether the page body must be read to judge this site (then HEAD is skipped). */
  needsBody: boolean;
  judge(status: number, body: string | null): QuirkVerdict | null;
}

const WECHAT_DEAD: Array<[RegExp, string]> = [
  [/该内容已被发布者删除|此内容已被发布者删除|已被发布者删除/, 'article deleted by its author'],
  [/该内容已被发送人删除/, 'article deleted by its sender'],
  [/此内容因违规无法查看|因违规无法查看|涉嫌违反相关法律法规和政策|此内容被多人投诉/, 'article removed for a violation'],
  [/链接已过期|该链接已过期/, 'link expired'],
  // The account's articles all show one of these once it is closed, banned, frozen or moved; 帐号 and 账号 both occur.
  [/该公众号已迁移|[此该][帐账]号已(?:被屏蔽|自主注销|注销|被封禁|被冻结)|此公众号已(?:被屏蔽|注销)/, 'account gone'],
];

const WECHAT_BLOCKED = /环境异常|访问过于频繁|完成验证|请稍后再试.{0,20}频繁|去验证/;

const wechat: SiteQuirk = {
  matches: (host) => host === 'mp.weixin.qq.com',
  needsBody: true,
  judge(status, body) {
    if (body !== null) {
      for (const [pattern, why] of WECHAT_DEAD) if (pattern.test(body)) return { verdict: 'dead', reason: `WeChat: ${why}` };
      if (WECHAT_BLOCKED.test(body)) return { verdict: 'blocked', reason: 'WeChat: verification page (too frequent)' };
    }
    if (status === 403 || status === 429) return { verdict: 'blocked', reason: `WeChat: HTTP ${status}` };
    return null;
  },
};

const ZHIHU_DEAD = /你似乎来到了没有知识存在的荒原|该内容暂无法显示|内容已被删除|该文章已被删除|页面不存在/;

const zhihu: SiteQuirk = {
  matches: (host) => host === 'zhihu.com' || host.endsWith('.zhihu.com'),
  needsBody: false,
  judge(status, body) {
    if (body !== null && ZHIHU_DEAD.test(body)) return { verdict: 'dead', reason: 'Zhihu: page not found' };
    if (status === 403) return { verdict: 'blocked', reason: 'Zhihu: HTTP 403 (refuses bots)' };
    return null;
  },
};

const QUIRKS: readonly SiteQuirk[] = [wechat, zhihu];

/** The built-in verdict for a site, or null when the site has no quirk or the page says nothing special. */
export function siteQuirkVerdict(host: string, status: number, body: string | null): QuirkVerdict | null {
  for (const quirk of QUIRKS) if (quirk.matches(host)) return quirk.judge(status, body);
  return null;
}

export function siteNeedsBody(host: string): boolean {
  return QUIRKS.some((quirk) => quirk.matches(host) && quirk.needsBody);
}
