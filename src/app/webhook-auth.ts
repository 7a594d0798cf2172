/**
 * A webhook whose signature does not match is a failed authentication, and
 * the App answers it with 401. Probot 14's middleware (@octokit/webhooks 14)
 * already refuses it before any handler runs, but with 400; it takes the
 * status from the error `verifyAndReceive` throws, so the App's own
 * `verifyAndReceive` marks that error 401 and changes nothing else.
 * (A request without the signature header never gets that far: the
 * middleware answers 400 "Required headers missing" itself.)
 */

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
