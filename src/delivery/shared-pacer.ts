// The process's pacer: one per process, because the platforms' limits are per workspace, per
// channel or per bot, whoever sends. Adapters use it unless given another; the runtime (or a
// test) may replace it, e.g. with limits divided among replicas or scaled down.
import { Gauge } from 'prom-client';
import { metricsRegistry } from '../ops/metrics.ts';
import { Pacer } from './pacer.ts';
import { limitResolver, platformLimits } from './platform-limits.ts';

let shared: Pacer | undefined;

/** The pacer adapters use by default: the documented limits, one replica. */
export function sharedPacer(): Pacer {
  shared ??= new Pacer({ limitFor: limitResolver(platformLimits()) });
  return shared;
}

/** Replaces the process's pacer (undefined: back to the documented limits on next use). */
export function setSharedPacer(pacer: Pacer | undefined): void {
  shared = pacer;
}

/** Calls held by the pacer at scrape time, per platform: a queue that keeps growing means sends outpace the limits. */
export const pacingQueueDepth = new Gauge({
  name: 'relance_platform_pacing_queue_depth',
  help: 'Outgoing platform calls waiting for their turn in the pacer (per workspace, channel or bot limits).',
  labelNames: ['platform'] as const,
  registers: [metricsRegistry],
  collect() {
    for (const platform of ['slack', 'discord']) this.set({ platform }, shared?.depth(platform) ?? 0);
  },
});
