/**
 * Reactions and replies where a command was asked: on its comment, or (for
 * an issue labelled for `/add`) on the issue itself. Their own failures are
 * logged, never thrown: a reply that cannot be posted must not undo the work.
 */
import type { GitHubClient, WorkflowContext } from '../context.js';
import { describeError } from '../git/http-error.js';
import { COMMAND_REPLY_MARKER } from '../markers.js';
import { fitBody } from '../markdown.js';

export type Reaction = 'eyes' | 'rocket' | 'confused';

export interface CommandPlace {
  issueNumber: number;
  /** The command's comment; null when the issue itself asked (a label). */
  commentId: number | null;
}

export class CommandIo {
  constructor(
    private readonly client: GitHubClient,
    private readonly ctx: WorkflowContext,
    private readonly place: CommandPlace,
  ) {}

  get issueNumber(): number {
    return this.place.issueNumber;
  }

  async react(content: Reaction): Promise<void> {
    if (this.ctx.dryRun) return;
    const { owner, repo } = this.ctx;
    try {
      if (this.place.commentId === null) {
        await this.client.rest.reactions.createForIssue({ owner, repo, issue_number: this.place.issueNumber, content });
      } else {
        await this.client.rest.reactions.createForIssueComment({ owner, repo, comment_id: this.place.commentId, content });
      }
    } catch (error) {
      this.ctx.logger.warning(`could not react ${content}: ${describeError(error)}`);
    }
  }

  async reply(text: string): Promise<void> {
    if (this.ctx.dryRun) {
      this.ctx.logger.info(`dry run: would reply: ${text.split('\n')[0]}`);
      return;
    }
    try {
      await this.client.rest.issues.createComment({
        owner: this.ctx.owner,
        repo: this.ctx.repo,
        issue_number: this.place.issueNumber,
        body: fitBody(`${COMMAND_REPLY_MARKER}\n${text}`, "\n\n…(cut to fit GitHub's comment size limit)"),
      });
    } catch (error) {
      this.ctx.logger.warning(`could not reply on #${this.place.issueNumber}: ${describeError(error)}`);
    }
  }

  async fail(text: string): Promise<void> {
    await this.react('confused');
    await this.reply(`😕 ${text}`);
  }
}
