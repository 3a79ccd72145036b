// Figures replies (the longest the bot writes, with a chart) rendered by the real Slack and
// Discord renderers stay within the platforms' limits, in both languages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMessages } from '../../adapters/slack/block-kit.renderer.ts';
import { renderDiscordMessages } from '../../adapters/discord/discord-message.renderer.ts';
import type { Reply } from '../../src/core/types.ts';
import { openHarness, type Harness } from '../support/chat-harness.ts';
import { loadKpiDataset, type LoadedDataset } from '../support/kpi-dataset.ts';

let h: Harness;
let d: LoadedDataset;
beforeAll(async () => {
  h = await openHarness({ now: '2026-11-24T09:00:00Z' });
  d = await loadKpiDataset(h);
});
afterAll(async () => {
  await h.close();
});

const slackTexts = (blocks: Array<Record<string, any>>): string[] =>
  blocks.flatMap((b) => [b['text']?.text, ...(b['fields'] ?? []).map((f: { text: string }) => f.text), ...(b['elements'] ?? []).map((e: { text?: string }) => e.text)]).filter((t): t is string => typeof t === 'string');

function checkSlack(reply: Reply): void {
  for (const message of renderMessages(reply)) {
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text.length).toBeLessThanOrEqual(40_000);
    for (const text of slackTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
    for (const block of message.blocks) if (block['fields']) expect((block['fields'] as unknown[]).length).toBeLessThanOrEqual(10);
  }
}

function checkDiscord(reply: Reply): void {
  const messages = renderDiscordMessages(reply);
  for (const message of messages) {
    expect((message.content ?? '').length).toBeLessThanOrEqual(2000);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    for (const embed of message.embeds) {
      expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
      expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    }
  }
  const images = reply.blocks.filter((b) => b.type === 'image').length;
  expect(messages.flatMap((m) => m.files ?? []).length).toBe(images);
}

describe('figures replies within platform limits', () => {
  for (const locale of ['fr-FR', 'en-US']) {
    it(`renders /kpi, /kpi list, /pipeline and the ranking (${locale})`, async () => {
      const ada = await d.sessions['ada']!.as({ user: 'U-ada', locale });
      const lines = ['/kpi', '/kpi list', '/kpi revenue month all', '/kpi revenue_per_rep month all', '/pipeline month all', '/objective list'];
      for (const line of lines) {
        await ada.send(line);
        expect(ada.replies.length, line).toBeGreaterThan(0);
        for (const reply of ada.replies) {
          checkSlack(reply);
          checkDiscord(reply);
        }
      }
      await ada.send('/pipeline month all');
      expect(ada.replies[0]!.blocks.some((b) => b.type === 'image')).toBe(true);
    });
  }
});
