/**
 * A webhook whose signature is wrong or missing is a failed authentication,
 * and the App answers it with 401. Probot 14's middleware (@octokit/webhooks 14)
 * already refuses both before any handler runs, but with 400:
 * - a wrong signature: it takes the status from the error `verifyAndReceive`
 *   throws, so the App's own `verifyAndReceive` marks that error 401;
 * - no signature header: it answers 400 "Required headers missing" itself, so
 *   the App wraps the middleware Probot's server asks for at start-up and
 *   answers such a POST to the webhook path with 401 before it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

const SIGNATURE_MISMATCH = 'signature does not match';

interface VerifyingWebhooks {
  verifyAndReceive: (options: never) => Promise<void>;
}

export function answerBadSignaturesWith401(webhooks: VerifyingWebhooks): void {
  const verifyAndReceive = webhooks.verifyAndReceive;
  webhooks.verifyAndReceive = async (options: never): Promise<void> => {
    try {
      await verifyAndReceive(options);
    } catch (error) {
      for (const inner of innerErrors(error)) {
        if (inner instanceof Error && inner.message.includes(SIGNATURE_MISMATCH)) Object.assign(inner, { status: 401 });
      }
      throw error;
    }
  };
}

function innerErrors(error: unknown): unknown[] {
  return error instanceof AggregateError ? [...(error.errors as unknown[])] : [error];
}

type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next?: () => void) => Promise<boolean>;

interface MiddlewareSource {
  readonly webhookPath: string;
  getNodeMiddleware: (options?: never) => Promise<NodeMiddleware>;
}

/** Probot's server calls `getNodeMiddleware` after loading the app function, so the wrapper is in place by then. */
export function answerUnsignedWebhooksWith401(probot: MiddlewareSource): void {
  const getNodeMiddleware = probot.getNodeMiddleware.bind(probot);
  probot.getNodeMiddleware = async (options?: never): Promise<NodeMiddleware> => {
    const inner = await getNodeMiddleware(options);
    return async (req, res, next) => {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'POST' && path === probot.webhookPath && !req.headers['x-hub-signature-256']) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'missing x-hub-signature-256: webhooks must be signed with the webhook secret' }));
        return true;
      }
      return inner(req, res, next);
    };
  };
}
