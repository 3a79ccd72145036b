// One interaction received over HTTP, answered the way discord-responder.ts expects of a
// discord.js interaction: the first answer (a reply, an update of the clicked message, a modal or
// a deferral) becomes the body of the HTTP response, which is how Discord wants an Interactions
// Endpoint URL answered; everything after it goes through REST with the interaction token (edit
// the original, follow-ups), once the HTTP response is out. A first answer with files cannot be
// an HTTP body of JSON: it is deferred and the files come with the edit of the original.
import type { API } from '@discordjs/core';
import type { Logger } from 'pino';
import { briefError } from './discord-payloads.ts';
import type { RespondableInteraction } from './discord-responder.ts';
import { restMessage, withoutFlags } from './discord-rest-messages.ts';

const EPHEMERAL = 1 << 6;

/** The initial response: what the HTTP request is answered with. */
export interface InitialResponse {
  type: 4 | 5 | 6 | 7 | 9;
  data?: Record<string, unknown>;
}

export interface HttpInteraction {
  /** What the responder drives. */
  respondable: RespondableInteraction;
  /** Resolves with the first answer, when there is one. */
  initial: Promise<InitialResponse>;
  /** Whether a first answer was given. */
  answered(): boolean;
  /**
   * Nothing was said at all: a click is acknowledged without a change; anything else gets a
   * private deferral, deleted once the response is out (Discord would show a failure otherwise).
   */
  acknowledgeSilently(): InitialResponse;
  /** The HTTP response went out (or could not): REST calls with the token may follow (or fail). */
  responded(ok: boolean): void;
}

export interface HttpInteractionIds {
  /** The application (bot) id: webhooks are addressed by it. */
  applicationId: string;
  token: string;
  /** Interaction type: 3 component, 5 modal submission… */
  type: number;
}

export function httpInteraction(api: API, ids: HttpInteractionIds, logger: Pick<Logger, 'warn'>): HttpInteraction {
  let first: InitialResponse | undefined;
  let resolveInitial!: (response: InitialResponse) => void;
  const initial = new Promise<InitialResponse>((resolve) => (resolveInitial = resolve));
  let markSent!: (ok: boolean) => void;
  const sent = new Promise<boolean>((resolve) => (markSent = resolve));
  /** Waits for the HTTP response: the token's webhook only exists once Discord has the first answer. */
  const afterResponse = async (): Promise<void> => {
    if (!(await sent)) throw new Error('the interaction response did not go out');
  };

  const answer = (response: InitialResponse): void => {
    if (first) throw new Error(`interaction answered twice (${first.type}, then ${response.type})`);
    first = response;
    resolveInitial(response);
  };
  const edit = async (options: Record<string, unknown>): Promise<void> => {
    await afterResponse();
    const { body, files } = withoutFlags(restMessage(options));
    await api.interactions.editReply(ids.applicationId, ids.token, { ...body, files } as never);
  };

  const respondable: RespondableInteraction = {
    async reply(options) {
      const message = restMessage(options);
      if (message.files.length === 0) return answer({ type: 4, data: message.body });
      answer({ type: 5, data: { flags: Number(message.body['flags'] ?? 0) & EPHEMERAL } });
      await edit(options);
    },
    async deferReply(options) {
      answer({ type: 5, data: { flags: Number(options['flags'] ?? 0) & EPHEMERAL } });
    },
    editReply: edit,
    async deleteReply() {
      await afterResponse();
      await api.interactions.deleteReply(ids.applicationId, ids.token);
    },
    async followUp(options) {
      await afterResponse();
      const { body, files } = restMessage(options);
      await api.interactions.followUp(ids.applicationId, ids.token, { ...body, files } as never);
    },
    // Only a click can update its message, and a modal cannot answer a modal submission.
    ...(ids.type === 3
      ? {
          async update(options: Record<string, unknown>) {
            const { body, files } = withoutFlags(restMessage(options));
            if (files.length === 0) return answer({ type: 7, data: body });
            answer({ type: 6 });
            await edit(options);
          },
        }
      : {}),
    ...(ids.type !== 5 ? { showModal: async (modal: Record<string, unknown>) => answer({ type: 9, data: modal }) } : {}),
  };

  return {
    respondable,
    initial,
    answered: () => first !== undefined,
    acknowledgeSilently() {
      if (ids.type === 3) {
        answer({ type: 6 });
      } else {
        answer({ type: 5, data: { flags: EPHEMERAL } });
        void respondable.deleteReply().catch((error: unknown) => logger.warn({ error: briefError(error) }, 'discord: could not remove the silent deferral'));
      }
      return first!;
    },
    responded: (ok) => markSent(ok),
  };
}
