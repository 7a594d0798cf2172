/**
 * What the Action's runner shows for a workflow (src/action/workflows.ts): the
 * job summary's places link to their lines in the commit that was read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pickWorkflow } from '../../src/action/event.js';
import { readInputs } from '../../src/action/inputs.js';
import { overflowSection } from '../../src/action/report.js';
import { runWorkflow, type RunnableChoice } from '../../src/action/workflows.js';
import { api, makeClient, makeContext, mockDefaultBranch, OWNER, REPO_PATH, setUpNock, tearDownNock, unmovableSection } from '../github/helpers.js';

beforeEach(setUpNock);
afterEach(() => {
  expect(tearDownNock()).toEqual([]);
});

function inputs() {
  const read = readInputs((name) => (name === 'github-token' ? 'ghs_test' : name === 'mode' ? 'fix' : ''));
  if (!read.ok) throw new Error(read.error);
  return read.inputs;
}

describe('the scheduled upkeep job summary', () => {
  it('links the line of a list it cannot sort safely to the default branch commit, on the configured server', async () => {
    mockDefaultBranch(unmovableSection('## Papers').join('\n'));
    api().get(`${REPO_PATH}/pulls`).query({ head: `${OWNER}:listkeeper/upkeep`, state: 'open', per_page: 10 }).reply(200, []);
    const ctx = makeContext({ serverUrl: 'https://github.acme.test' });

    const outcome = await runWorkflow(pickWorkflow('schedule', {}, 'fix') as RunnableChoice, makeClient(), ctx, inputs());

    const base = 'https://github.acme.test/octo-lists/awesome-llm/blob/main-sha/';
    expect(outcome.summary).toContain(`- ⚠️ \`README.md\` [line 4](${base}README.md#L4): \`the list in section 'Papers' (line 3)\` is not sorted by date`);
    expect(outcome.blobBase).toBe(base);
    // The messages that do not fit as annotations link the same way.
    const overflow = overflowSection([{ path: 'README.md', startLine: 4, endLine: 4, level: 'warning', title: 'listkeeper: sort-order', message: 'x' }], outcome.blobBase);
    expect(overflow).toContain(`[\`README.md:4\`](${base}README.md#L4)`);
  });
});
