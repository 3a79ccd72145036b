// Load generator for slack-ack.bench.ts, run as its own process so that generating load does
// not steal the event loop of the server being measured. Prints autocannon's result as JSON.
//   tsx test/bench/slack-load.worker.ts <port> <team> <responseUrl> <seconds> <connections> <rate>
import autocannon from 'autocannon';
import { sign, slashCommandBody } from '../support/slack-requests.ts';

const [port, team, responseUrl, seconds, connections, rate] = process.argv.slice(2);
let n = 0;
const result = await autocannon({
  url: `http://127.0.0.1:${port}/slack/events`,
  connections: Number(connections),
  duration: Number(seconds),
  ...(Number(rate) > 0 ? { overallRate: Number(rate) } : {}),
  requests: [
    {
      method: 'POST',
      // A fresh trigger_id per request: every request is new work, not a deduplicated retry.
      setupRequest: (request) => {
        n += 1;
        const body = slashCommandBody({ command: '/log', text: `call Acme outbound 20min positive Load test ${n}`, team: team!, responseUrl: responseUrl!, triggerId: `bench.${process.pid}.${n}` });
        return { ...request, body, headers: sign(body) };
      },
    },
  ],
});
process.stdout.write(
  JSON.stringify({ p50: result.latency.p50, p99: result.latency.p99, mean: result.latency.average, rps: result.requests.average, non2xx: result.non2xx, errors: result.errors + result.timeouts }),
);
