/**
 * A news page in GBK, as older Chinese sites serve it, written as bytes by
 * hand (no encoder in the dependencies): the Chinese parts are fixed GBK byte
 * sequences, the markup is ASCII.
 */

/** 大模型评测综述 ("a survey of LLM evaluation") and 机器之心 (a news site), in GBK. */
export const GBK = {
  title: new Uint8Array([0xb4, 0xf3, 0xc4, 0xa3, 0xd0, 0xcd, 0xc6, 0xc0, 0xb2, 0xe2, 0xd7, 0xdb, 0xca, 0xf6]),
  source: new Uint8Array([0xbb, 0xfa, 0xc6, 0xf7, 0xd6, 0xae, 0xd0, 0xc4]),
};

/** The page's bytes, with `head` (a `<meta>` declaring the charset, or nothing) first in its head. */
export function gbkPage(head: string): Uint8Array {
  const ascii = (text: string) => Buffer.from(text, 'latin1');
  return Buffer.concat([
    ascii(`<!DOCTYPE html>\n<html>\n<head>\n${head}\n<title>`),
    GBK.title,
    ascii('</title>\n<meta property="og:site_name" content="'),
    GBK.source,
    ascii('">\n<meta property="article:published_time" content="2023-04-12T10:00:00+08:00">\n</head>\n<body><h1>'),
    GBK.title,
    ascii('</h1></body>\n</html>\n'),
  ]);
}
