// A local stand-in for an OpenAI-compatible chat-completions server, on 127.0.0.1 only. It
// records every request (headers and JSON body) and answers what the test set: a message whose
// content is given as is, a raw body, an HTTP status, optionally after a delay.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LlmRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface LlmAnswer {
  /** `choices[0].message.content`: an object is sent as its JSON text, a string as is. */
  content?: unknown;
  /** The whole response body as is (takes the place of `content`). */
  raw?: string;
  status?: number;
  delayMs?: number;
}

export interface LlmFake {
  /** The full chat-completions URL. */
  url: string;
  requests: LlmRequest[];
  /** What every following request gets. */
  answer(answer: LlmAnswer): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startLlmFake(): Promise<LlmFake> {
  const requests: LlmRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let current: LlmAnswer = { content: { command: null, args: {}, confidence: 0 } };

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the test sees what was sent.
    }
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    const answer = current;
    const send = () => {
      timers.delete(timer);
      if (response.destroyed) return;
      const content = typeof answer.content === 'string' ? answer.content : JSON.stringify(answer.content);
      const payload = answer.raw ?? JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });
      response.writeHead(answer.status ?? 200, { 'content-type': 'application/json' }).end(payload);
    };
    const timer = setTimeout(send, answer.delayMs ?? 0);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    requests,
    answer: (answer) => {
      current = answer;
    },
    reset: () => {
      requests.length = 0;
      current = { content: { command: null, args: {}, confidence: 0 } };
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
