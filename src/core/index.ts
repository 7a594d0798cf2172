export * from './types.js';
export * from './config-types.js';
export { parseList, modelFromTree, parseMarkdown } from './parse.js';
export { pointAt, buildLineStarts } from './position.js';
export { parseDate, today } from './date.js';
export { normalizeUrl, requestUrl, withScheme, arxivId } from './url.js';
