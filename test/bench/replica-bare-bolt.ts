// The bare Bolt app for replicas.bench.ts, in a process of its own like a Relance replica:
// Bolt 5.1's HTTPReceiver (signature check, body parsing) and one command listener that only
// acks. Prints `port <n>` once listening; stops on SIGTERM.
//   tsx test/bench/replica-bare-bolt.ts <signing secret> <slack api url>
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const [signingSecret, apiUrl] = process.argv.slice(2);
const app = new App({
  token: 'xoxb-bench',
  receiver: new HTTPReceiver({ signingSecret: signingSecret!, processBeforeResponse: false }),
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: apiUrl! },
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
const server = (await app.start(0)) as Server;
process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
process.once('SIGTERM', () => {
  server.closeAllConnections();
  void app.stop().finally(() => process.exit(0));
});
