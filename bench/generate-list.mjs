/**
 * Generates a list in the seed's style: many sections, nested items
 * (`paper`, `code:`, `blog:` groups), WeChat-style blog entries with nested
 * reposts, a few defects. Deterministic for a given entry count.
 */
export function generateList(entries, seed = 1) {
  let state = seed >>> 0;
  const rand = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const sources = ['AINLP', '机器之心', '量子位', 'Datawhale', '李rumor', '新智元', 'CS的陋室', '深度学习自然语言处理'];
  const id = () => Array.from({ length: 22 }, () => pick('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-')).join('');
  const date = () => {
    const y = 2021 + Math.floor(rand() * 3);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const out = ['# Awesome Chatbots (generated)', ''];
  let made = 0;
  let section = 0;
  while (made < entries) {
    section++;
    out.push(`## Section ${section}`, '');
    for (let topic = 0; topic < 5 && made < entries; topic++) {
      out.push(`### Topic ${section}.${topic}`);
      out.push(`  * Model${section}x${topic}`);
      out.push(`    - [paper](https://arxiv.org/abs/23${String(section % 100).padStart(2, '0')}.${String(10000 + topic * 7 + section).slice(-5)}): A paper about model ${section}.${topic}`);
      out.push('    - author: Lab ' + topic);
      out.push('    - blog:');
      for (let k = 0; k < 18 && made < entries; k++) {
        out.push(`      - [文章 ${section}-${topic}-${k} 讲解](https://mp.weixin.qq.com/s/${id()}) | ${pick(sources)} ${date()}${rand() < 0.05 ? ' :thumbsup:' : ''}`);
        made++;
        if (rand() < 0.2 && made < entries) {
          out.push(`        - [转载 ${section}-${topic}-${k}](https://zhuanlan.zhihu.com/p/${Math.floor(rand() * 1e9)}) | ${pick(sources)} ${date()}`);
          made++;
        }
      }
      out.push('');
    }
  }
  return out.join('\n') + '\n';
}
