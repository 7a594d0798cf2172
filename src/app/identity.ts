/**
 * Who the App is on GitHub: its bot login (`<slug>[bot]`), asked once per
 * process with the App's JWT and kept. The workflows use it to find their
 * own comments, the handlers to skip events the App caused.
 */
import type { Probot } from 'probot';

export class AppIdentity {
  readonly #app: Probot;
  #login: Promise<string | null> | null = null;

  constructor(app: Probot) {
    this.#app = app;
  }

  /** `listkeeper[bot]`, or null when GitHub would not say (then nothing is skipped by login). */
  login(): Promise<string | null> {
    this.#login ??= this.#fetch().then(
      (login) => login,
      (error: unknown) => {
        this.#login = null; // ask again next time
        this.#app.log.warn({ err: error }, 'could not read the App identity (GET /app)');
        return null;
      },
    );
    return this.#login;
  }

  async #fetch(): Promise<string | null> {
    const octokit = await this.#app.auth();
    const { data } = await octokit.rest.apps.getAuthenticated();
    const slug = data?.slug;
    return slug ? `${slug}[bot]` : null;
  }
}
