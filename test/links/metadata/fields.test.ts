/** Days in the page's time zone and titles without the site's name, as a list entry needs them. */
import { describe, expect, it } from 'vitest';
import { CHINA_OFFSET_MINUTES, cleanTitle, dayOfDateText, dayOfUnixTime } from '../../../src/links/metadata/fields.js';

describe('publish days', () => {
  it.each([
    ['2023/03/15', undefined, '2023-03-15'],
    ['2023-3-5', undefined, '2023-03-05'],
    ['2023-04-12T23:30:00-07:00', undefined, '2023-04-12'],
    ['2023-04-12T23:30:00+0800', undefined, '2023-04-12'],
    // Zhihu writes UTC; its readers (and the list) see the day in Beijing.
    ['2023-01-17T16:30:12.000Z', CHINA_OFFSET_MINUTES, '2023-01-18'],
    ['2023-01-17T15:59:59Z', CHINA_OFFSET_MINUTES, '2023-01-17'],
    // A day without a time is already a day wherever it was written.
    ['2023-01-17', CHINA_OFFSET_MINUTES, '2023-01-17'],
  ])('%s (zone %s) is %s', (text, zone, day) => {
    expect(dayOfDateText(text, zone)).toEqual({ value: day });
  });

  it.each(['2023-02-29', '2023-13-01', 'yesterday', '12/03/2023', ''])('%s is no day', (text) => {
    expect(dayOfDateText(text)).toBeNull();
  });

  it('reads Unix seconds and milliseconds as a day in UTC+8', () => {
    expect(dayOfUnixTime('1681232400', CHINA_OFFSET_MINUTES)).toEqual({ value: '2023-04-12' });
    expect(dayOfUnixTime(1681232400000, CHINA_OFFSET_MINUTES)).toEqual({ value: '2023-04-12' });
    expect(dayOfUnixTime('1681232400', 0)).toEqual({ value: '2023-04-11' });
    expect(dayOfUnixTime('', CHINA_OFFSET_MINUTES)).toBeNull();
    expect(dayOfUnixTime('0', CHINA_OFFSET_MINUTES)).toBeNull();
  });
});

describe('titles', () => {
  it.each([
    ['通向AGI之路：大型语言模型（LLM）技术精要 - 知乎', [], '通向AGI之路：大型语言模型（LLM）技术精要'],
    ['【李宏毅】ChatGPT 原理剖析_哔哩哔哩_bilibili', [], '【李宏毅】ChatGPT 原理剖析'],
    ['ChatGPT 原理剖析_哔哩哔哩', [], 'ChatGPT 原理剖析'],
    ['InstructGPT 论文精读_某某的博客-CSDN博客', [], 'InstructGPT 论文精读'],
    ['Prompt Engineering | Lil\'Log', ["Lil'Log"], 'Prompt Engineering'],
    ['Prompt Engineering – The Example Blog', ['the example blog'], 'Prompt Engineering'],
    // Not the site's name: part of the title.
    ['GPT-4 | Technical Report', ['Example'], 'GPT-4 | Technical Report'],
    ['A - B', [], 'A - B'],
    // Never empty.
    ['知乎', ['知乎'], '知乎'],
  ])('%s → %s', (title, names, cleaned) => {
    expect(cleanTitle(title, names)).toBe(cleaned);
  });
});
